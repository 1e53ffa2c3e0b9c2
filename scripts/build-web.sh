#!/usr/bin/env bash
# Rebuilds the web app (web/) into pb_public/dist, which the binary embeds.
# The built files are committed, so `go build` alone needs no Node; run
# this after changing web/src. Needs Node 20.19+ and npm.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
npm run build
