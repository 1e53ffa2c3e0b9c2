#!/usr/bin/env bash
# Runs every test (unit, ApiScenario tables, end-to-end, race detector),
# plus gofmt and go vet. Go 1.27.4 is fetched from the Go module proxy on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=auto
echo "== gofmt"
unformatted=$("$(go env GOROOT)/bin/gofmt" -l hooks pb_migrations pb_public e2e main.go)
if [ -n "$unformatted" ]; then
	echo "gofmt needed on: $unformatted" >&2
	exit 1
fi
echo "== chromium (for the browser tests in e2e/)"
# the browser tests drive Debian's Chromium; install it when it is missing
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
# the browser tests fail, never skip, when Chromium cannot be found
export APPLIANCE_BROWSER_TESTS=required
echo "== go vet"
go vet ./...
echo "== go test (every package; about 3 minutes here with the race detector, most of it compiling)"
# -race needs cgo; fall back to a plain run where no C compiler exists
if command -v gcc >/dev/null 2>&1; then
	CGO_ENABLED=1 go test -race -count=1 ./...
else
	go test -count=1 ./...
fi
