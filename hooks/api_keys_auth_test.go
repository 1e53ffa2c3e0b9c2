package hooks

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

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

var tokenWithRecordsRead = fixtureToken{"annrecords00001", annID, model.TokenTypeAPI, []string{"records:read"}, 0}

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
