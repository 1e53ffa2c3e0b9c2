package hooks

import (
	"database/sql"
	"errors"
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

// validPasswordReset reports whether token is an unexpired reset of
// userID. Only a failed read is an error.
func validPasswordReset(app core.App, token, userID string, now time.Time) (bool, error) {
	record, err := app.FindFirstRecordByData(passwordResetsCollection, "token_hash", credentials.Hash(token))
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return credentials.Equal(record.GetString("user"), userID) && record.GetDateTime("expires_at").Time().After(now), nil
}

// deletePasswordResets removes every pending reset of the user.
func deletePasswordResets(app core.App, userID string) error {
	_, err := app.DB().Delete(passwordResetsCollection, dbx.HashExp{"user": userID}).Execute()
	return err
}
