#!/usr/bin/env bash
# Re-measures the hardening review's attacks against a freshly built binary:
# password spraying from 40 loopback IPs, a reset-mail burst, forgot-password
# timing for known and unknown addresses, and a malformed-input sweep of
# every route. Needs nothing but Go; takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=auto
exec go run ./e2e/attack "$@"
