#!/usr/bin/env bash
# Release build for deployment: dist/ for a public URL, with .gz/.br beside the large assets.
# Usage: scripts/build.sh [--public-url /news/] [--out DIR] [--previous DIR] [--keep-days N]
# Upload DIR as-is (deploy/README.md has the nginx, GitHub Pages and generic-host recipes).
# Safe deploys (docs/offline.md): the hashed files of the build deployed before (--previous, the
# docroot's copy; by default DIR as it was before this build) are kept in DIR for --keep-days
# days (7) after they left the build, so a tab still running the old build loads its own files.
set -euo pipefail
cd "$(dirname "$0")/.."
public_url=/; out=dist; previous=""; keep_days=7
usage="usage: scripts/build.sh [--public-url /news/] [--out DIR] [--previous DIR] [--keep-days N]"
while [ $# -gt 0 ]; do case "$1" in
  --public-url) public_url="$2"; shift ;;
  --out) out="$2"; shift ;;
  --previous) previous="$2"; shift ;;
  --keep-days) keep_days="$2"; shift ;;
  *) echo "unknown option: $1 ($usage)" >&2; exit 2 ;;
esac; shift; done
case "$public_url" in /*/ | /) ;; *) echo "--public-url must start and end with /: $public_url" >&2; exit 2 ;; esac
scripts/setup.sh --nginx
source scripts/env.sh
# trunk's hook (newsfront-site post-build) builds the feed and the pages, checks that the wasm
# runs in old WebViews and precompresses.
# trunk empties DIR: the build in it before is copied aside first, to keep its files from.
aside=""
if [ -z "$previous" ] && [ -f "$out/index.html" ]; then
  aside="$(mktemp -d "${TMPDIR:-/tmp}/newsfront-previous-XXXXXX")"
  cp -a "$out/." "$aside/"
  previous="$aside"
fi
trap 'if [ -n "$aside" ]; then rm -rf "$aside"; fi' EXIT
scripts/trunk.sh build --offline --release --public-url "$public_url" --dist "$out"
if [ -n "$previous" ]; then
  cargo run --quiet -p newsfront-site -- retain "$out" --from "$previous" --days "$keep_days"
else
  echo "no previous build given (--previous): nothing of an earlier deploy kept"
fi
echo "built $out for $public_url; Content-Security-Policy for the host's header:"
cargo run --quiet -p newsfront-site -- csp "$out"
