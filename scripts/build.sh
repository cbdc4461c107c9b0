#!/usr/bin/env bash
# Release build for deployment: dist/ for a public URL, with .gz/.br beside the large assets.
# Usage: scripts/build.sh [--public-url /news/] [--out DIR]
# Upload DIR as-is (deploy/README.md has the nginx, GitHub Pages and generic-host recipes).
set -euo pipefail
cd "$(dirname "$0")/.."
public_url=/; out=dist
while [ $# -gt 0 ]; do case "$1" in
  --public-url) public_url="$2"; shift ;;
  --out) out="$2"; shift ;;
  *) echo "unknown option: $1 (usage: scripts/build.sh [--public-url /news/] [--out DIR])" >&2; exit 2 ;;
esac; shift; done
case "$public_url" in /*/ | /) ;; *) echo "--public-url must start and end with /: $public_url" >&2; exit 2 ;; esac
scripts/setup.sh --nginx
source scripts/env.sh
# trunk's hook (newsfront-site post-build) builds the feed and the pages, checks that the wasm
# runs in old WebViews and precompresses.
scripts/trunk.sh build --offline --release --public-url "$public_url" --dist "$out"
echo "built $out for $public_url; Content-Security-Policy for the host's header:"
cargo run --quiet -p newsfront-site -- csp "$out"
