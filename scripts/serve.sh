#!/usr/bin/env bash
# README command 1: build the app with the sample feed and serve it at http://127.0.0.1:8080/.
# Usage: scripts/serve.sh [--release] [--port N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
port=8080; release=()
while [ $# -gt 0 ]; do case "$1" in
  --release) release=(--release) ;;
  --port) port="$2"; shift ;;
  *) echo "unknown option: $1" >&2; exit 2 ;;
esac; shift; done
exec trunk serve --offline --address 127.0.0.1 --port "$port" "${release[@]}"
