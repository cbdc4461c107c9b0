#!/usr/bin/env bash
# The render budget (not part of scripts/test.sh): on a release build, no feed that
# `newsfront-feed validate` accepts may make a task longer than 200 ms at CPU x1. Builds the
# release dist once (scripts/build.sh), then runs the ignored test
# tests/e2e/tests/render_budget.rs, which prints the longest task per scenario and fails over
# budget. Usage: scripts/harden-longtasks.sh [DIST]   (default: target/harden-release)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dist="${1:-$PWD/target/harden-release}"
[[ -f "$dist/index.html" ]] || scripts/build.sh --out "$dist"
NEWSFRONT_DIST="$dist" cargo test -p newsfront-e2e --test e2e -- render_budget:: --ignored --nocapture --test-threads=1 2>&1 \
  | grep -oE 'render-budget:.*|test result.*|panicked.*|Error.*|tasks over.*|^[^ ]+: [0-9.]+ ms'
