package hooks

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
)

func TestAuthLogout(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodPost,
			URL:             "/api/logout",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"success":false`, `"message":"Unauthenticated."`, `"data":null`, `"errors":[]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "expired token",
			Method:          http.MethodPost,
			URL:             "/api/logout",
			Headers:         annExpired.bearer(),
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Your session has expired. Please sign in again."`},
			ExpectedEvents:  map[string]int{"OnModelDelete": 0},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "suspended account",
			Method:          http.MethodPost,
			URL:             "/api/logout",
			Headers:         suspendLogin.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your account has been suspended."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "revokes the token used, and only it",
			Method:          http.MethodPost,
			URL:             "/api/logout",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"success":true`, `"message":"Logged out successfully!"`, `"data":null`},
			ExpectedEvents:  map[string]int{"OnModelDelete": 1},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if tokenExists(t, app, annLogin.id) {
					t.Error("the token used must be deleted")
				}
				if !tokenExists(t, app, annLogin2.id) {
					t.Error("the other device must stay")
				}
				if verified(app, annLogin.plain(), time.Now()) != nil {
					t.Error("the revoked token must be refused on the next request")
				}
			},
		},
		{
			Name:            "inactive account may log out",
			Method:          http.MethodPost,
			URL:             "/api/logout",
			Headers:         inactiveLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Logged out successfully!"`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "logout-all: guest",
			Method:          http.MethodPost,
			URL:             "/api/logout-all",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "logout-all: a read-only token cannot end every session",
			Method:          http.MethodPost,
			URL:             "/api/logout-all",
			Headers:         annPATRead.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			ExpectedEvents:  map[string]int{"OnModelDelete": 0},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !tokenExists(t, app, annLogin.id) {
					t.Error("a login token was revoked")
				}
			},
		},
		{
			Name:            "logout-all revokes every login token, keeps personal access tokens and other users",
			Method:          http.MethodPost,
			URL:             "/api/logout-all",
			Headers:         annLogin2.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Logged out successfully from all devices!"`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				for _, f := range []fixtureToken{annLogin, annLogin2, annExpired} {
					if tokenExists(t, app, f.id) {
						t.Errorf("login token %s must be revoked", f.id)
					}
				}
				for _, f := range []fixtureToken{annPATRead, annPATAll, bobLogin} {
					if !tokenExists(t, app, f.id) {
						t.Errorf("token %s must stay", f.id)
					}
				}
			},
		},
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
