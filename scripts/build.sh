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
# The trunk hook builds the feed, moves the loader into a hashed file and writes the CSP meta.
scripts/trunk.sh build --offline --release --public-url "$public_url" --dist "$out"
# The module must run in WeChat's oldest XWeb (Chrome 86) and iOS 14.5 (docs/reach.md).
for wasm in "$out"/*.wasm; do
  wasm-validate $NEWSFRONT_WASM_VALIDATE_FLAGS "$wasm" \
    || { echo "error: $wasm uses wasm features that old WebViews lack" >&2; exit 1; }
done
python3 deploy/newsfront-deploy.py compress "$out"
echo "built $out for $public_url; Content-Security-Policy for the host's header:"
python3 deploy/newsfront-deploy.py csp "$out"
