// Command appliance serves the auth appliance: PocketBase with the account,
// token and API-key routes of API.md.
package main

import (
	"log"

	"github.com/pocketbase/pocketbase"

	"github.com/authappliance/appliance/hooks"
	_ "github.com/authappliance/appliance/pb_migrations"
)

func main() {
	// NewWithConfig rather than New: New turns on dev mode (every SQL
	// statement printed) whenever the binary lives under the OS temp dir.
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: "pb_data"})

	hooks.MustRegister(app)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
