package model

import (
	"database/sql"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/credentials"
)

const PasswordResetsCollection = "password_resets"

// ResetTokenLength is the length of a mailed reset token (about 380 bits).
const ResetTokenLength = 64

// ResetTokenTTL is how long a reset token works.
const ResetTokenTTL = 60 * time.Minute

// CreatePasswordReset replaces the user's pending reset with a new one and
// returns the token to mail, which is stored only as a hash.
func CreatePasswordReset(app core.App, user *User) (string, error) {
	collection, err := app.FindCachedCollectionByNameOrId(PasswordResetsCollection)
	if err != nil {
		return "", err
	}
	token := credentials.RandomBase62(ResetTokenLength)
	err = app.RunInTransaction(func(txApp core.App) error {
		if err := DeletePasswordResets(txApp, user.Id); err != nil {
			return err
		}
		record := core.NewRecord(collection)
		record.Set("user", user.Id)
		record.Set("token_hash", credentials.Hash(token))
		record.Set("expires_at", DateTimeIn(ResetTokenTTL))
		return txApp.Save(record)
	})
	return token, err
}

// ValidPasswordReset reports whether token is an unexpired reset of
// userID. Only a failed read is an error.
func ValidPasswordReset(app core.App, token, userID string, now time.Time) (bool, error) {
	record, err := app.FindFirstRecordByData(PasswordResetsCollection, "token_hash", credentials.Hash(token))
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return credentials.Equal(record.GetString("user"), userID) && record.GetDateTime("expires_at").Time().After(now), nil
}

// DeletePasswordResets removes every pending reset of the user.
func DeletePasswordResets(app core.App, userID string) error {
	_, err := deleteRecords(app, PasswordResetsCollection, dbx.HashExp{"user": userID})
	return err
}
