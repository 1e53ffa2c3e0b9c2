package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/credentials"
)

const tokensCollection = "personal_access_tokens"

// Token types: a login token is a device; an api token is a personal
// access token of the API Tokens page.
const (
	tokenTypeLogin = "login"
	tokenTypeAPI   = "api"
)

// AccessToken is a typed proxy of a personal_access_tokens record.
type AccessToken struct {
	core.BaseRecordProxy
}

func asAccessToken(record *core.Record) *AccessToken {
	t := &AccessToken{}
	t.SetProxyRecord(record)
	return t
}

// Name returns the token's name (a device label for login tokens).
func (t *AccessToken) Name() string { return t.GetString("name") }

// Abilities returns the abilities the token carries.
func (t *AccessToken) Abilities() []string { return jsonStrings(t.Record, "abilities") }

// Attributes returns the device attributes captured at login.
func (t *AccessToken) Attributes() deviceAttributes {
	var a deviceAttributes
	_ = t.UnmarshalJSONField("attributes", &a)
	return a
}

// ExpiresAt returns the expiry (zero: never).
func (t *AccessToken) ExpiresAt() types.DateTime { return t.GetDateTime("expires_at") }

// LastUsedAt returns the token's last use, up to the request: the one in
// memory, else the stored one (usage.go).
func (t *AccessToken) LastUsedAt(app core.App) types.DateTime {
	return usageOf(app).lastUsedOf(t.Record)
}

// IsExpired reports whether the token's expiry has passed.
func (t *AccessToken) IsExpired(now time.Time) bool {
	return isPast(t.ExpiresAt(), now)
}

// deviceAttributes are the device details of a login token (API.md §4).
type deviceAttributes struct {
	DeviceName string `json:"device_name"`
	Browser    string `json:"browser"`
	Platform   string `json:"platform"`
	IPAddress  string `json:"ip_address"`
	UserAgent  string `json:"user_agent"`
}

// newTokenInput describes a token to issue.
type newTokenInput struct {
	user       *User
	tokenType  string
	name       string
	abilities  []string
	expiresAt  types.DateTime
	attributes *deviceAttributes
}

// issueToken saves a new token and returns it with the plaintext the
// client keeps, which is never stored and never shown again.
func issueToken(app core.App, in newTokenInput) (*AccessToken, string, error) {
	collection, err := app.FindCachedCollectionByNameOrId(tokensCollection)
	if err != nil {
		return nil, "", err
	}
	secret := credentials.NewTokenSecret(settingsOf(app).TokenPrefix)

	record := core.NewRecord(collection)
	record.Set("user", in.user.Id)
	record.Set("name", in.name)
	record.Set("type", in.tokenType)
	record.Set("token_hash", credentials.Hash(secret))
	record.Set("abilities", in.abilities)
	record.Set("expires_at", in.expiresAt)
	if in.attributes != nil {
		record.Set("attributes", in.attributes)
	}
	if err := app.Save(record); err != nil {
		return nil, "", err
	}
	return asAccessToken(record), credentials.FormatToken(record.Id, secret), nil
}

// jsonStrings reads a JSON list-of-strings field.
func jsonStrings(record *core.Record, field string) []string {
	var out []string
	_ = record.UnmarshalJSONField(field, &out)
	if out == nil {
		out = []string{}
	}
	return out
}
