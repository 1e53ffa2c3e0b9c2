package model

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Every revocation goes through this file, and every one deletes records
// with app.Delete, never with a raw DELETE: PocketBase's record hooks then
// see each revoked credential (the usage tracker forgets it, and any cache
// of credentials is dropped exactly), whether the revocation came from our
// routes, a suspension or the admin UI.

// RevokeTokens deletes the user's tokens of the given types, except the
// token keepID (empty: keep none), and returns how many it revoked.
func RevokeTokens(app core.App, userID, keepID string, tokenTypes ...string) (int, error) {
	types := make([]any, len(tokenTypes))
	for i, t := range tokenTypes {
		types[i] = t
	}
	where := dbx.And(dbx.HashExp{"user": userID}, dbx.In("type", types...), dbx.Not(dbx.HashExp{"id": keepID}))
	return deleteRecords(app, TokensCollection, where)
}

// RevokeAPIKeys deletes every API key of the user.
func RevokeAPIKeys(app core.App, userID string) (int, error) {
	return deleteRecords(app, APIKeysCollection, dbx.HashExp{"user": userID})
}

// RevokeAllCredentials deletes every login token, personal access token
// and API key of the user: what a password reset and a suspension do.
func RevokeAllCredentials(app core.App, userID string) error {
	if _, err := RevokeTokens(app, userID, "", TokenTypeLogin, TokenTypeAPI); err != nil {
		return err
	}
	_, err := RevokeAPIKeys(app, userID)
	return err
}

// deleteRecords deletes, one by one through app.Delete and in one
// transaction (the caller's, if app is one), the records that match where.
func deleteRecords(app core.App, collection string, where dbx.Expression) (int, error) {
	var records []*core.Record
	err := app.RecordQuery(collection).AndWhere(where).All(&records)
	if err != nil || len(records) == 0 {
		return 0, err
	}
	err = app.RunInTransaction(func(txApp core.App) error {
		for _, r := range records {
			if err := txApp.Delete(r); err != nil {
				return err
			}
		}
		return nil
	})
	return len(records), err
}
