#!/usr/bin/env bash
# Times the hardening scale cases (docs/hardening.md) in headless Chromium (not part of scripts/test.sh): a 10 000-item
# category list and a comment thread 1 000 replies deep. Prints the numbers; asserts nothing.
# Usage: scripts/harden-timing.sh [DIST]   (default: a debug build into target/harden-dist)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dist="${1:-$PWD/target/harden-dist}"
[[ -f "$dist/index.html" ]] || scripts/trunk.sh build --offline --dist "$dist"
NEWSFRONT_DIST="$dist" cargo test -p newsfront-e2e --test e2e -- harden_timing:: --ignored --nocapture --test-threads=1 2>&1 \
  | grep -oE 'harden-timing:.*|test result.*|panicked.*|Error.*'
