package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// password_resets holds the pending password reset of each user: only the
// SHA-256 of the mailed token, in a hidden field. A newer request replaces
// the older one; a reset consumes it. users.pending_email holds the address
// an email change waits to confirm, so that only the latest link works.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(&core.EmailField{Name: "pending_email", Hidden: true})
		if err := app.Save(users); err != nil {
			return err
		}

		resets := core.NewBaseCollection("password_resets")
		resets.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, CascadeDelete: true, MaxSelect: 1, Required: true},
			&core.TextField{Name: "token_hash", Min: 64, Max: 64, Hidden: true, Required: true},
			&core.DateField{Name: "expires_at", Required: true},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		resets.AddIndex("idx_password_resets_token_hash", true, "token_hash", "")
		resets.AddIndex("idx_password_resets_user", true, "user", "")
		return app.Save(resets)
	}, func(app core.App) error {
		resets, err := app.FindCollectionByNameOrId("password_resets")
		if err != nil {
			return err
		}
		return app.Delete(resets)
	})
}
