package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestAccountProfileUpdate(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodPatch,
			URL:             "/api/account/profile",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "unverified",
			Method:          http.MethodPatch,
			URL:             "/api/account/profile",
			Headers:         unverifLogin.bearer(),
			Body:            jsonBody(`{"name":"X"}`),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your email address is not verified."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a token without account:write",
			Method:          http.MethodPatch,
			URL:             "/api/account/profile",
			Headers:         annPATRead.bearer(),
			Body:            jsonBody(`{"name":"X"}`),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
			TestAppFactory:  newTestApp,
		},
		{
			Name:           "invalid fields, every one named",
			Method:         http.MethodPatch,
			URL:            "/api/account/profile",
			Headers:        annLogin.bearer(),
			Body:           jsonBody(`{"profile_picture":"not a url","mobile":"call me","dob":"2999-01-01","bio":"ok"}`),
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"profile_picture":["`,
				`"mobile":["The mobile field is invalid."]`,
				`"dob":["The date of birth field must be a valid date."]`,
			},
			NotExpectedContent: []string{`"bio":`},
			ExpectedEvents:     map[string]int{"OnModelUpdate": 0},
			TestAppFactory:     newTestApp,
		},
		{
			Name:           "success: fields sent change, others stay",
			Method:         http.MethodPatch,
			URL:            "/api/account/profile",
			Headers:        annLogin.bearer(),
			Body:           jsonBody(`{"name":" Ann B ","mobile":"+44 20 7946 0958","address":"1 Main St","dob":"1990-02-03","gender":"female","bio":"Hi","profile_picture":"https://example.com/a.png"}`),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"message":"Profile updated successfully!"`,
				`"name":"Ann B"`,
				`"profile":{"profile_picture":"https://example.com/a.png","mobile":"+44 20 7946 0958","address":"1 Main St","dob":"1990-02-03","gender":"female","bio":"Hi"}`,
			},
			ExpectedEvents: map[string]int{"OnModelUpdate": 1},
			TestAppFactory: newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				u := mustUser(t, app, annID)
				if u.GetString("address") != "1 Main St" || u.Email() != "ann@example.com" {
					t.Error("profile not stored")
				}
			},
		},

		{
			Name:            "a profile field sent as \"\" or null is cleared, one left out stays",
			Method:          http.MethodPatch,
			URL:             "/api/account/profile",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"bio":"","address":null}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"address":null`, `"bio":null`, `"mobile":"+1 555 0100"`},
			ExpectedEvents:  map[string]int{"OnModelUpdate": 1},
			TestAppFactory:  profiledApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				u := mustUser(t, app, annID)
				if u.GetString("bio") != "" || u.GetString("address") != "" || u.GetString("mobile") != "+1 555 0100" {
					t.Errorf("stored bio %q, address %q, mobile %q", u.GetString("bio"), u.GetString("address"), u.GetString("mobile"))
				}
			},
		},
		{
			Name:            "the name cannot be cleared",
			Method:          http.MethodPatch,
			URL:             "/api/account/profile",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"name":null,"bio":""}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"errors":{"name":["The name field is required."]}`},
			ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
			TestAppFactory:  profiledApp,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// profiledApp is a test app where Ann has a bio, an address and a mobile.
func profiledApp(t testing.TB) *tests.TestApp {
	app := newTestApp(t)
	u := mustUser(t, app, annID)
	u.Set("bio", "Hello")
	u.Set("address", "1 Main St")
	u.Set("mobile", "+1 555 0100")
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	return app
}
