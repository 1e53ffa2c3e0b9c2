package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// personal_access_tokens holds both login tokens (one per device) and the
// personal access tokens of the API Tokens page. Only the SHA-256 of each
// secret is kept, in a hidden field. The rules are nil: only superusers see
// the rows, in the admin UI.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		tokens := core.NewBaseCollection("personal_access_tokens")
		tokens.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, CascadeDelete: true, MaxSelect: 1, Required: true},
			&core.TextField{Name: "name", Max: 255, Required: true, Presentable: true},
			&core.SelectField{Name: "type", Values: []string{"login", "api"}, MaxSelect: 1, Required: true},
			&core.TextField{Name: "token_hash", Min: 64, Max: 64, Hidden: true, Required: true},
			&core.JSONField{Name: "abilities", MaxSize: 10000},
			&core.JSONField{Name: "attributes", MaxSize: 10000},
			&core.DateField{Name: "last_used_at"},
			&core.DateField{Name: "expires_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		tokens.AddIndex("idx_pat_token_hash", true, "token_hash", "")
		tokens.AddIndex("idx_pat_user_type", false, "user, type", "")
		tokens.AddIndex("idx_pat_expires_at", false, "expires_at", "expires_at != ''")

		return app.Save(tokens)
	}, func(app core.App) error {
		tokens, err := app.FindCollectionByNameOrId("personal_access_tokens")
		if err != nil {
			return err
		}
		return app.Delete(tokens)
	})
}
