// Command appliance serves the auth appliance: PocketBase with the account,
// token and API-key routes, the web app and the admin UI, in one binary.
package main

import (
	"fmt"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/spf13/cobra"

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

	app.RootCmd.AddCommand(healthcheckCommand())

	hooks.MustRegister(app)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}

// healthcheckCommand is `appliance healthcheck`: exit 0 when the server
// answers /api/health, for container health checks (the image has no
// curl).
func healthcheckCommand() *cobra.Command {
	url := "http://127.0.0.1:8090/api/health"
	cmd := &cobra.Command{
		Use:          "healthcheck",
		Short:        "Exit 0 when the appliance answers its health check",
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			client := &http.Client{Timeout: 3 * time.Second}
			res, err := client.Get(url)
			if err != nil {
				return err
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				return fmt.Errorf("%s answered %d", url, res.StatusCode)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&url, "url", url, "the health URL")
	return cmd
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
