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
export E2E_BROWSER=required
echo "== go vet"
go vet ./...
# -race needs cgo; fall back to a plain run where no C compiler exists
race=""
if command -v gcc >/dev/null 2>&1; then
	export CGO_ENABLED=1
	race="-race"
fi
# one step per group, each saying how long it took
step() {
	local name="$1"
	shift
	echo "== go test: $name"
	local start=$SECONDS
	go test $race -count=1 "$@"
	echo "   ($name: $((SECONDS - start)) s)"
}
# every package is in exactly one step
step "the domain and the pure packages (credentials, links, throttle, passwords, i18n)" \
	$(go list ./hooks/... | grep -v '/hooks$')
step "the HTTP layer: every route's ApiScenario table, checked against the OpenAPI document" ./hooks
step "end to end: the built binary, real SMTP, and the web app in Chromium" ./e2e/...
step "the rest" $(go list ./... | grep -v -e '/hooks' -e '/e2e')
echo "== all green (${SECONDS} s)"
