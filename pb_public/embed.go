// Package pb_public embeds the appliance's web app, so that the one binary
// serves it. dist/ is the build of ../web (./scripts/build-web.sh); the
// built files are committed, so `go build` alone makes a complete binary.
package pb_public

import (
	"embed"
	"io/fs"
)

//go:embed dist
var files embed.FS

// Files holds the app: index.html and its assets.
var Files, _ = fs.Sub(files, "dist")
