package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// locale is the language a user's mails go out in, and the answers to
// their requests when a request names none (API.md §12): set at register
// from the request's language, changed with PATCH /api/account/profile.
// Empty means English.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(&core.SelectField{Name: "locale", Values: []string{"en", "bn", "es", "ar"}, MaxSelect: 1,
			Help: "The user's language: mails and answers without ?lang or Accept-Language use it."})
		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.RemoveByName("locale")
		return app.Save(users)
	})
}
