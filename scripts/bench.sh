#!/usr/bin/env bash
# The performance benchmark (not a test; scripts/test.sh never runs it). Prints Markdown tables.
# Usage: scripts/bench.sh [--rebuild] [--no-peer] [newsfront-bench options: --runs N,
#        --lighthouse-runs N, --scale-articles N (0 skips the scale check), --no-taps, --dist DIR]
# Builds the release dist once into target/bench-dist (reused until --rebuild), builds the Preact
# peer from $PEER_SRC (default ../shared/peer beside the checkout) into target/bench-peer,
# installs Lighthouse into target/bench-node from npm once, then runs tests/bench
# (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rebuild=0; use_peer=1; pass=()
for a in "$@"; do case "$a" in
  --rebuild) rebuild=1 ;;
  --no-peer) use_peer=0 ;;
  *) pass+=("$a") ;;
esac; done
scripts/setup.sh --browser --nginx >/dev/null
if [ "$rebuild" = 1 ] || [ ! -f target/bench-dist/index.html ]; then
  nice -n 10 scripts/build.sh --out target/bench-dist >&2
fi
if [ ! -x target/bench-node/node_modules/.bin/lighthouse ]; then
  mkdir -p target/bench-node
  (cd target/bench-node && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund lighthouse@12 >&2)
fi

# The peer: its sources are read-only and shared, so they are copied into target/bench-peer/pkg,
# its npm packages installed there (`npm ci` from its lock file, again only when that changes),
# and build.mjs run from the copy (ES modules resolve packages beside the importing file, so
# NODE_PATH would not do). Rebuilt when its sources, the dist's feed or its stylesheets change.
peer_args=()
if [ "$use_peer" = 1 ]; then
  peer_src=${PEER_SRC:-}
  if [ -z "$peer_src" ]; then
    for c in ../shared/peer ../../shared/peer; do
      [ -f "$c/build.mjs" ] && { peer_src=$c; break; }
    done
  fi
  if [ -z "$peer_src" ] || [ ! -f "$peer_src/build.mjs" ]; then
    echo "bench.sh: no peer found (../shared/peer): set PEER_SRC=DIR, or pass --no-peer" >&2
    exit 1
  fi
  pkg=target/bench-peer/pkg; out=target/bench-peer/out
  mkdir -p "$pkg"
  if ! cmp -s "$peer_src/package-lock.json" "$pkg/package-lock.json" \
     || [ ! -d "$pkg/node_modules/esbuild" ]; then
    rm -rf "$pkg/node_modules"
    cp "$peer_src/package.json" "$peer_src/package-lock.json" "$pkg/"
    (cd "$pkg" && npm ci --no-audit --no-fund >&2)
  fi
  rm -rf "$pkg/src"
  cp -r "$peer_src/src" "$pkg/src"
  cp "$peer_src"/*.mjs "$peer_src/README.md" "$pkg/"
  chmod -R u+w "$pkg"
  dist=target/bench-dist
  stamp=$( { cat "$pkg"/src/* "$pkg/build.mjs"
             find "$dist" -maxdepth 1 -type f -printf '%P %s\n' | sort
             find "$dist/feed" -type f -printf '%P %s\n' | sort; } | sha256sum | cut -c1-16 )
  if [ ! -f "$out/build.json" ] || [ "$(cat "$out/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$out"; mkdir -p "$out"
    node "$pkg/build.mjs" "$dist" "$out" --seed 158efa5accffce1b >&2
    echo "$stamp" > "$out/.stamp"
  fi
  peer_args=(--peer-out "$out")
fi
# Debug profile: the binary only drives the browser; a release build would cost minutes. Not
# niced: the browsers it starts are what is measured.
exec cargo run --quiet -p newsfront-bench -- --dist target/bench-dist \
  "${peer_args[@]+"${peer_args[@]}"}" "${pass[@]+"${pass[@]}"}"
