package hooks

import (
	"encoding/json"
	"sync"
	"sync/atomic"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// userResource is the "user" object of API.md §3.
type userResource struct {
	ID               string          `json:"id"`
	Name             string          `json:"name"`
	Email            string          `json:"email"`
	EmailVerifiedAt  any             `json:"email_verified_at"`
	Status           string          `json:"status"`
	TwoFactorEnabled bool            `json:"two_factor_enabled"`
	Locale           string          `json:"locale"`
	Profile          profileResource `json:"profile"`
}

type profileResource struct {
	ProfilePicture any `json:"profile_picture"`
	Mobile         any `json:"mobile"`
	Address        any `json:"address"`
	DOB            any `json:"dob"`
	Gender         any `json:"gender"`
	Bio            any `json:"bio"`
}

func newUserResource(u *model.User) userResource {
	var verifiedAt any
	if u.Verified() {
		verifiedAt = apiTime(u.EmailVerifiedAt())
	}
	return userResource{
		ID:               u.Id,
		Name:             u.GetString("name"),
		Email:            u.Email(),
		EmailVerifiedAt:  verifiedAt,
		Status:           u.Status(),
		TwoFactorEnabled: u.TwoFactorEnabled(),
		Locale:           userLang(u, i18n.Default).String(),
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

// maxEncodedUsers bounds userJSONMemo; past it, it starts over.
const maxEncodedUsers = 10000

var (
	userJSONMemo     sync.Map // *core.Record (a cached, shared user) → json.RawMessage
	userJSONMemoSize atomic.Int64
)

// sharedUserJSON returns the encoded user object of a user the hot path
// shares (model.UserCache.Shared). A shared record never changes: a change
// to the user makes the cache read a new record, so the memo, keyed by the
// record itself, is exact.
func sharedUserJSON(u *model.User) (json.RawMessage, error) {
	if data, ok := userJSONMemo.Load(u.Record); ok {
		return data.(json.RawMessage), nil
	}
	data, err := json.Marshal(newUserResource(u))
	if err != nil {
		return nil, err
	}
	if userJSONMemoSize.Add(1) > maxEncodedUsers {
		userJSONMemo.Clear()
		userJSONMemoSize.Store(1)
	}
	userJSONMemo.Store(u.Record, json.RawMessage(data))
	return data, nil
}
