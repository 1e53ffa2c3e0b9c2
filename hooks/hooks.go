// Package hooks binds the appliance to a PocketBase app: its routes
// (routes.go is the table of contents), middleware, record hooks and cron
// jobs. Register is the one entry point, shared by main.go and the tests.
package hooks

import (
	"log"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/authappliance/appliance/hooks/model"
)

// Register binds every route, hook and job of the appliance to app.
func Register(app core.App) error {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id: "appRoutes",
		Func: func(se *core.ServeEvent) error {
			// migrations have run by now: the settings collection exists
			if err := model.UseEnvironment(se.App, os.Environ()); err != nil {
				return err
			}
			if err := model.LoadSettings(se.App); err != nil {
				return err
			}
			// the signing key of mailed links is made on first start
			if _, err := model.SigningKey(se.App); err != nil {
				return err
			}
			bindRoutes(se)
			reportConfiguration(se.App)
			return se.Next()
		},
	})

	model.Bind(app)
	bindRecordRequestHooks(app)
	bindCronJobs(app)

	return nil
}

// MustRegister is Register that panics on error, for main.go.
func MustRegister(app core.App) {
	if err := Register(app); err != nil {
		panic(err)
	}
}

// reportConfiguration tells the console, at start, which APPLIANCE_*
// variables are in force and whether mail can go out: without SMTP every
// verification and reset mail fails, which otherwise shows only in the
// admin UI's logs.
func reportConfiguration(app core.App) {
	for _, line := range model.EnvironmentOf(app).Overrides() {
		log.Printf("configuration: %s (from the environment, not stored)", line)
	}
	if !app.Settings().SMTP.Enabled {
		log.Printf("WARNING: mail is not configured: verification, reset and alert mails cannot be sent. " +
			"Set APPLIANCE_SMTP_HOST (see --help) or Settings → Mail settings in the admin UI.")
	}
}
