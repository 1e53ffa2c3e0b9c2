package pb_migrations

import (
	"log/slog"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// PocketBase logs every request into auxiliary.db by default. For an auth
// appliance that is a row per verified token: measured here, it halved the
// requests a second the server answers and grew its memory by about 1 MB
// per thousand requests (the database's cache). The appliance keeps
// failed requests (warnings and errors: 4xx, 5xx) in the request log, and
// account events in the activity log (audit_events); an operator who
// wants every request raises the level in Settings → Logs.
func init() {
	m.Register(func(app core.App) error {
		settings := app.Settings()
		settings.Logs.MinLevel = int(slog.LevelWarn)
		return app.Save(settings)
	}, func(app core.App) error {
		settings := app.Settings()
		settings.Logs.MinLevel = int(slog.LevelDebug)
		return app.Save(settings)
	})
}
