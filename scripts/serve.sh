#!/usr/bin/env bash
# README command 1: build the app with the sample feed and serve it at http://127.0.0.1:8080/.
# Usage: scripts/serve.sh [--release] [--port N] [--waline [--waline-port N]]
#   --waline  comments from a real Waline server instead of the feed: installs it once
#             (scripts/setup.sh --waline), runs it on 127.0.0.1:8360 (--waline-port) with SQLite
#             in target/waline-demo/, and builds sample/ with its comments from that server
#             ($NEWSFRONT_WALINE_SERVER). Each article's Waline path is its route, /a/{id}.
set -euo pipefail
cd "$(dirname "$0")/.."
port=8080; release=(); waline=0; waline_port=8360
while [ $# -gt 0 ]; do case "$1" in
  --release) release=(--release) ;;
  --port) port="$2"; shift ;;
  --waline) waline=1 ;;
  --waline-port) waline_port="$2"; shift ;;
  *) echo "unknown option: $1" >&2; exit 2 ;;
esac; shift; done
if [ "$waline" = 1 ]; then scripts/setup.sh --waline; else scripts/setup.sh; fi
source scripts/env.sh
if [ "$waline" = 0 ]; then
  exec scripts/trunk.sh serve --offline --address 127.0.0.1 --port "$port" "${release[@]}"
fi

mkdir -p target/waline-demo
setsid scripts/waline/start.sh "$waline_port" "$PWD/target/waline-demo" > target/waline-demo/waline.log 2>&1 &
waline_pid=$!
trap 'kill -TERM -- "-$waline_pid" 2>/dev/null' EXIT
echo "[serve] Waline $WALINE_VERSION on http://127.0.0.1:$waline_port (log: target/waline-demo/waline.log)"
# The feed build takes comments from that server (newsfront-feed build --waline-server).
NEWSFRONT_WALINE_SERVER="http://127.0.0.1:$waline_port" \
  scripts/trunk.sh serve --offline --address 127.0.0.1 --port "$port" "${release[@]}"
