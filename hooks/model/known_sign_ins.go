package model

import (
	"database/sql"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

const KnownSignInsCollection = "known_sign_ins"

// KnownSignInTTL is how long an IP that signed in to an account stays
// exempt from the account's password-check limit.
const KnownSignInTTL = 30 * 24 * time.Hour

// SignedInFrom reports whether ip signed in to the user's account within
// KnownSignInTTL. An unknown account (userID "") runs the same query and
// finds nothing, so both cost the same.
func SignedInFrom(app core.App, userID, ip string, now time.Time) (bool, error) {
	since, _ := types.ParseDateTime(now.Add(-KnownSignInTTL))
	var id string
	err := app.DB().Select("id").From(KnownSignInsCollection).
		Where(dbx.HashExp{"user": userID, "ip": ip}).
		AndWhere(dbx.NewExp("last_sign_in_at > {:since}", dbx.Params{"since": since.String()})).
		Limit(1).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// RememberSignIn records a successful sign-in of the user from ip.
func RememberSignIn(app core.App, userID, ip string, now time.Time) error {
	at, _ := types.ParseDateTime(now)
	record, err := app.FindFirstRecordByFilter(KnownSignInsCollection,
		"user = {:user} && ip = {:ip}", dbx.Params{"user": userID, "ip": ip})
	if errors.Is(err, sql.ErrNoRows) {
		collection, findErr := app.FindCachedCollectionByNameOrId(KnownSignInsCollection)
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
