#!/usr/bin/env bash
# Issue 7's benchmark (not a test; scripts/test.sh never runs it). Prints a table.
# Usage: scripts/bench.sh [--rebuild] [newsfront-bench options: --runs N, --lighthouse-runs N,
#        --scale-articles N (0 skips the scale check), --dist DIR]
# Builds the release dist once into target/bench-dist (reused until --rebuild), installs
# Lighthouse into target/bench-node from npm once, then runs tests/bench (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rebuild=0; pass=()
for a in "$@"; do case "$a" in --rebuild) rebuild=1 ;; *) pass+=("$a") ;; esac; done
scripts/setup.sh --browser --nginx >/dev/null
if [ "$rebuild" = 1 ] || [ ! -f target/bench-dist/index.html ]; then
  scripts/build.sh --out target/bench-dist >&2
fi
if [ ! -x target/bench-node/node_modules/.bin/lighthouse ]; then
  mkdir -p target/bench-node
  (cd target/bench-node && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund lighthouse@12 >&2)
fi
# Debug profile: the binary only drives the browser; a release build would cost minutes.
exec cargo run --quiet -p newsfront-bench -- --dist target/bench-dist "${pass[@]+"${pass[@]}"}"
