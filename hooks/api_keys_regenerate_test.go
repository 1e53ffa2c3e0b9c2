package hooks

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

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

// Regenerating hands over the key's abilities: a token that lacks them may
// not do it.
func TestAPIKeyRegenerateEscalation(t *testing.T) {
	t.Parallel()

	keysOnly := fixtureToken{"annkeysonly0001", annID, model.TokenTypeAPI, []string{"keys:write"}, 0}
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
