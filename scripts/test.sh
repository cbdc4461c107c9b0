#!/usr/bin/env bash
# README command 2: every check and test — formatting, lints (native and wasm32), native unit
# and integration tests, wasm tests in headless Chromium, and end-to-end browser tests.
# Usage: scripts/test.sh [--quick]
#   --quick  the inner loop: formatting, lints, native and wasm tests (no dist, no e2e)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
for a in "$@"; do case "$a" in --quick) quick=1 ;; *) echo "unknown option: $a" >&2; exit 2 ;; esac; done
if [ "$quick" = 1 ]; then scripts/setup.sh --browser; else scripts/setup.sh --browser --nginx --waline; fi
source scripts/env.sh
log="$(mktemp)"; trap 'rm -f "$log"' EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { "$@" 2>&1 | tee -a "$log"; }

step "format"
cargo fmt --all --check

step "clippy (native)"
cargo clippy -p newsfront-core -p newsfront-feed -p newsfront-images -p newsfront-site -p newsfront-e2e -p newsfront-bench --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy -p newsfront --target wasm32-unknown-unknown --all-targets -- -D warnings
# The core's lib only: its dev-dependencies (proptest) are native tools.
cargo clippy -p newsfront-core --target wasm32-unknown-unknown -- -D warnings

step "native tests (core, feed tool, images, post-build pipeline)"
run cargo test -p newsfront-core -p newsfront-feed -p newsfront-images -p newsfront-site

step "wasm tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  run cargo test -p newsfront --target wasm32-unknown-unknown --features unsplit

summary() {
  step "summary"
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
       END { printf "summary: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
}
if [ "$quick" = 1 ]; then summary; exit 0; fi

step "build dist/ for the end-to-end tests"
dist="$PWD/target/e2e-dist"
scripts/trunk.sh build --offline --dist "$dist"

step "end-to-end tests in headless Chromium"
NEWSFRONT_DIST="$dist" run cargo test -p newsfront-e2e -- --test-threads=1

summary
