package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// audit_events is the activity log (API.md §11): append-only, read-only in
// the admin UI (record hooks refuse every create, edit and delete but the
// appliance's own writes and its retention prune). user and actor_id are
// plain ids rather than relations, so that the record of what happened
// outlives the account it happened to.
func init() {
	m.Register(func(app core.App) error {
		events := core.NewBaseCollection("audit_events")
		events.Fields.Add(
			&core.TextField{Name: "action", Max: 64, Required: true, Presentable: true},
			&core.TextField{Name: "user", Max: 32, Help: "Id of the account the event is about (empty for a sign-in to an unknown email)."},
			&core.SelectField{Name: "actor_type", Values: []string{"user", "superuser", "system"}, MaxSelect: 1, Required: true},
			&core.TextField{Name: "actor_id", Max: 32, Help: "Id of the user or superuser who acted."},
			&core.TextField{Name: "credential_id", Max: 32, Help: "The token or API key used, or the one the event is about."},
			&core.TextField{Name: "ip_address", Max: 64},
			&core.TextField{Name: "user_agent", Max: 512},
			&core.JSONField{Name: "details", MaxSize: 4096},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		events.AddIndex("idx_audit_events_user_created", false, "user, created", "")
		events.AddIndex("idx_audit_events_created", false, "created", "")
		if err := app.Save(events); err != nil {
			return err
		}

		settings, err := app.FindCollectionByNameOrId("appliance_settings")
		if err != nil {
			return err
		}
		settings.Fields.Add(&core.NumberField{Name: "audit_retention_days", OnlyInt: true, Min: ptr(1),
			Help: "Activity log events older than this are deleted (default 180)."})
		if err := app.Save(settings); err != nil {
			return err
		}
		record, err := app.FindFirstRecordByFilter(settings, "")
		if err != nil {
			return err
		}
		record.Set("audit_retention_days", 180)
		return app.Save(record)
	}, func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("appliance_settings")
		if err != nil {
			return err
		}
		settings.Fields.RemoveByName("audit_retention_days")
		if err := app.Save(settings); err != nil {
			return err
		}
		events, err := app.FindCollectionByNameOrId("audit_events")
		if err != nil {
			return err
		}
		return app.Delete(events)
	})
}
