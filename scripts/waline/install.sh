#!/usr/bin/env bash
# Installs the pinned Waline server (@waline/vercel, from the npm registry) into
# $NEWSFRONT_TOOLS/waline; skips when that version is already there. Needs Node >= 20; its
# sqlite3 dependency compiles from source (python3, make, g++): about 4 minutes the first time.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
dir="$WALINE_HOME"
have="$(node -p "require('$dir/node_modules/@waline/vercel/package.json').version" 2>/dev/null || true)"
if [ "$have" = "$WALINE_VERSION" ] && node -e "require('$dir/node_modules/sqlite3')" 2>/dev/null; then
  exit 0
fi
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 20 ]; then
  echo "Waline $WALINE_VERSION needs Node >= 20 (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
echo "[setup] installing @waline/vercel@$WALINE_VERSION into $dir (first time: several minutes)"
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{"name":"newsfront-waline","private":true}' > "$dir/package.json"
start=$(date +%s)
npm install --prefix "$dir" --no-audit --no-fund "@waline/vercel@$WALINE_VERSION"
node -e "require('$dir/node_modules/sqlite3')"
echo "[setup] Waline $WALINE_VERSION installed in $(( $(date +%s) - start )) s"
