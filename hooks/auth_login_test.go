package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

func TestAuthLogin(t *testing.T) {
	t.Parallel()

	invalidLogin := `"message":"Invalid login details! Please try again with valid credentials."`

	scenarios := []tests.ApiScenario{
		{
			Name:           "empty body",
			Method:         http.MethodPost,
			URL:            "/api/login",
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"email":["The email field is required."]`,
				`"password":["The password field is required."]`,
			},
			TestAppFactory: newTestApp,
		},
		{
			Name:            "unknown email",
			Method:          http.MethodPost,
			URL:             "/api/login",
			Body:            jsonBody(`{"email":"nobody@example.com","password":"password123"}`),
			ExpectedStatus:  401,
			ExpectedContent: []string{`"success":false`, invalidLogin, `"errors":[]`},
			ExpectedEvents:  map[string]int{"OnModelCreate": 1}, // login_failed, as for a known email
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "wrong password answers the same",
			Method:          http.MethodPost,
			URL:             "/api/login",
			Body:            jsonBody(`{"email":"ann@example.com","password":"wrong-password"}`),
			ExpectedStatus:  401,
			ExpectedContent: []string{invalidLogin},
			ExpectedEvents:  map[string]int{"OnModelCreate": 1}, // login_failed
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "suspended account with a wrong password stays a plain 401",
			Method:          http.MethodPost,
			URL:             "/api/login",
			Body:            jsonBody(`{"email":"sam@example.com","password":"wrong-password"}`),
			ExpectedStatus:  401,
			ExpectedContent: []string{invalidLogin},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "suspended account with the right password",
			Method:          http.MethodPost,
			URL:             "/api/login",
			Body:            jsonBody(`{"email":"sam@example.com","password":"` + fixturePassword + `"}`),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your account has been suspended."`},
			ExpectedEvents:  map[string]int{"OnModelCreate": 0},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "inactive account may log in (to reactivate)",
			Method:          http.MethodPost,
			URL:             "/api/login",
			Body:            jsonBody(`{"email":"ivy@example.com","password":"` + fixturePassword + `"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"status":"inactive"`, `"token":"`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:   "success with userid and any email case: a new device each time",
			Method: http.MethodPost,
			URL:    "/api/login",
			Body:   jsonBody(`{"userid":"ANN@example.com","password":"` + fixturePassword + `"}`),
			Headers: map[string]string{
				"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
			},
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"success":true`,
				`"message":"Login successful!"`,
				`"id":"` + annID + `"`,
				`"token":"`,
			},
			ExpectedEvents: map[string]int{"OnModelCreate": 3}, // login token, known sign-in, audit event,
			TestAppFactory: newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				tokens, err := model.FindUserTokens(app, annID, model.TokenTypeLogin)
				if err != nil {
					t.Fatal(err)
				}
				// three fixture login tokens + this one
				if len(tokens) != 4 {
					t.Fatalf("want 4 login tokens, got %d", len(tokens))
				}
				newest := tokens[0]
				if newest.Name() != "Safari on iOS" || newest.Attributes().DeviceName != "iPhone" {
					t.Errorf("device = %q %+v", newest.Name(), newest.Attributes())
				}
				// a new device (new UA and IP pair) is announced by mail
				if app.TestMailer.TotalSend() != 1 || !strings.Contains(app.TestMailer.LastMessage().Subject, "New sign-in") {
					t.Errorf("want one new-device mail, got %d", app.TestMailer.TotalSend())
				}
			},
		},
		{
			Name:   "the new-device mail can be switched off",
			Method: http.MethodPost,
			URL:    "/api/login",
			Body:   jsonBody(`{"email":"ann@example.com","password":"` + fixturePassword + `"}`),
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := newTestApp(t)
				if err := setSetting(app, "new_device_alert", false); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus:  200,
			ExpectedContent: []string{`"token":"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if app.TestMailer.TotalSend() != 0 {
					t.Errorf("want no mail, got %d", app.TestMailer.TotalSend())
				}
			},
		},
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// TestNewDeviceAlert: a sign-in mails the owner only when no current
// login token has the same User-Agent and IP.
func TestNewDeviceAlert(t *testing.T) {
	t.Parallel()

	for _, c := range []struct {
		name, ip, userAgent string
		mails               int
	}{
		{"same browser, same IP: known", "127.0.0.1", "fixture", 0},
		{"same browser, another IP: new", "10.1.1.1", "fixture", 1},
		{"another browser, same IP: new", "127.0.0.1", "curl/8.0", 1},
	} {
		app := newTestApp(t)
		server := testServer(t, app)
		rec := callFrom(server, c.ip, http.MethodPost, "/api/login",
			`{"email":"ann@example.com","password":"`+fixturePassword+`"}`, map[string]string{"User-Agent": c.userAgent})
		if rec.Code != 200 {
			t.Fatalf("%s: login %d", c.name, rec.Code)
		}
		if n := app.TestMailer.TotalSend(); n != c.mails {
			t.Errorf("%s: %d new-device mails, want %d", c.name, n, c.mails)
		}
		app.Cleanup()
	}
}
