package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

func TestAccountStatusUpdate(t *testing.T) {
	t.Parallel()

	status := func(want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if got := mustUser(t, app, annID).Status(); got != want {
				t.Errorf("status %q, want %q", got, want)
			}
		}
	}

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodPatch,
			URL:             "/api/account/inactive",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "unknown status",
			Method:          http.MethodPatch,
			URL:             "/api/account/deleted",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  404,
			ExpectedContent: []string{`"success":false`, `"message":"The requested resource was not found."`},
			TestAppFactory:  newTestApp,
			AfterTestFunc:   status(model.StatusActive),
		},
		{
			Name:            "deactivate",
			Method:          http.MethodPatch,
			URL:             "/api/account/inactive",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Account inactivated successfully!"`, `"status":"inactive"`},
			TestAppFactory:  newTestApp,
			AfterTestFunc:   status(model.StatusInactive),
		},
		{
			Name:            "activate an active account",
			Method:          http.MethodPatch,
			URL:             "/api/account/active",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"status":["This account status change is not allowed."]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "reactivate from inactive",
			Method:          http.MethodPatch,
			URL:             "/api/account/reactive",
			Headers:         inactiveLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Account has been reactivated!"`, `"status":"active"`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "activate from inactive",
			Method:          http.MethodPatch,
			URL:             "/api/account/active",
			Headers:         inactiveLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Account has been activated!"`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a suspended account cannot lift its suspension",
			Method:          http.MethodPatch,
			URL:             "/api/account/active",
			Headers:         suspendLogin.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your account has been suspended."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "suspend with a wrong password",
			Method:          http.MethodPatch,
			URL:             "/api/account/suspend",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"password":"wrong"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"password":["The password is incorrect."]`},
			TestAppFactory:  newTestApp,
			AfterTestFunc:   status(model.StatusActive),
		},
		{
			Name:            "suspend revokes every credential",
			Method:          http.MethodPatch,
			URL:             "/api/account/suspend",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"password":"` + fixturePassword + `"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Account suspended. Every credential has been revoked."`, `"status":"suspended"`},
			TestAppFactory:  keysApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				status(model.StatusSuspended)(t, app, res)
				n, _ := app.CountRecords(model.TokensCollection, dbx.HashExp{"user": annID})
				k, _ := app.CountRecords(model.APIKeysCollection, dbx.HashExp{"user": annID})
				if n != 0 || k != 0 {
					t.Errorf("%d tokens and %d keys left", n, k)
				}
				if k, _ := app.CountRecords(model.APIKeysCollection, dbx.HashExp{"user": bobID}); k != 1 {
					t.Error("another user's keys stay")
				}
			},
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// An inactive account may only read its account, reactivate and log out.
func TestInactiveAccountRoutes(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	for _, c := range []struct {
		method, url string
		status      int
	}{
		{http.MethodGet, "/api/account", 200},
		{http.MethodGet, "/api/dashboard", 403},
		{http.MethodGet, "/api/active-device", 403},
		{http.MethodPatch, "/api/account/profile", 403},
		{http.MethodPost, "/api/account/password", 403},
		{http.MethodPatch, "/api/account/email", 403},
		{http.MethodPatch, "/api/account/reactive", 200},
		{http.MethodGet, "/api/dashboard", 200},
	} {
		if rec := call(server, c.method, c.url, "{}", inactiveLogin.bearer()); rec.Code != c.status {
			t.Errorf("%s %s: %d, want %d: %s", c.method, c.url, rec.Code, c.status, rec.Body)
		}
	}
}
