#!/usr/bin/env bash
# Serves the appliance on 127.0.0.1:8090 with its SQLite data in ./pb_data.
# Go 1.27.4 is fetched from the Go module proxy on first use. SERVE_HTTP and
# SERVE_DIR change the address and the data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=auto
exec go run . serve --http "${SERVE_HTTP:-127.0.0.1:8090}" --dir "${SERVE_DIR:-./pb_data}" "$@"
