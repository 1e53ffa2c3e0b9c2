package model

import (
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/types"
)

const usageStoreKey = "appUsage"

// UsageTracker keeps last_used_at of tokens and API keys in memory, so
// that verifying a credential writes nothing. A cron job flushes it once a
// minute (so each credential is written at most once a minute) and the app
// flushes it on shutdown.
type UsageTracker struct {
	flushMu  sync.Mutex // one flush at a time
	mu       sync.Mutex
	pending  map[usageKey]time.Time
	inflight map[usageKey]time.Time // being written by flush
}

type usageKey struct {
	collection string
	id         string
}

func UsageOf(app core.App) *UsageTracker {
	return app.Store().GetOrSet(usageStoreKey, func() any {
		return &UsageTracker{pending: map[usageKey]time.Time{}}
	}).(*UsageTracker)
}

// Touch records a use of a credential.
func (u *UsageTracker) Touch(collection, id string, at time.Time) {
	u.mu.Lock()
	u.pending[usageKey{collection, id}] = at
	u.mu.Unlock()
}

// LastUsed returns the newest known use: the pending one, else stored.
func (u *UsageTracker) LastUsed(collection, id string, stored types.DateTime) types.DateTime {
	key := usageKey{collection, id}
	u.mu.Lock()
	at, ok := u.pending[key]
	if !ok {
		at, ok = u.inflight[key]
	}
	u.mu.Unlock()
	if !ok {
		return stored
	}
	dt, _ := types.ParseDateTime(at)
	return dt
}

// LastUsedOf returns the newest known use of a token or key record.
func (u *UsageTracker) LastUsedOf(record *core.Record) types.DateTime {
	return u.LastUsed(record.Collection().Name, record.Id, record.GetDateTime("last_used_at"))
}

// Forget drops the pending use of a deleted credential.
func (u *UsageTracker) Forget(collection, id string) {
	u.mu.Lock()
	delete(u.pending, usageKey{collection, id})
	u.mu.Unlock()
}

// Flush writes every pending use with one raw UPDATE per credential, in one
// transaction. Until it commits the batch stays readable; if it fails the
// batch goes back to pending (a newer use wins).
func (u *UsageTracker) Flush(app core.App) error {
	u.flushMu.Lock()
	defer u.flushMu.Unlock()

	u.mu.Lock()
	batch := u.pending
	u.pending = make(map[usageKey]time.Time, len(batch))
	u.inflight = batch
	u.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}

	err := u.write(app, batch)

	if err == nil {
		// the cached tokens still hold the old last_used_at
		tokens := TokensCacheOf(app)
		for key := range batch {
			if key.collection == TokensCollection {
				tokens.Forget(key.id)
			}
		}
	}
	u.mu.Lock()
	if err != nil {
		for key, at := range batch {
			if newer, ok := u.pending[key]; !ok || newer.Before(at) {
				u.pending[key] = at
			}
		}
	}
	u.inflight = nil
	u.mu.Unlock()
	return err
}

func (u *UsageTracker) write(app core.App, batch map[usageKey]time.Time) error {
	return app.RunInTransaction(func(txApp core.App) error {
		for key, at := range batch {
			dt, _ := types.ParseDateTime(at)
			_, err := txApp.DB().Update(key.collection,
				dbx.Params{"last_used_at": dt.String()},
				dbx.HashExp{"id": key.id}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// bindUsageTracking flushes the pending uses when the app stops and keeps
// the tracker exact when a credential is deleted (also from the admin UI).
func bindUsageTracking(app core.App) {
	app.OnTerminate().Bind(&hook.Handler[*core.TerminateEvent]{
		Id: "appUsageFlushOnTerminate",
		Func: func(e *core.TerminateEvent) error {
			BackgroundJobs(e.App).Wait()
			if err := UsageOf(e.App).Flush(e.App); err != nil {
				e.App.Logger().Error("cannot flush last_used_at", "error", err)
			}
			return e.Next()
		},
	})
}
