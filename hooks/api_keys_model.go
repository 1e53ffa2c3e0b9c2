package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/credentials"
)

const apiKeysCollection = "api_keys"

// APIKey is a typed proxy of an api_keys record.
type APIKey struct {
	core.BaseRecordProxy
}

func asAPIKey(record *core.Record) *APIKey {
	k := &APIKey{}
	k.SetProxyRecord(record)
	return k
}

// Name returns the key's name.
func (k *APIKey) Name() string { return k.GetString("name") }

// Key returns the public half of the pair.
func (k *APIKey) Key() string { return k.GetString("key") }

// Abilities returns the abilities the key carries.
func (k *APIKey) Abilities() []string { return jsonStrings(k.Record, "abilities") }

// ExpiresAt returns the key's expiry.
func (k *APIKey) ExpiresAt() types.DateTime { return k.GetDateTime("expires_at") }

// LastUsedAt returns the key's last use, up to the request: the one in
// memory, else the stored one (usage.go).
func (k *APIKey) LastUsedAt(app core.App) types.DateTime { return usageOf(app).lastUsedOf(k.Record) }

// IsExpired reports whether the key's expiry has passed.
func (k *APIKey) IsExpired(now time.Time) bool {
	return k.ExpiresAt().IsZero() || isPast(k.ExpiresAt(), now)
}

// renew gives the key a new pair and expiry and returns the new secret.
func (k *APIKey) renew(expiresAt types.DateTime) string {
	key, secret := credentials.NewAPIKey()
	k.Set("key", key)
	k.Set("secret_hash", credentials.Hash(secret))
	k.Set("expires_at", expiresAt)
	return secret
}

// keyForbiddenAbilities can never be granted to an API key: a key never
// manages credentials or the account (API.md §6).
var keyForbiddenAbilities = []string{"account:write", "tokens:read", "tokens:write", "tokens:*", "keys:read", "keys:write", "keys:*"}

// authenticateAPIKey verifies an API key pair. A key always has an expiry.
func authenticateAPIKey(app core.App, key, secret string, now time.Time) *credential {
	row, err := lookupAPIKey(app, key)
	if err != nil || !credentials.Equal(row.Hash, credentials.Hash(secret)) || row.ExpiresAt.IsZero() || isPast(row.ExpiresAt, now) {
		return nil
	}
	user, err := usersCacheOf(app).get(app, row.UserID)
	if err != nil {
		return nil
	}
	usageOf(app).touch(apiKeysCollection, row.ID, now)
	return &credential{kind: kindAPIKey, id: row.ID, apiKey: key, user: user, abilities: parseStoredAbilities(row.Abilities)}
}
