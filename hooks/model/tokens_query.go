package model

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// FindTokenByID returns the token with this record id.
func FindTokenByID(app core.App, id string) (*AccessToken, error) {
	record, err := app.FindRecordById(TokensCollection, id)
	if err != nil {
		return nil, err
	}
	return AsAccessToken(record), nil
}

// FindUserToken returns a token of the given type that belongs to userID.
// Another user's token is reported as not found.
func FindUserToken(app core.App, userID, tokenType, id string) (*AccessToken, error) {
	record, err := app.FindFirstRecordByFilter(TokensCollection,
		"id = {:id} && user = {:user} && type = {:type}",
		dbx.Params{"id": id, "user": userID, "type": tokenType})
	if err != nil {
		return nil, err
	}
	return AsAccessToken(record), nil
}

// FindUserTokens returns the user's tokens of one type, newest first.
func FindUserTokens(app core.App, userID, tokenType string) ([]*AccessToken, error) {
	records, err := app.FindRecordsByFilter(TokensCollection,
		"user = {:user} && type = {:type}", "-created", 0, 0,
		dbx.Params{"user": userID, "type": tokenType})
	if err != nil {
		return nil, err
	}
	tokens := make([]*AccessToken, len(records))
	for i, r := range records {
		tokens[i] = AsAccessToken(r)
	}
	return tokens, nil
}

// CountUserTokens counts the user's tokens of one type.
func CountUserTokens(app core.App, userID, tokenType string) (int64, error) {
	return app.CountRecords(TokensCollection, dbx.HashExp{"user": userID, "type": tokenType})
}

// PruneExpired deletes the tokens, password resets and sign-in challenges
// whose expiry has passed, and the sign-ins too old to exempt an IP from
// guessing limits. Expired rows already grant nothing: deleting them is
// housekeeping, not a revocation, so a raw DELETE does.
func PruneExpired(app core.App, now time.Time) error {
	at, _ := types.ParseDateTime(now)
	for _, table := range []string{TokensCollection, PasswordResetsCollection, TwoFactorChallengesCollection} {
		_, err := app.DB().Delete(table,
			dbx.NewExp("expires_at != '' AND expires_at < {:now}", dbx.Params{"now": at.String()})).Execute()
		if err != nil {
			return err
		}
	}
	oldest, _ := types.ParseDateTime(now.Add(-KnownSignInTTL))
	_, err := app.DB().Delete(KnownSignInsCollection,
		dbx.NewExp("last_sign_in_at < {:oldest}", dbx.Params{"oldest": oldest.String()})).Execute()
	return err
}
