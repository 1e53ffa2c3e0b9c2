#!/usr/bin/env bash
# Serves the appliance on 127.0.0.1:8090 with its SQLite data in ./pb_data.
# Go 1.27.4 is fetched from the Go module proxy on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=auto
exec go run . serve --http "${APPLIANCE_HTTP:-127.0.0.1:8090}" --dir "${APPLIANCE_DATA_DIR:-./pb_data}" "$@"
