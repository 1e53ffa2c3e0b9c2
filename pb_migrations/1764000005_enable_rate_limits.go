package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// PocketBase's own rate limiter is off by default. The appliance turns it
// on with PocketBase's default rules, so that its built-in routes (the
// superuser login of the admin UI first) are throttled out of the box. Our
// /api routes have their own per-route, per-user and per-key buckets
// (hooks/middlewares_throttle.go); the operator tunes both in the admin UI.
func init() {
	m.Register(func(app core.App) error {
		settings := app.Settings()
		settings.RateLimits.Enabled = true
		return app.Save(settings)
	}, func(app core.App) error {
		settings := app.Settings()
		settings.RateLimits.Enabled = false
		return app.Save(settings)
	})
}
