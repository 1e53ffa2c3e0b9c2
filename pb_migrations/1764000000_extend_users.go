// Package pb_migrations defines the appliance's collections as typed Go
// migrations. main.go and the tests load it with a blank import.
package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The users collection gets an account status and the profile fields of
// API.md §3, and PocketBase's own ways in are closed: sign-up goes only
// through /api/register and the built-in password login is off (a hook in
// hooks/ also refuses any built-in auth for an account that is not active).
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		users.Fields.Add(
			&core.SelectField{Name: "status", Values: []string{"active", "inactive", "suspended"}, MaxSelect: 1, Required: true},
			&core.DateField{Name: "email_verified_at"},
			&core.TextField{Name: "profile_picture", Max: 2048},
			&core.TextField{Name: "mobile", Max: 32},
			&core.TextField{Name: "address", Max: 1000},
			&core.TextField{Name: "dob", Max: 10},
			&core.TextField{Name: "gender", Max: 32},
			&core.TextField{Name: "bio", Max: 5000},
		)
		if name, ok := users.Fields.GetByName("name").(*core.TextField); ok {
			name.Max = 255
		}
		users.AddIndex("idx_users_status", false, "status", "")

		// every change of an account goes through our routes
		users.CreateRule = nil
		users.UpdateRule = nil
		users.DeleteRule = nil
		users.PasswordAuth.Enabled = false
		users.OAuth2.Enabled = false
		users.OTP.Enabled = false
		users.AuthAlert.Enabled = false // our own new-device alert covers our logins

		return app.Save(users)
	}, nil)
}
