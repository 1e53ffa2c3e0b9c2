package hooks

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/model"
)

// A failed flush keeps the uses in memory for the next one, and a newer
// use made meanwhile wins.
func TestUsageFlushFailureKeepsUses(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	usage := model.UsageOf(app)
	at := time.Now().Add(-time.Minute)
	usage.Touch("no_such_table", "x", at) // its UPDATE fails the flush
	usage.Touch(model.TokensCollection, annLogin.id, at)

	if err := usage.Flush(app); err == nil {
		t.Fatal("want a failed flush")
	}
	for _, key := range [][2]string{{"no_such_table", "x"}, {model.TokensCollection, annLogin.id}} {
		if got := usage.LastUsed(key[0], key[1], types.DateTime{}); got.IsZero() {
			t.Fatalf("the use of %v was lost", key)
		}
	}
	token, err := model.FindTokenByID(app, annLogin.id)
	if err != nil {
		t.Fatal(err)
	}
	if !token.GetDateTime("last_used_at").IsZero() {
		t.Fatal("the failed transaction must not have written")
	}
}
