package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/router"

	"github.com/authappliance/appliance/hooks/model"
)

// An app author's own routes, guarded with the exported middleware and
// answered with the envelope.
func TestExportedMiddlewareOnAppRoutes(t *testing.T) {
	t.Parallel()

	reportsToken := fixtureToken{"annreports00001", annID, model.TokenTypeAPI, []string{"reports:*"}, 0}
	appRoutes := func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		reports := func(re *core.RequestEvent) error {
			return re.JSON(http.StatusOK, map[string]string{"owner": re.Auth.Id})
		}
		e.Router.GET("/api/reports", reports).Bind(Envelope(), RequireAbility("reports:read"))
		e.Router.GET("/api/ingest", reports).Bind(Envelope(), RequireAPIKey("reports:read"))
		e.Router.GET("/api/settings-of-mine", reports).Bind(Envelope(), RequireAbility("account:write"))
		e.Router.GET("/api/period", func(re *core.RequestEvent) error {
			return re.BadRequestError("The report period must not exceed 31 days.", nil)
		}).Bind(Envelope())
		e.Router.GET("/api/plain-bad", func(re *core.RequestEvent) error {
			return re.BadRequestError("", nil)
		}).Bind(Envelope())
		e.Router.GET("/api/broken", func(re *core.RequestEvent) error {
			return re.InternalServerError("database password is hunter2", nil)
		}).Bind(Envelope())
		e.Router.GET("/api/unavailable", func(re *core.RequestEvent) error {
			return router.NewApiError(http.StatusServiceUnavailable, "upstream at 10.0.0.7 is down", nil)
		}).Bind(Envelope())
	}
	factory := func(t testing.TB) *tests.TestApp {
		app := keysApp(t)
		if err := seedToken(app, reportsToken); err != nil {
			t.Fatal(err)
		}
		return app
	}

	scenarios := []tests.ApiScenario{
		{
			Name:            "a * key never holds account:write, even on an author's route",
			Method:          http.MethodGet,
			URL:             "/api/settings-of-mine",
			Headers:         annKey.headers(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "a * token does hold it",
			Method:          http.MethodGet,
			URL:             "/api/settings-of-mine",
			Headers:         annPATAll.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"owner":"` + annID + `"`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "an author's own 4xx message is kept",
			Method:          http.MethodGet,
			URL:             "/api/period",
			ExpectedStatus:  400,
			ExpectedContent: []string{`{"success":false,"message":"The report period must not exceed 31 days.","data":null,"errors":[]}`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "PocketBase's default message gets the catalogue's",
			Method:          http.MethodGet,
			URL:             "/api/plain-bad",
			ExpectedStatus:  400,
			ExpectedContent: []string{`"message":"The request could not be processed."`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:               "a 500 shows nothing internal",
			Method:             http.MethodGet,
			URL:                "/api/broken",
			ExpectedStatus:     500,
			ExpectedContent:    []string{`{"success":false,"message":"Something went wrong! Please try again.","data":null,"errors":[]}`},
			NotExpectedContent: []string{"hunter2"},
			TestAppFactory:     factory,
			BeforeTestFunc:     appRoutes,
		},
		{
			Name:               "any 5xx ApiError shows nothing internal",
			Method:             http.MethodGet,
			URL:                "/api/unavailable",
			ExpectedStatus:     500,
			ExpectedContent:    []string{`"message":"Something went wrong! Please try again."`},
			NotExpectedContent: []string{"10.0.0.7"},
			TestAppFactory:     factory,
			BeforeTestFunc:     appRoutes,
		},
		{
			Name:            "guest",
			Method:          http.MethodGet,
			URL:             "/api/reports",
			ExpectedStatus:  401,
			ExpectedContent: []string{`{"success":false,"message":"Unauthenticated.","data":null,"errors":[]}`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "a token with the resource wildcard",
			Method:          http.MethodGet,
			URL:             "/api/reports",
			Headers:         reportsToken.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"owner":"` + annID + `"`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "a token without the ability",
			Method:          http.MethodGet,
			URL:             "/api/reports",
			Headers:         annPATRead.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "a key with * on RequireAbility",
			Method:          http.MethodGet,
			URL:             "/api/reports",
			Headers:         annKey.headers(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"owner":"` + annID + `"`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "an expired key is named as such",
			Method:          http.MethodGet,
			URL:             "/api/reports",
			Headers:         annKeyExpired.headers(),
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Invalid or expired API credentials."`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "a suspended owner",
			Method:          http.MethodGet,
			URL:             "/api/reports",
			Headers:         suspendLogin.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your account has been suspended."`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "RequireAPIKey with the ability",
			Method:          http.MethodGet,
			URL:             "/api/ingest",
			Headers:         annKeyNarrow.authorization(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"owner":"` + annID + `"`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "RequireAPIKey refuses a token",
			Method:          http.MethodGet,
			URL:             "/api/ingest",
			Headers:         reportsToken.bearer(),
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Invalid or expired API credentials."`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
		{
			Name:            "RequireAPIKey with a key lacking the ability",
			Method:          http.MethodGet,
			URL:             "/api/ingest",
			Headers:         annKeyRead.headers(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  factory,
			BeforeTestFunc:  appRoutes,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// PocketBase's own auth endpoints obey the account status, should an
// operator turn password login back on for users.
func TestPocketBaseAuthObeysStatus(t *testing.T) {
	t.Parallel()

	withPasswordAuth := func(t testing.TB) *tests.TestApp {
		app := newTestApp(t)
		users, err := app.FindCollectionByNameOrId(model.UsersCollection)
		if err != nil {
			t.Fatal(err)
		}
		users.PasswordAuth.Enabled = true
		if err := app.Save(users); err != nil {
			t.Fatal(err)
		}
		return app
	}
	for _, c := range []struct {
		email, message string
		status         int
	}{
		{"ann@example.com", `"token":"`, 200},
		{"ivy@example.com", `"message":"Your account is inactive. Reactivate it to continue."`, 403},
		{"sam@example.com", `"message":"Your account has been suspended."`, 403},
	} {
		scenario := tests.ApiScenario{
			Name:            c.email,
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-with-password",
			Body:            jsonBody(`{"identity":"` + c.email + `","password":"` + fixturePassword + `"}`),
			ExpectedStatus:  c.status,
			ExpectedContent: []string{c.message},
			TestAppFactory:  withPasswordAuth,
		}
		scenario.Test(t)
	}
}
