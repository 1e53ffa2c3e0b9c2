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
		// a code rather than a fixed list: a new language is one catalogue
		// file, and a code without a catalogue reads as English
		users.Fields.Add(&core.TextField{Name: "locale", Max: 16, Pattern: `^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`,
			Help: "The user's language (en, bn, es, ar): mails and answers without ?lang or Accept-Language use it."})
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
