#!/usr/bin/env bash
# Bounded fuzzing of the core crate's feed parsing and URL-segment parsing (not part of CI).
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in feed_parsing url_segments; do
  echo "== fuzzing $target for ${secs}s"
  (cd fuzz && cargo +nightly fuzz run "$target" -- -max_total_time="$secs" -rss_limit_mb=2048)
done
