package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

const usersCollection = "users"

// Account statuses (API.md §4).
const (
	statusActive    = "active"
	statusInactive  = "inactive"
	statusSuspended = "suspended"
)

// User is a typed proxy of a users record.
type User struct {
	core.BaseRecordProxy
}

// asUser wraps a users record.
func asUser(record *core.Record) *User {
	u := &User{}
	u.SetProxyRecord(record)
	return u
}

// Status returns the account status; an empty value counts as active.
func (u *User) Status() string {
	if s := u.GetString("status"); s != "" {
		return s
	}
	return statusActive
}

// SetStatus sets the account status.
func (u *User) SetStatus(status string) { u.Set("status", status) }

// EmailVerifiedAt returns when the email was verified (zero if never).
func (u *User) EmailVerifiedAt() types.DateTime { return u.GetDateTime("email_verified_at") }

// MarkVerified records the verification of the current email.
func (u *User) MarkVerified() {
	u.SetVerified(true)
	u.Set("email_verified_at", types.NowDateTime())
}

// normalizeEmail is how every email is compared and stored.
func normalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// userResource is the "user" object of API.md §3.
type userResource struct {
	ID              string          `json:"id"`
	Name            string          `json:"name"`
	Email           string          `json:"email"`
	EmailVerifiedAt any             `json:"email_verified_at"`
	Status          string          `json:"status"`
	Profile         profileResource `json:"profile"`
}

type profileResource struct {
	ProfilePicture any `json:"profile_picture"`
	Mobile         any `json:"mobile"`
	Address        any `json:"address"`
	DOB            any `json:"dob"`
	Gender         any `json:"gender"`
	Bio            any `json:"bio"`
}

func newUserResource(u *User) userResource {
	var verifiedAt any
	if u.Verified() {
		verifiedAt = apiTime(u.EmailVerifiedAt())
	}
	return userResource{
		ID:              u.Id,
		Name:            u.GetString("name"),
		Email:           u.Email(),
		EmailVerifiedAt: verifiedAt,
		Status:          u.Status(),
		Profile: profileResource{
			ProfilePicture: nullable(u.GetString("profile_picture")),
			Mobile:         nullable(u.GetString("mobile")),
			Address:        nullable(u.GetString("address")),
			DOB:            nullable(u.GetString("dob")),
			Gender:         nullable(u.GetString("gender")),
			Bio:            nullable(u.GetString("bio")),
		},
	}
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// findUserByEmail returns the user with this email (compared lowercase).
func findUserByEmail(app core.App, email string) (*User, error) {
	record, err := app.FindAuthRecordByEmail(usersCollection, normalizeEmail(email))
	if err != nil {
		return nil, err
	}
	return asUser(record), nil
}

// findUserByID returns the user with this id.
func findUserByID(app core.App, id string) (*User, error) {
	record, err := app.FindRecordById(usersCollection, id)
	if err != nil {
		return nil, err
	}
	return asUser(record), nil
}
