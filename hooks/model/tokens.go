package model

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/credentials"
)

const TokensCollection = "personal_access_tokens"

// Token types: a login token is a device; an api token is a personal
// access token of the API Tokens page.
const (
	TokenTypeLogin = "login"
	TokenTypeAPI   = "api"
)

// AccessToken is a typed proxy of a personal_access_tokens record.
type AccessToken struct {
	core.BaseRecordProxy
}

func AsAccessToken(record *core.Record) *AccessToken {
	t := &AccessToken{}
	t.SetProxyRecord(record)
	return t
}

// Name returns the token's name (a device label for login tokens).
func (t *AccessToken) Name() string { return t.GetString("name") }

// Abilities returns the abilities the token carries.
func (t *AccessToken) Abilities() []string { return JSONStrings(t.Record, "abilities") }

// Attributes returns the device attributes captured at login.
func (t *AccessToken) Attributes() DeviceAttributes {
	var a DeviceAttributes
	_ = t.UnmarshalJSONField("attributes", &a)
	return a
}

// ExpiresAt returns the expiry (zero: never).
func (t *AccessToken) ExpiresAt() types.DateTime { return t.GetDateTime("expires_at") }

// LastUsedAt returns the token's last use, up to the request: the one in
// memory, else the stored one (usage.go).
func (t *AccessToken) LastUsedAt(app core.App) types.DateTime {
	return UsageOf(app).LastUsedOf(t.Record)
}

// IsExpired reports whether the token's expiry has passed.
func (t *AccessToken) IsExpired(now time.Time) bool {
	return IsPast(t.ExpiresAt(), now)
}

// DeviceAttributes are the device details of a login token (API.md §4).
type DeviceAttributes struct {
	DeviceName string `json:"device_name"`
	Browser    string `json:"browser"`
	Platform   string `json:"platform"`
	IPAddress  string `json:"ip_address"`
	UserAgent  string `json:"user_agent"`
}

// NewToken describes a token to issue.
type NewToken struct {
	User       *User
	Type       string
	Name       string
	Abilities  []string
	ExpiresAt  types.DateTime
	Attributes *DeviceAttributes
}

// IssueToken saves a new token and returns it with the plaintext the
// client keeps, which is never stored and never shown again.
func IssueToken(app core.App, in NewToken) (*AccessToken, string, error) {
	collection, err := app.FindCachedCollectionByNameOrId(TokensCollection)
	if err != nil {
		return nil, "", err
	}
	secret := credentials.NewTokenSecret(SettingsOf(app).TokenPrefix)

	record := core.NewRecord(collection)
	record.Set("user", in.User.Id)
	record.Set("name", in.Name)
	record.Set("type", in.Type)
	record.Set("token_hash", credentials.Hash(secret))
	record.Set("abilities", in.Abilities)
	record.Set("expires_at", in.ExpiresAt)
	if in.Attributes != nil {
		record.Set("attributes", in.Attributes)
	}
	if err := app.Save(record); err != nil {
		return nil, "", err
	}
	return AsAccessToken(record), credentials.FormatToken(record.Id, secret), nil
}

// JSONStrings reads a JSON list-of-strings field.
func JSONStrings(record *core.Record, field string) []string {
	var out []string
	_ = record.UnmarshalJSONField(field, &out)
	if out == nil {
		out = []string{}
	}
	return out
}
