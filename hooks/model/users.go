package model

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

const UsersCollection = "users"

// Account statuses (API.md §4).
const (
	StatusActive    = "active"
	StatusInactive  = "inactive"
	StatusSuspended = "suspended"
)

// User is a typed proxy of a users record.
type User struct {
	core.BaseRecordProxy
}

// AsUser wraps a users record.
func AsUser(record *core.Record) *User {
	u := &User{}
	u.SetProxyRecord(record)
	return u
}

// Status returns the account status; an empty value counts as active.
func (u *User) Status() string {
	if s := u.GetString("status"); s != "" {
		return s
	}
	return StatusActive
}

// Locale returns the user's saved language code ("" for none).
func (u *User) Locale() string { return u.GetString("locale") }

// SetStatus sets the account status.
func (u *User) SetStatus(status string) { u.Set("status", status) }

// EmailVerifiedAt returns when the email was verified (zero if never).
func (u *User) EmailVerifiedAt() types.DateTime { return u.GetDateTime("email_verified_at") }

// MarkVerified records the verification of the current email.
func (u *User) MarkVerified() {
	u.SetVerified(true)
	u.Set("email_verified_at", types.NowDateTime())
}

// NormalizeEmail is how every email is compared and stored.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// FindUserByEmail returns the user with this email (compared lowercase).
func FindUserByEmail(app core.App, email string) (*User, error) {
	record, err := app.FindAuthRecordByEmail(UsersCollection, NormalizeEmail(email))
	if err != nil {
		return nil, err
	}
	return AsUser(record), nil
}

// FindUserByID returns the user with this id.
func FindUserByID(app core.App, id string) (*User, error) {
	record, err := app.FindRecordById(UsersCollection, id)
	if err != nil {
		return nil, err
	}
	return AsUser(record), nil
}
