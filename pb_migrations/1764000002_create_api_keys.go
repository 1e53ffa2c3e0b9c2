package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// api_keys holds the API keys of API.md §6: the public key in clear (it is
// looked up), the secret only as a SHA-256 in a hidden field.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		keys := core.NewBaseCollection("api_keys")
		keys.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, CascadeDelete: true, MaxSelect: 1, Required: true},
			&core.TextField{Name: "name", Max: 64, Required: true, Presentable: true},
			&core.TextField{Name: "key", Min: 32, Max: 32, Required: true},
			&core.TextField{Name: "secret_hash", Min: 64, Max: 64, Hidden: true, Required: true},
			&core.JSONField{Name: "abilities", MaxSize: 10000},
			&core.DateField{Name: "expires_at", Required: true},
			&core.DateField{Name: "last_used_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		keys.AddIndex("idx_api_keys_key", true, "key", "")
		keys.AddIndex("idx_api_keys_user", false, "user", "")

		return app.Save(keys)
	}, func(app core.App) error {
		keys, err := app.FindCollectionByNameOrId("api_keys")
		if err != nil {
			return err
		}
		return app.Delete(keys)
	})
}
