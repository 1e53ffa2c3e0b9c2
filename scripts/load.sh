#!/usr/bin/env bash
# Measures the hot path side by side (our token vs PocketBase's JWT vs
# /api/health, alternating rounds, medians, ratios, data.db writes, RSS)
# against a freshly built binary, with wrk (installed from Debian when
# missing). Takes about two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=auto
if ! command -v wrk >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
exec go run ./e2e/load "$@"
