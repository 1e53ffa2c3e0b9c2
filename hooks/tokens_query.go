package hooks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// findTokenByID returns the token with this record id.
func findTokenByID(app core.App, id string) (*AccessToken, error) {
	record, err := app.FindRecordById(tokensCollection, id)
	if err != nil {
		return nil, err
	}
	return asAccessToken(record), nil
}

// findUserToken returns a token of the given type that belongs to userID.
// Another user's token is reported as not found.
func findUserToken(app core.App, userID, tokenType, id string) (*AccessToken, error) {
	record, err := app.FindFirstRecordByFilter(tokensCollection,
		"id = {:id} && user = {:user} && type = {:type}",
		dbx.Params{"id": id, "user": userID, "type": tokenType})
	if err != nil {
		return nil, err
	}
	return asAccessToken(record), nil
}

// findUserTokens returns the user's tokens of one type, newest first.
func findUserTokens(app core.App, userID, tokenType string) ([]*AccessToken, error) {
	records, err := app.FindRecordsByFilter(tokensCollection,
		"user = {:user} && type = {:type}", "-created", 0, 0,
		dbx.Params{"user": userID, "type": tokenType})
	if err != nil {
		return nil, err
	}
	tokens := make([]*AccessToken, len(records))
	for i, r := range records {
		tokens[i] = asAccessToken(r)
	}
	return tokens, nil
}

// countUserTokens counts the user's tokens of one type.
func countUserTokens(app core.App, userID, tokenType string) (int64, error) {
	return app.CountRecords(tokensCollection, dbx.HashExp{"user": userID, "type": tokenType})
}

// deleteUserTokens deletes the user's tokens of the given types, except
// the token keepID (empty: keep none). A raw delete is enough: the tokens
// have no dependents, and every request reads the table afresh.
func deleteUserTokens(app core.App, userID string, keepID string, tokenTypes ...string) error {
	types := make([]any, len(tokenTypes))
	for i, t := range tokenTypes {
		types[i] = t
	}
	where := dbx.And(dbx.HashExp{"user": userID}, dbx.In("type", types...), dbx.Not(dbx.HashExp{"id": keepID}))
	_, err := app.DB().Delete(tokensCollection, where).Execute()
	return err
}

// pruneExpired deletes the tokens and password resets whose expiry has
// passed, and the sign-ins too old to exempt an IP from guessing limits.
func pruneExpired(app core.App, now time.Time) error {
	at, _ := types.ParseDateTime(now)
	for _, table := range []string{tokensCollection, passwordResetsCollection} {
		_, err := app.DB().Delete(table,
			dbx.NewExp("expires_at != '' AND expires_at < {:now}", dbx.Params{"now": at.String()})).Execute()
		if err != nil {
			return err
		}
	}
	oldest, _ := types.ParseDateTime(now.Add(-knownSignInTTL))
	_, err := app.DB().Delete(knownSignInsCollection,
		dbx.NewExp("last_sign_in_at < {:oldest}", dbx.Params{"oldest": oldest.String()})).Execute()
	return err
}
