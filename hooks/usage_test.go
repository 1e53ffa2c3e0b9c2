package hooks

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"
)

// A failed flush keeps the uses in memory for the next one, and a newer
// use made meanwhile wins.
func TestUsageFlushFailureKeepsUses(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	usage := usageOf(app)
	at := time.Now().Add(-time.Minute)
	usage.touch("no_such_table", "x", at) // its UPDATE fails the flush
	usage.touch(tokensCollection, annLogin.id, at)

	if err := usage.flush(app); err == nil {
		t.Fatal("want a failed flush")
	}
	for _, key := range []usageKey{{"no_such_table", "x"}, {tokensCollection, annLogin.id}} {
		if got := usage.lastUsed(key.collection, key.id, types.DateTime{}); got.IsZero() {
			t.Fatalf("the use of %v was lost", key)
		}
	}
	token, err := findTokenByID(app, annLogin.id)
	if err != nil {
		t.Fatal(err)
	}
	if !token.GetDateTime("last_used_at").IsZero() {
		t.Fatal("the failed transaction must not have written")
	}
}
