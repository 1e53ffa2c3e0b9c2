#!/usr/bin/env bash
# Builds the release binaries: static, for linux/amd64, linux/arm64,
# darwin/amd64, darwin/arm64 and windows/amd64, each stamped with its
# version, commit and date, in dist/ with SHA256SUMS. One command:
#
#   ./scripts/release.sh v1.2.0
#
# (.goreleaser.yaml describes the same build for GoReleaser, the Go
# ecosystem's release tool: `goreleaser release --clean` where it is
# installed.)
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=auto CGO_ENABLED=0

version="${1:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}"
commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
pkg=github.com/authappliance/appliance/hooks/buildinfo
ldflags="-s -w -X $pkg.Version=$version -X $pkg.Commit=$commit -X $pkg.Date=$date"

rm -rf dist && mkdir -p dist
for target in linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64; do
	os="${target%/*}" arch="${target#*/}"
	name="appliance_${version}_${os}_${arch}"
	ext=""
	[ "$os" = windows ] && ext=".exe"
	echo "== $target"
	mkdir -p "dist/$name"
	GOOS="$os" GOARCH="$arch" go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "dist/$name/appliance$ext" .
	cp README.md LICENSE* "dist/$name/" 2>/dev/null || true
	if [ "$os" = windows ]; then
		(cd dist && zip -qr "$name.zip" "$name")
	else
		tar -C dist -czf "dist/$name.tar.gz" "$name"
	fi
	rm -rf "dist/$name"
done
(cd dist && sha256sum ./*.tar.gz ./*.zip > SHA256SUMS)
cat dist/SHA256SUMS
