package model

import (
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/credentials"
)

// Two-factor authentication (API.md §11). The functions on a user change
// the proxy only; the caller saves it, with its audit event, in one
// transaction.

// TwoFactorEnabled reports whether the user confirmed two-factor.
func (u *User) TwoFactorEnabled() bool { return u.GetBool("two_factor_enabled") }

// TwoFactorPending reports whether a set-up was started and not confirmed.
func (u *User) TwoFactorPending() bool {
	return !u.TwoFactorEnabled() && u.GetString("two_factor_secret") != ""
}

// StartTwoFactor gives the user a new pending TOTP secret, stored sealed,
// and returns it with its otpauth:// URL; until ConfirmTwoFactor,
// two-factor stays off.
func StartTwoFactor(app core.App, u *User, issuer string) (secret, url string, err error) {
	secret, url, err = credentials.NewTOTP(issuer, u.Email())
	if err != nil {
		return "", "", err
	}
	key, err := TwoFactorKey(app)
	if err != nil {
		return "", "", err
	}
	sealed, err := credentials.Seal(key, secret, u.Id)
	if err != nil {
		return "", "", err
	}
	u.Set("two_factor_secret", sealed)
	u.Set("two_factor_recovery_codes", []string{})
	u.Set("two_factor_last_step", 0)
	return secret, url, nil
}

// CheckTOTP reports whether code is the user's current TOTP code, and
// records its time step so that it is never accepted again.
func CheckTOTP(app core.App, u *User, code string, now time.Time) (bool, error) {
	sealed := u.GetString("two_factor_secret")
	if sealed == "" {
		return false, nil
	}
	key, err := TwoFactorKey(app)
	if err != nil {
		return false, err
	}
	secret, err := credentials.Open(key, sealed, u.Id)
	if err != nil {
		return false, err
	}
	step, ok := credentials.MatchTOTP(secret, code, now, int64(u.GetInt("two_factor_last_step")))
	if ok {
		u.Set("two_factor_last_step", step)
	}
	return ok, nil
}

// ConfirmTwoFactor turns two-factor on and returns the first recovery
// codes.
func ConfirmTwoFactor(u *User) []string {
	u.Set("two_factor_enabled", true)
	return RenewRecoveryCodes(u)
}

// RenewRecoveryCodes replaces the user's recovery codes and returns the
// new ones, which are stored only as hashes.
func RenewRecoveryCodes(u *User) []string {
	codes := credentials.NewRecoveryCodes()
	hashes := make([]string, len(codes))
	for i, c := range codes {
		hashes[i] = credentials.Hash(credentials.NormalizeRecoveryCode(c))
	}
	u.Set("two_factor_recovery_codes", hashes)
	return codes
}

// UseRecoveryCode reports whether code is one of the user's unused
// recovery codes, and uses it up.
func UseRecoveryCode(u *User, code string) bool {
	hash := credentials.Hash(credentials.NormalizeRecoveryCode(code))
	hashes := JSONStrings(u.Record, "two_factor_recovery_codes")
	found := -1
	for i, h := range hashes {
		if credentials.Equal(h, hash) { // every code compared, in constant time
			found = i
		}
	}
	if found < 0 {
		return false
	}
	u.Set("two_factor_recovery_codes", append(hashes[:found:found], hashes[found+1:]...))
	return true
}

// RecoveryCodesLeft counts the user's unused recovery codes.
func RecoveryCodesLeft(u *User) int {
	return len(JSONStrings(u.Record, "two_factor_recovery_codes"))
}

// DisableTwoFactor turns two-factor off and erases the secret and codes.
func DisableTwoFactor(u *User) {
	u.Set("two_factor_enabled", false)
	clearTwoFactor(u.Record)
}

func clearTwoFactor(r *core.Record) {
	r.Set("two_factor_secret", "")
	r.Set("two_factor_recovery_codes", []string{})
	r.Set("two_factor_last_step", 0)
}

var errTwoFactorWithoutSecret = errors.New("two-factor can only be turned on by its user, with an authenticator app")

// bindTwoFactorHooks keeps two-factor whole whatever path a change takes:
// turning it off (a superuser unticking it in the admin UI) erases the
// secret and the codes; it cannot be turned on without a confirmed secret.
func bindTwoFactorHooks(app core.App) {
	app.OnRecordUpdate(UsersCollection).BindFunc(func(e *core.RecordEvent) error {
		on, wasOn := e.Record.GetBool("two_factor_enabled"), e.Record.Original().GetBool("two_factor_enabled")
		switch {
		case wasOn && !on:
			clearTwoFactor(e.Record)
		case on && e.Record.GetString("two_factor_secret") == "":
			return errTwoFactorWithoutSecret
		}
		return e.Next()
	})
}

// -------------------------------------------------------------------
// Sign-in challenges: the step between a right password and the code.

const TwoFactorChallengesCollection = "two_factor_challenges"

// ChallengeTTL is how long a sign-in challenge can be answered, and
// ChallengeMaxFailures how many wrong codes it takes.
const (
	ChallengeTTL         = 5 * time.Minute
	ChallengeMaxFailures = 5
)

// Challenge is a typed proxy of a two_factor_challenges record.
type Challenge struct {
	core.BaseRecordProxy
}

// UserID returns the user the challenge signs in.
func (c *Challenge) UserID() string { return c.GetString("user") }

// DeviceName returns the device name sent with the password.
func (c *Challenge) DeviceName() string { return c.GetString("device_name") }

// ExpiresAt returns when the challenge stops working.
func (c *Challenge) ExpiresAt() types.DateTime { return c.GetDateTime("expires_at") }

// CreateChallenge saves a challenge for the user and returns the string
// the client sends back, which is stored only as a hash.
func CreateChallenge(app core.App, u *User, deviceName string) (*Challenge, string, error) {
	collection, err := app.FindCachedCollectionByNameOrId(TwoFactorChallengesCollection)
	if err != nil {
		return nil, "", err
	}
	plain := credentials.RandomBase62(48)
	record := core.NewRecord(collection)
	record.Set("user", u.Id)
	record.Set("challenge_hash", credentials.Hash(plain))
	record.Set("device_name", deviceName)
	record.Set("expires_at", DateTimeIn(ChallengeTTL))
	if err := app.Save(record); err != nil {
		return nil, "", err
	}
	c := &Challenge{}
	c.SetProxyRecord(record)
	return c, plain, nil
}

// FindChallenge returns the unexpired challenge of plain; an unknown or
// expired one is sql.ErrNoRows.
func FindChallenge(app core.App, plain string, now time.Time) (*Challenge, error) {
	at, _ := types.ParseDateTime(now)
	record, err := app.FindFirstRecordByFilter(TwoFactorChallengesCollection,
		"challenge_hash = {:hash} && expires_at > {:now}",
		dbx.Params{"hash": credentials.Hash(plain), "now": at.String()})
	if err != nil {
		return nil, err
	}
	c := &Challenge{}
	c.SetProxyRecord(record)
	return c, nil
}

// FailChallenge counts a wrong code; the last allowed one deletes the
// challenge. It reports whether the challenge is used up.
func FailChallenge(app core.App, c *Challenge) (exhausted bool, err error) {
	failures := c.GetInt("failures") + 1
	if failures >= ChallengeMaxFailures {
		return true, app.Delete(c)
	}
	c.Set("failures", failures)
	return false, app.Save(c)
}
