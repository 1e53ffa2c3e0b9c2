package hooks

import (
	"encoding/json"
	"github.com/pocketbase/dbx"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/credentials"
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
	collection, err := app.FindCollectionByNameOrId(apiKeysCollection)
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
		r.Set("expires_at", dateTimeIn(k.expiresIn))
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
}

// keyExists reports whether an API key row with id is in the database.
func keyExists(t testing.TB, app core.App, id string) bool {
	t.Helper()
	n, err := app.CountRecords(apiKeysCollection, dbx.HashExp{"id": id})
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}

func TestAPIKeyAuthentication(t *testing.T) {
	t.Parallel()

	invalid := `"message":"Invalid or expired API credentials."`
	wrongSecret := fixtureKey{id: annKey.id}
	scenarios := []tests.ApiScenario{
		{
			Name:            "no key",
			Method:          http.MethodGet,
			URL:             "/api/api-data-test",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"success":false`, invalid},
			TestAppFactory:  keysApp,
		},
		{
			Name:           "Authorization: api <key>:<secret>",
			Method:         http.MethodGet,
			URL:            "/api/api-data-test",
			Headers:        annKey.authorization(),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"success":true`,
				`"message":"API key authenticated successfully!"`,
				`"id":"` + annID + `"`,
				`"key":"` + annKey.key() + `"`,
			},
			NotExpectedContent: []string{annKey.secret()},
			ExpectedEvents:     map[string]int{"*": 0},
			TestAppFactory:     keysApp,
		},
		{
			Name:            "X-API-KEY and X-API-SECRET",
			Method:          http.MethodGet,
			URL:             "/api/api-data-test",
			Headers:         annKey.headers(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"id":"` + annID + `"`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "wrong secret",
			Method:          http.MethodGet,
			URL:             "/api/api-data-test",
			Headers:         map[string]string{"X-API-KEY": annKey.key(), "X-API-SECRET": wrongSecret.secret()[:63] + "Z"},
			ExpectedStatus:  401,
			ExpectedContent: []string{invalid},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "unknown key",
			Method:          http.MethodGet,
			URL:             "/api/api-data-test",
			Headers:         fixtureKey{id: "unknownkey00001"}.authorization(),
			ExpectedStatus:  401,
			ExpectedContent: []string{invalid},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "expired key",
			Method:          http.MethodGet,
			URL:             "/api/api-data-test",
			Headers:         annKeyExpired.authorization(),
			ExpectedStatus:  401,
			ExpectedContent: []string{invalid},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "suspended owner",
			Method:          http.MethodGet,
			URL:             "/api/api-data-test",
			Headers:         suspendedKey.authorization(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your account has been suspended."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "a bearer token is not an API key",
			Method:          http.MethodGet,
			URL:             "/api/api-data-test",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  401,
			ExpectedContent: []string{invalid},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "a key never reaches the account routes",
			Method:          http.MethodGet,
			URL:             "/api/account",
			Headers:         annKey.authorization(),
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "nor the key routes",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annKey.headers(),
			Body:            jsonBody(`{"name":"escalate"}`),
			ExpectedStatus:  401,
			ExpectedEvents:  map[string]int{"OnModelCreate": 0},
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  keysApp,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// Keys (and tokens) act as their owner on PocketBase's records API with
// records:read / records:write, the collection's API rules still applied.
func TestCredentialsOnRecordsAPI(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "a key with records:read lists what the rules allow",
			Method:          http.MethodGet,
			URL:             "/api/collections/users/records",
			Headers:         annKeyRead.authorization(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"id":"` + annID + `"`, `"totalItems":1`},
			NotExpectedContent: []string{
				bobID,
			},
			TestAppFactory: keysApp,
		},
		{
			Name:            "a key without records:read",
			Method:          http.MethodGet,
			URL:             "/api/collections/users/records",
			Headers:         annKeyNarrow.authorization(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "records:read does not write",
			Method:          http.MethodPatch,
			URL:             "/api/collections/users/records/" + annID,
			Headers:         annKeyRead.authorization(),
			Body:            jsonBody(`{"name":"hacked"}`),
			ExpectedStatus:  403,
			ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "the collection rules still apply: no self-service status change",
			Method:          http.MethodPatch,
			URL:             "/api/collections/users/records/" + annID,
			Headers:         annKey.authorization(),
			Body:            jsonBody(`{"status":"active"}`),
			ExpectedStatus:  403,
			ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
			ExpectedContent: []string{`"message":"Only superusers can perform this action."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "a personal access token with records:read",
			Method:          http.MethodGet,
			URL:             "/api/collections/users/records/" + annID,
			Headers:         tokenWithRecordsRead.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"id":"` + annID + `"`},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := newTestApp(t)
				if err := seedToken(app, tokenWithRecordsRead); err != nil {
					t.Fatal(err)
				}
				return app
			},
		},
		{
			Name:            "a token without records:read",
			Method:          http.MethodGet,
			URL:             "/api/collections/users/records/" + annID,
			Headers:         annPATRead.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "a suspended owner's key",
			Method:          http.MethodGet,
			URL:             "/api/collections/users/records",
			Headers:         suspendedKey.authorization(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your account has been suspended."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "hidden collections stay superuser-only",
			Method:          http.MethodGet,
			URL:             "/api/collections/api_keys/records",
			Headers:         annKey.authorization(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"status":403`},
			TestAppFactory:  keysApp,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

var tokenWithRecordsRead = fixtureToken{"annrecords00001", annID, tokenTypeAPI, []string{"records:read"}, 0}

func TestAPIKeysList(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodGet,
			URL:             "/api/keys",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:           "the caller's keys, never a secret",
			Method:         http.MethodGet,
			URL:            "/api/keys",
			Headers:        annLogin.bearer(),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"message":"All API keys of the user!"`,
				`"id":"` + annKey.id + `","name":"Fixture ` + annKey.id + `","key":"` + annKey.key() + `","abilities":["*"],"expires_at":"`,
				`"id":"` + annKeyExpired.id + `"`,
				`"is_expired":true`,
			},
			NotExpectedContent: []string{bobKey.id, annKey.secret(), "secret"},
			TestAppFactory:     keysApp,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

func TestAPIKeysCreate(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:           "empty body",
			Method:         http.MethodPost,
			URL:            "/api/keys",
			Headers:        annLogin.bearer(),
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"name":["The name field is required."]`,
			},
			ExpectedEvents: map[string]int{"OnModelCreate": 0},
			TestAppFactory: keysApp,
		},
		{
			Name:           "too long a name, abilities a key may never hold, a past expiry",
			Method:         http.MethodPost,
			URL:            "/api/keys",
			Headers:        annLogin.bearer(),
			Body:           jsonBody(`{"name":"` + strings.Repeat("n", 65) + `","abilities":["keys:write"],"expires_at":"2020-01-01T00:00:00Z"}`),
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"name":["The name field must be between 1 and 64 characters."]`,
				`"abilities":["The abilities field asks for abilities an API key can never hold`,
				`"expires_at":["The expires at field must be a date in the future."]`,
			},
			ExpectedEvents: map[string]int{"OnModelCreate": 0},
			TestAppFactory: keysApp,
		},
		{
			Name:            "an unparsable expiry",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"name":"ci","expires_at":"soon"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"expires_at":["The expires at field must be a valid date."]`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "an expiry beyond the maximum",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"name":"ci","expires_at":"` + time.Now().AddDate(2, 0, 0).UTC().Format(time.DateOnly) + `"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"expires_at":["The expires at field must be a date within 365 days."]`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "abilities not strings",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"name":"ci","abilities":[1,2]}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"abilities":["The abilities field must be a list of strings."]`},
			TestAppFactory:  keysApp,
		},
		{
			Name:           "success: 201, secret shown once, 90 days by default, usable",
			Method:         http.MethodPost,
			URL:            "/api/keys",
			Headers:        annLogin.bearer(),
			Body:           jsonBody(`{"name":"billing","abilities":["records:read"]}`),
			ExpectedStatus: 201,
			ExpectedContent: []string{
				`"message":"API key created successfully. Store this token securely as it will not be shown again."`,
				`"name":"billing","key":"`,
				`"secret":"`,
				`"abilities":["records:read"]`,
			},
			ExpectedEvents: map[string]int{"OnModelCreate": 1},
			TestAppFactory: keysApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				created := decodeKey(t, res)
				if len(created.Key) != 32 || len(created.Secret) != 64 {
					t.Fatalf("key %q secret %q", created.Key, created.Secret)
				}
				record, err := app.FindFirstRecordByData(apiKeysCollection, "key", created.Key)
				if err != nil {
					t.Fatal(err)
				}
				k := asAPIKey(record)
				if k.GetString("secret_hash") != credentials.Hash(created.Secret) {
					t.Fatal("only the hash of the secret is stored")
				}
				days := time.Until(k.ExpiresAt().Time()).Hours() / 24
				if days < 89.9 || days > 90.1 {
					t.Fatalf("expiry in %.1f days, want 90", days)
				}
				if authenticateAPIKey(app, created.Key, created.Secret, time.Now()) == nil {
					t.Fatal("the new key must work")
				}
			},
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
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

