package model

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/credentials"
)

const APIKeysCollection = "api_keys"

// APIKey is a typed proxy of an api_keys record.
type APIKey struct {
	core.BaseRecordProxy
}

func AsAPIKey(record *core.Record) *APIKey {
	k := &APIKey{}
	k.SetProxyRecord(record)
	return k
}

// Name returns the key's name.
func (k *APIKey) Name() string { return k.GetString("name") }

// Key returns the public half of the pair.
func (k *APIKey) Key() string { return k.GetString("key") }

// Abilities returns the abilities the key carries.
func (k *APIKey) Abilities() []string { return JSONStrings(k.Record, "abilities") }

// ExpiresAt returns the key's expiry.
func (k *APIKey) ExpiresAt() types.DateTime { return k.GetDateTime("expires_at") }

// LastUsedAt returns the key's last use, up to the request: the one in
// memory, else the stored one (usage.go).
func (k *APIKey) LastUsedAt(app core.App) types.DateTime { return UsageOf(app).LastUsedOf(k.Record) }

// IsExpired reports whether the key's expiry has passed.
func (k *APIKey) IsExpired(now time.Time) bool {
	return k.ExpiresAt().IsZero() || IsPast(k.ExpiresAt(), now)
}

// Renew gives the key a new pair and expiry and returns the new secret.
func (k *APIKey) Renew(expiresAt types.DateTime) string {
	key, secret := credentials.NewAPIKey()
	k.Set("key", key)
	k.Set("secret_hash", credentials.Hash(secret))
	k.Set("expires_at", expiresAt)
	return secret
}

// KeyForbiddenAbilities can never be granted to an API key: a key never
// manages credentials or the account (API.md §6).
var KeyForbiddenAbilities = []string{"account:write", "tokens:read", "tokens:write", "tokens:*", "keys:read", "keys:write", "keys:*"}
