package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/model"
)

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
				`"expires_at":["The expiry date field must be a date in the future."]`,
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
			ExpectedContent: []string{`"expires_at":["The expiry date field must be a valid date."]`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "an expiry beyond the maximum",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"name":"ci","expires_at":"` + time.Now().AddDate(2, 0, 0).UTC().Format(time.DateOnly) + `"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"expires_at":["The expiry date field must be a date within 365 days."]`},
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
			ExpectedEvents: map[string]int{"OnModelCreate": 2}, // the key, its audit event
			TestAppFactory: keysApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				created := decodeKey(t, res)
				if len(created.Key) != 32 || len(created.Secret) != 64 {
					t.Fatalf("key %q secret %q", created.Key, created.Secret)
				}
				record, err := app.FindFirstRecordByData(model.APIKeysCollection, "key", created.Key)
				if err != nil {
					t.Fatal(err)
				}
				k := model.AsAPIKey(record)
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
