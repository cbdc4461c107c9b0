#!/usr/bin/env bash
# README command 2: every check and test — formatting, lints (native and wasm32), native unit
# and integration tests, wasm tests in headless Chromium, and end-to-end browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser --nginx --waline
source scripts/env.sh
log="$(mktemp)"; trap 'rm -f "$log"' EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { "$@" 2>&1 | tee -a "$log"; }

step "format"
cargo fmt --all --check

step "clippy (native)"
cargo clippy -p newsfront-core -p newsfront-feed -p newsfront-site -p newsfront-e2e -p newsfront-bench --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy -p newsfront --target wasm32-unknown-unknown --all-targets -- -D warnings
# The core's lib only: its dev-dependencies (proptest) are native tools.
cargo clippy -p newsfront-core --target wasm32-unknown-unknown -- -D warnings

step "native tests (core, feed tool, prerenderer)"
run cargo test -p newsfront-core -p newsfront-feed -p newsfront-site

step "wasm tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  run cargo test -p newsfront --target wasm32-unknown-unknown

step "build dist/ for the end-to-end tests"
dist="$PWD/target/e2e-dist"
scripts/trunk.sh build --offline --dist "$dist"

step "end-to-end tests in headless Chromium"
NEWSFRONT_DIST="$dist" run cargo test -p newsfront-e2e -- --test-threads=1

step "summary"
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     END { printf "summary: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
