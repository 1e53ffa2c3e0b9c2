package model

import (
	"database/sql"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The reads of credential verification. They run on every authenticated
// request, so they use prepared statements (a PocketBase record query
// costs ~130 µs here, a prepared point read ~10 µs) and a cache of users
// that record hooks keep exact. Nothing here writes.

const (
	tokenColumns   = `id, "user", type, token_hash, abilities, expires_at, last_used_at, created`
	tokenByIDSQL   = `SELECT ` + tokenColumns + ` FROM personal_access_tokens WHERE id = ?`
	tokenByHashSQL = `SELECT ` + tokenColumns + ` FROM personal_access_tokens WHERE token_hash = ?`
	apiKeyByKeySQL = `SELECT id, "user", secret_hash, abilities, expires_at FROM api_keys WHERE key = ?`
)

// TokenRow is what verifying a token reads of it.
type TokenRow struct {
	ID, UserID, Type, Hash, Abilities string
	ExpiresAt, LastUsedAt, Created    types.DateTime
}

// APIKeyRow is what verifying an API key reads of it.
type APIKeyRow struct {
	ID, UserID, Hash, Abilities string
	ExpiresAt                   types.DateTime
}

// LookupToken reads a token by id, or by hash when id is empty.
func LookupToken(app core.App, id, hash string) (*TokenRow, error) {
	query, arg := tokenByIDSQL, id
	if id == "" {
		query, arg = tokenByHashSQL, hash
	}
	var r TokenRow
	var expires, lastUsed, created string
	err := StatementsOf(app).QueryRow(app, query, arg).
		Scan(&r.ID, &r.UserID, &r.Type, &r.Hash, &r.Abilities, &expires, &lastUsed, &created)
	if err != nil {
		return nil, err
	}
	r.ExpiresAt, _ = types.ParseDateTime(expires)
	r.LastUsedAt, _ = types.ParseDateTime(lastUsed)
	r.Created, _ = types.ParseDateTime(created)
	return &r, nil
}

// LookupAPIKey reads an API key by its public key.
func LookupAPIKey(app core.App, key string) (*APIKeyRow, error) {
	var r APIKeyRow
	var expires string
	err := StatementsOf(app).QueryRow(app, apiKeyByKeySQL, key).
		Scan(&r.ID, &r.UserID, &r.Hash, &r.Abilities, &expires)
	if err != nil {
		return nil, err
	}
	r.ExpiresAt, _ = types.ParseDateTime(expires)
	return &r, nil
}

const statementsStoreKey = "appStatements"

// preparedStatements holds the hot path's statements on the read pool.
// They are prepared on first use, and again if PocketBase reopens its
// database (a backup restore does).
type preparedStatements struct {
	calls atomic.Int64 // queries asked, for the tests that prove none ran

	mu    sync.Mutex
	db    *sql.DB
	stmts map[string]*sql.Stmt
}

func StatementsOf(app core.App) *preparedStatements {
	return app.Store().GetOrSet(statementsStoreKey, func() any {
		return &preparedStatements{stmts: map[string]*sql.Stmt{}}
	}).(*preparedStatements)
}

// QueryRow runs a prepared query on the app's read pool. Inside a
// transaction (an app passed to RunInTransaction), whose reads must see
// its own writes, it runs on the transaction instead, unprepared. A
// failure to prepare is reported by Scan.
func (p *preparedStatements) QueryRow(app core.App, query string, args ...any) rowScanner {
	p.calls.Add(1)
	pool, ok := app.ConcurrentDB().(*dbx.DB)
	if !ok {
		return txRow{app.ConcurrentDB(), query, args}
	}
	db := pool.DB()
	p.mu.Lock()
	if p.db != db {
		// the old handle is closed with its statements; closing them here
		// could break a query another goroutine just started
		p.db = db
		p.stmts = map[string]*sql.Stmt{}
	}
	stmt, ok := p.stmts[query]
	if !ok {
		var err error
		if stmt, err = db.Prepare(query); err != nil {
			p.mu.Unlock()
			return db.QueryRow(query, args...) // reports the same error on Scan
		}
		p.stmts[query] = stmt
	}
	p.mu.Unlock()
	return stmt.QueryRow(args...)
}

// rowScanner is a *sql.Row or a txRow.
type rowScanner interface {
	Scan(dest ...any) error
}

// txRow is one row read through a transaction's builder. dbx binds named
// parameters only, so the hot path's "?" becomes {:pN}.
type txRow struct {
	builder dbx.Builder
	query   string
	args    []any
}

func (r txRow) Scan(dest ...any) error {
	params := dbx.Params{}
	n := 0
	query := questionMark.ReplaceAllStringFunc(r.query, func(string) string {
		name := "p" + strconv.Itoa(n)
		params[name] = r.args[n]
		n++
		return "{:" + name + "}"
	})
	return r.builder.NewQuery(query).Bind(params).Row(dest...)
}

var questionMark = regexp.MustCompile(`\?`)

// Calls returns how many hot-path queries were asked so far.
func (p *preparedStatements) Calls() int64 { return p.calls.Load() }

func (p *preparedStatements) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for query, stmt := range p.stmts {
		stmt.Close()
		delete(p.stmts, query)
	}
}

const usersCacheStoreKey = "appUsersCache"

// maxCachedUsers bounds the cache; past it, the cache starts over.
const maxCachedUsers = 10000

// UserCache keeps the users that credentials belong to. Every save or
// delete of a user (our routes, the admin UI, PocketBase's API) drops the
// entry (bindHotPathHooks), so a status change is seen on the next request.
type UserCache struct {
	users *exactCache[*User]
}

func UsersCacheOf(app core.App) *UserCache {
	return app.Store().GetOrSet(usersCacheStoreKey, func() any {
		return &UserCache{users: newExactCache[*User](maxCachedUsers)}
	}).(*UserCache)
}

// Shared returns the cached user itself, with no copy: the hot path reads
// it and must never change it (whoever hands it to a handler hands a
// Clone). Inside a transaction it reads through the transaction.
func (c *UserCache) Shared(app core.App, id string) (*User, error) {
	read := func() (*User, []string, error) {
		record, err := app.FindRecordById(UsersCollection, id)
		if err != nil {
			return nil, nil, err
		}
		return AsUser(record), []string{id}, nil
	}
	if app.IsTransactional() {
		u, _, err := read()
		return u, err
	}
	return c.users.get(id, read)
}

// Forget drops a user; the next request reads it afresh.
func (c *UserCache) Forget(id string) { c.users.forget(id, nil) }

// bindHotPathHooks keeps the user cache exact and closes the statements
// when the app stops.
func bindHotPathHooks(app core.App) {
	forget := func(e *core.RecordEvent) error {
		UsersCacheOf(e.App).Forget(e.Record.Id)
		return e.Next()
	}
	// after-success hooks run after the commit: a read that began before it
	// saw the old generation and is not stored
	app.OnRecordAfterUpdateSuccess(UsersCollection).BindFunc(forget)
	app.OnRecordAfterDeleteSuccess(UsersCollection).BindFunc(forget)

	app.OnTerminate().Bind(&hook.Handler[*core.TerminateEvent]{
		Id: "appCloseStatements",
		Func: func(e *core.TerminateEvent) error {
			StatementsOf(e.App).close()
			return e.Next()
		},
	})
}
