// Command appliance serves the auth appliance: PocketBase with the account,
// token and API-key routes, the web app and the admin UI, in one binary.
package main

import (
	"fmt"
	"log"
	"strings"

	"github.com/pocketbase/pocketbase"

	"github.com/authappliance/appliance/hooks"
	"github.com/authappliance/appliance/hooks/buildinfo"
	"github.com/authappliance/appliance/hooks/model"
	_ "github.com/authappliance/appliance/pb_migrations"
)

func main() {
	// NewWithConfig rather than New: New turns on dev mode (every SQL
	// statement printed) whenever the binary lives under the OS temp dir.
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: "pb_data"})

	app.RootCmd.Use = "appliance"
	app.RootCmd.Short = "An auth appliance: accounts, tokens, API keys, two-factor and an activity log, in one binary"
	app.RootCmd.Long = help()
	app.RootCmd.Version = buildinfo.Read().String()
	app.RootCmd.SetVersionTemplate("appliance {{.Version}}\n")

	hooks.MustRegister(app)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}

// help is the text of `appliance --help`: how to start, and every
// APPLIANCE_* variable with its default.
func help() string {
	var b strings.Builder
	b.WriteString(`An auth appliance: registration, sign-in, email verification, password reset,
devices, personal access tokens, API keys, two-factor and an activity log, with
PocketBase's admin UI and an embedded SQLite database.

Start:            appliance serve --http 0.0.0.0:8090
First superuser:  appliance superuser upsert admin@example.com 'a-long-password'
API reference:    http://localhost:8090/docs (and /api/openapi.json)

Environment variables (checked at start; a bad value stops it). Each one
overrides its setting while it is set, without storing it: remove it and the
value saved in the admin UI is back.

`)
	for _, v := range model.Variables {
		fmt.Fprintf(&b, "  %s\n      %s\n      accepts: %s; default: %s\n", v.Name, v.Help, v.Kind, v.Default)
	}
	return b.String()
}
