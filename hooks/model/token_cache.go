package model

import (
	"encoding/json"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The token cache keeps, in memory, what verifying a token reads of it, so
// that a warm token costs no database read. It is exact, never a TTL: every
// change of a token goes through app.Save or app.Delete (model/revoke.go),
// and the record hooks drop the entry after the change commits, before the
// request that made it answers; a read that raced with a change is not
// stored (the generation moved). Expiry and the idle timeout are checked on
// every request against the entry, and a flush of last_used_at drops the
// entries it wrote.

// CachedToken is a token as verification sees it. Cached entries are
// shared: never change one.
type CachedToken struct {
	ID, UserID, Type, Hash string
	Abilities              []string
	ExpiresAt, Created     types.DateTime
	LastUsedAt             types.DateTime // as stored; usage.go has the newer
}

const tokenCacheStoreKey = "appTokenCache"

// maxCachedTokens bounds the cache; past it, the cache starts over.
const maxCachedTokens = 100000

// TokenCache maps token ids, and hashes (for bare secrets), to tokens.
type TokenCache struct {
	tokens *exactCache[*CachedToken] // under the id and under "#" + the hash
}

// TokensCacheOf returns the app's token cache.
func TokensCacheOf(app core.App) *TokenCache {
	return app.Store().GetOrSet(tokenCacheStoreKey, func() any {
		return &TokenCache{tokens: newExactCache[*CachedToken](2 * maxCachedTokens)}
	}).(*TokenCache)
}

// Token returns the token with this id, or, with no id, with this hash.
// Inside a transaction it reads through the transaction, uncached.
func (c *TokenCache) Token(app core.App, id, hash string) (*CachedToken, error) {
	read := func() (*CachedToken, []string, error) {
		row, err := LookupToken(app, id, hash)
		if err != nil {
			return nil, nil, err
		}
		t := cachedTokenOf(row)
		return t, []string{t.ID, "#" + t.Hash}, nil
	}
	if app.IsTransactional() {
		t, _, err := read()
		return t, err
	}
	key := id
	if key == "" {
		key = "#" + hash
	}
	return c.tokens.get(key, read)
}

// Forget drops a token; the next request reads it afresh.
func (c *TokenCache) Forget(id string) {
	c.tokens.forget(id, func(t *CachedToken) []string { return []string{"#" + t.Hash} })
}

// Len is how many keys are cached (two per token).
func (c *TokenCache) Len() int { return c.tokens.len() }

func cachedTokenOf(r *TokenRow) *CachedToken {
	var abilities []string
	if err := json.Unmarshal([]byte(r.Abilities), &abilities); err != nil {
		abilities = nil // unreadable grants nothing
	}
	return &CachedToken{
		ID: r.ID, UserID: r.UserID, Type: r.Type, Hash: r.Hash, Abilities: abilities,
		ExpiresAt: r.ExpiresAt, Created: r.Created, LastUsedAt: r.LastUsedAt,
	}
}

// bindTokenCacheHooks drops a token's entry whenever it changes or goes,
// whoever changes it (our routes, a suspension, the admin UI). The
// after-success hooks run once the change has committed.
func bindTokenCacheHooks(app core.App) {
	forget := func(e *core.RecordEvent) error {
		TokensCacheOf(e.App).Forget(e.Record.Id)
		return e.Next()
	}
	app.OnRecordAfterUpdateSuccess(TokensCollection).BindFunc(forget)
	app.OnRecordAfterDeleteSuccess(TokensCollection).BindFunc(forget)
}
