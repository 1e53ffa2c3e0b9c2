package hooks

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/model"
)

// fixtureKey is an API key seeded with a known pair.
type fixtureKey struct {
	id, userID string
	abilities  []string
	expiresIn  time.Duration
}

func (k fixtureKey) key() string    { return strings.Repeat(k.id, 3)[:credentials.APIKeyLength] }
func (k fixtureKey) secret() string { return strings.Repeat(k.id+"S", 5)[:credentials.APIKeySecretLen] }

// authorization is the "Authorization: api <key>:<secret>" form.
func (k fixtureKey) authorization() map[string]string {
	return map[string]string{"Authorization": "Api " + k.key() + ":" + k.secret()}
}

// headers is the X-API-KEY / X-API-SECRET form.
func (k fixtureKey) headers() map[string]string {
	return map[string]string{"X-API-KEY": k.key(), "X-API-SECRET": k.secret()}
}

var (
	annKey        = fixtureKey{"annkey000000001", annID, []string{"*"}, 24 * time.Hour}
	annKeyRead    = fixtureKey{"annkeyread00001", annID, []string{"records:read"}, 24 * time.Hour}
	annKeyNarrow  = fixtureKey{"annkeynarrow001", annID, []string{"reports:read"}, 24 * time.Hour}
	annKeyExpired = fixtureKey{"annkeyexpired01", annID, []string{"*"}, -time.Hour}
	bobKey        = fixtureKey{"bobkey000000001", bobID, []string{"*"}, 24 * time.Hour}
	suspendedKey  = fixtureKey{"sukey0000000001", suspendedID, []string{"*"}, 24 * time.Hour}
)

// keysApp is a test app with the fixture keys.
func keysApp(t testing.TB) *tests.TestApp {
	app := newTestApp(t)
	seedKeys(t, app, annKey, annKeyRead, annKeyNarrow, annKeyExpired, bobKey, suspendedKey)
	return app
}

// seedKeys saves fixture keys.
func seedKeys(t testing.TB, app core.App, keys ...fixtureKey) {
	t.Helper()
	collection, err := app.FindCollectionByNameOrId(model.APIKeysCollection)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		r := core.NewRecord(collection)
		r.Id = k.id
		r.Set("user", k.userID)
		r.Set("name", "Fixture "+k.id)
		r.Set("key", k.key())
		r.Set("secret_hash", credentials.Hash(k.secret()))
		r.Set("abilities", k.abilities)
		r.Set("expires_at", model.DateTimeIn(k.expiresIn))
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
}

// keyExists reports whether an API key row with id is in the database.
func keyExists(t testing.TB, app core.App, id string) bool {
	t.Helper()
	n, err := app.CountRecords(model.APIKeysCollection, dbx.HashExp{"id": id})
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}

type createdKey struct {
	ID     string `json:"id"`
	Key    string `json:"key"`
	Secret string `json:"secret"`
}

func decodeKey(t testing.TB, res *http.Response) createdKey {
	t.Helper()
	var body struct {
		Data createdKey `json:"data"`
	}
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return body.Data
}
