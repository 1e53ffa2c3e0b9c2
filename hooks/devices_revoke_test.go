package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestDevicesRevoke(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodDelete,
			URL:             "/api/active-device/" + annLogin2.id,
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "another user's device is 404",
			Method:          http.MethodDelete,
			URL:             "/api/active-device/" + annLogin2.id,
			Headers:         bobLogin.bearer(),
			ExpectedStatus:  404,
			ExpectedContent: []string{`"message":"The requested resource was not found."`},
			ExpectedEvents:  map[string]int{"OnModelDelete": 0},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a personal access token is not a device",
			Method:          http.MethodDelete,
			URL:             "/api/active-device/" + annPATAll.id,
			Headers:         annLogin.bearer(),
			ExpectedStatus:  404,
			ExpectedContent: []string{`"success":false`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a token without devices:write",
			Method:          http.MethodDelete,
			URL:             "/api/active-device/" + annLogin2.id,
			Headers:         annPATRead.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "revokes one device",
			Method:          http.MethodDelete,
			URL:             "/api/active-device/" + annLogin2.id,
			Headers:         annLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Device logged out successfully!"`},
			ExpectedEvents:  map[string]int{"OnModelDelete": 1},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if tokenExists(t, app, annLogin2.id) || !tokenExists(t, app, annLogin.id) {
					t.Error("only the named device goes")
				}
			},
		},
		{
			Name:            "revoke others: wrong password",
			Method:          http.MethodDelete,
			URL:             "/api/active-device",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"password":"wrong"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"password":["The password is incorrect."]`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !tokenExists(t, app, annLogin2.id) {
					t.Error("nothing may be revoked")
				}
			},
		},
		{
			Name:            "revoke others: empty body",
			Method:          http.MethodDelete,
			URL:             "/api/active-device",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"password":["The password field is required."]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "revoke others: the current device stays",
			Method:          http.MethodDelete,
			URL:             "/api/active-device",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"password":"` + fixturePassword + `"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Logged out successfully from all other devices!"`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if tokenExists(t, app, annLogin2.id) || tokenExists(t, app, annExpired.id) {
					t.Error("other devices must be revoked")
				}
				if !tokenExists(t, app, annLogin.id) || !tokenExists(t, app, annPATAll.id) || !tokenExists(t, app, bobLogin.id) {
					t.Error("the current device, personal access tokens and other users stay")
				}
			},
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
