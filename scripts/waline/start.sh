#!/usr/bin/env bash
# Runs a Waline server for tests and the demo: loopback only, SQLite in DATA_DIR, rate limit and
# the external spam check off. Usage: scripts/waline/start.sh PORT DATA_DIR
# Stops with Ctrl-C (or SIGTERM to its process group).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
port="${1:?usage: start.sh PORT DATA_DIR}"; data="${2:?usage: start.sh PORT DATA_DIR}"
export WALINE_HOME WALINE_PORT="$port" SQLITE_PATH="$data"
export IPQPS="${IPQPS:-0}" AKISMET_KEY="${AKISMET_KEY:-false}"
export SECURE_DOMAINS="${SECURE_DOMAINS:-127.0.0.1,localhost}"
exec node "$here/server.js"