func TestAPIKeysRegenerateAndRevoke(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "regenerate: guest",
			Method:          http.MethodPatch,
			URL:             "/api/keys/" + annKey.id,
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "regenerate: another user's key is 404",
			Method:          http.MethodPatch,
			URL:             "/api/keys/" + annKey.id,
			Headers:         bobLogin.bearer(),
			ExpectedStatus:  404,
			ExpectedContent: []string{`"message":"The requested resource was not found."`},
			ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
			TestAppFactory:  keysApp,
		},
		{
			Name:           "regenerate: a new pair and expiry, the old pair dead at once",
			Method:         http.MethodPatch,
			URL:            "/api/keys/" + annKeyExpired.id,
			Headers:        annLogin.bearer(),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"message":"API key regenerated successfully!"`,
				`"secret":"`,
			},
			TestAppFactory: keysApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				created := decodeKey(t, res)
				if created.Key == annKeyExpired.key() {
					t.Fatal("the public key must change")
				}
				if authenticateAPIKey(app, annKeyExpired.key(), annKeyExpired.secret(), time.Now()) != nil {
					t.Fatal("the old pair must stop working")
				}
				if authenticateAPIKey(app, created.Key, created.Secret, time.Now()) == nil {
					t.Fatal("the new pair must work (expiry renewed)")
				}
			},
		},
		{
			Name:            "revoke: another user's key is 404",
			Method:          http.MethodDelete,
			URL:             "/api/keys/" + annKey.id,
			Headers:         bobLogin.bearer(),
			ExpectedStatus:  404,
			ExpectedContent: []string{`"success":false`},
			ExpectedEvents:  map[string]int{"OnModelDelete": 0},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "revoke: deleted, refused at once",
			Method:          http.MethodDelete,
			URL:             "/api/keys/" + annKey.id,
			Headers:         annLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"API key revoked successfully!"`},
			ExpectedEvents:  map[string]int{"OnModelDelete": 1},
			TestAppFactory:  keysApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if authenticateAPIKey(app, annKey.key(), annKey.secret(), time.Now()) != nil {
					t.Fatal("a deleted key must be refused")
				}
			},
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// API-key traffic has its own buckets, per key: it never locks out logins.
func TestAPIKeyThrottle(t *testing.T) {
	t.Parallel()

	app := keysApp(t)
	defer app.Cleanup()
	for field, value := range map[string]any{"throttle_enabled": true, "throttle_key_per_minute": 2} {
		if err := setSetting(app, field, value); err != nil {
			t.Fatal(err)
		}
	}
	server := testServer(t, app)
	for i, want := range []int{200, 200, 429} {
		if rec := call(server, http.MethodGet, "/api/api-data-test", "", annKey.headers()); rec.Code != want {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	if rec := call(server, http.MethodGet, "/api/api-data-test", "", bobKey.headers()); rec.Code != 200 {
		t.Fatalf("another key has its own bucket: %d", rec.Code)
	}
	if rec := call(server, http.MethodPost, "/api/login", `{"email":"ann@example.com","password":"`+fixturePassword+`"}`, nil); rec.Code != 200 {
		t.Fatalf("logins are not locked out by key traffic: %d", rec.Code)
	}
}

// BenchmarkAuthenticateAPIKey measures a full key verification.
func BenchmarkAuthenticateAPIKey(b *testing.B) {
	app := keysApp(b)
	defer app.Cleanup()
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if authenticateAPIKey(app, annKey.key(), annKey.secret(), now) == nil {
			b.Fatal("refused")
		}
	}
}

// Regenerating hands over the key's abilities: a token that lacks them may
// not do it.
func TestAPIKeyRegenerateEscalation(t *testing.T) {
	t.Parallel()

	keysOnly := fixtureToken{"annkeysonly0001", annID, tokenTypeAPI, []string{"keys:write"}, 0}
	scenario := tests.ApiScenario{
		Method:          http.MethodPatch,
		URL:             "/api/keys/" + annKey.id,
		Headers:         keysOnly.bearer(),
		ExpectedStatus:  403,
		ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
		ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app := keysApp(t)
			if err := seedToken(app, keysOnly); err != nil {
				t.Fatal(err)
			}
			return app
		},
	}
	scenario.Test(t)
}

// Key traffic never spends its owner's user bucket.
func TestAPIKeyCannotLockOutItsOwner(t *testing.T) {
	t.Parallel()

	app := keysApp(t)
	defer app.Cleanup()
	for field, value := range map[string]any{"throttle_enabled": true, "throttle_user_per_minute": 2} {
		if err := setSetting(app, field, value); err != nil {
			t.Fatal(err)
		}
	}
	server := testServer(t, app)
	for range 3 {
		call(server, http.MethodGet, "/api/dashboard", "", annKeyNarrow.authorization())
	}
	if rec := call(server, http.MethodGet, "/api/dashboard", "", annLogin.bearer()); rec.Code != 200 {
		t.Fatalf("the owner's token was locked out by key traffic: %d", rec.Code)
	}
}
