package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// known_sign_ins remembers the client IPs that signed in to each account,
// and when they last did: a password check from one of them in the last
// 30 days is exempt from the account's guessing limit (API.md §10), so an
// attack cannot lock the owner out. Only superusers see it.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		known := core.NewBaseCollection("known_sign_ins")
		known.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, CascadeDelete: true, MaxSelect: 1, Required: true},
			&core.TextField{Name: "ip", Max: 64, Required: true, Presentable: true},
			&core.DateField{Name: "last_sign_in_at", Required: true},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		known.AddIndex("idx_known_sign_ins_user_ip", true, "user, ip", "")
		known.AddIndex("idx_known_sign_ins_last", false, "last_sign_in_at", "")

		return app.Save(known)
	}, func(app core.App) error {
		known, err := app.FindCollectionByNameOrId("known_sign_ins")
		if err != nil {
			return err
		}
		return app.Delete(known)
	})
}
