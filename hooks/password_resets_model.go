package hooks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/credentials"
)

const passwordResetsCollection = "password_resets"

// resetTokenLength is the length of a mailed reset token (about 380 bits).
const resetTokenLength = 64

// resetTokenTTL is how long a reset token works.
const resetTokenTTL = 60 * time.Minute

// createPasswordReset replaces the user's pending reset with a new one and
// returns the token to mail, which is stored only as a hash.
func createPasswordReset(app core.App, user *User) (string, error) {
	collection, err := app.FindCachedCollectionByNameOrId(passwordResetsCollection)
	if err != nil {
		return "", err
	}
	token := credentials.RandomBase62(resetTokenLength)
	err = app.RunInTransaction(func(txApp core.App) error {
		if err := deletePasswordResets(txApp, user.Id); err != nil {
			return err
		}
		record := core.NewRecord(collection)
		record.Set("user", user.Id)
		record.Set("token_hash", credentials.Hash(token))
		record.Set("expires_at", dateTimeIn(resetTokenTTL))
		return txApp.Save(record)
	})
	return token, err
}

// findPasswordReset returns the unexpired reset of token, if it belongs to
// userID.
func findPasswordReset(app core.App, token, userID string, now time.Time) (*core.Record, bool) {
	record, err := app.FindFirstRecordByData(passwordResetsCollection, "token_hash", credentials.Hash(token))
	if err != nil {
		return nil, false
	}
	if !credentials.Equal(record.GetString("user"), userID) || !record.GetDateTime("expires_at").Time().After(now) {
		return nil, false
	}
	return record, true
}

// deletePasswordResets removes every pending reset of the user.
func deletePasswordResets(app core.App, userID string) error {
	_, err := app.DB().Delete(passwordResetsCollection, dbx.HashExp{"user": userID}).Execute()
	return err
}
