// Package pb_public embeds the appliance's small web app (the pages that
// mail links open), so that the one binary serves it.
package pb_public

import "embed"

// Files holds the pages and their assets.
//
//go:embed *.html *.css *.js
var Files embed.FS
