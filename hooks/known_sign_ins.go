package hooks

import (
	"database/sql"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

const knownSignInsCollection = "known_sign_ins"

// knownSignInTTL is how long an IP that signed in to an account stays
// exempt from the account's password-check limit.
const knownSignInTTL = 30 * 24 * time.Hour

// signedInFrom reports whether ip signed in to the user's account within
// knownSignInTTL. An unknown account (userID "") runs the same query and
// finds nothing, so both cost the same.
func signedInFrom(app core.App, userID, ip string, now time.Time) (bool, error) {
	since, _ := types.ParseDateTime(now.Add(-knownSignInTTL))
	var id string
	err := app.DB().Select("id").From(knownSignInsCollection).
		Where(dbx.HashExp{"user": userID, "ip": ip}).
		AndWhere(dbx.NewExp("last_sign_in_at > {:since}", dbx.Params{"since": since.String()})).
		Limit(1).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// rememberSignIn records a successful sign-in of the user from ip.
func rememberSignIn(app core.App, userID, ip string, now time.Time) error {
	at, _ := types.ParseDateTime(now)
	record, err := app.FindFirstRecordByFilter(knownSignInsCollection,
		"user = {:user} && ip = {:ip}", dbx.Params{"user": userID, "ip": ip})
	if errors.Is(err, sql.ErrNoRows) {
		collection, findErr := app.FindCachedCollectionByNameOrId(knownSignInsCollection)
		if findErr != nil {
			return findErr
		}
		record, err = core.NewRecord(collection), nil
		record.Set("user", userID)
		record.Set("ip", ip)
	}
	if err != nil {
		return err
	}
	record.Set("last_sign_in_at", at)
	return app.Save(record)
}

// checkPasswordGuesses counts a password check against the account of
// email (normalized, whether or not an account has it), unless the client
// IP signed in to that account in the last 30 days. Past the limit it
// answers 429 with Retry-After, the same for every email, and the caller
// must not check the password (API.md §10).
func checkPasswordGuesses(e *core.RequestEvent, email, userID string) error {
	known, err := signedInFrom(e.App, userID, e.RealIP(), time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	if known {
		return nil
	}
	return tooManyRequests(e, limiterOf(e.App).Allow("password-check|"+normalizeEmail(email), passwordCheckRules...))
}
