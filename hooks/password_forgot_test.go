package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

func TestPasswordForgot(t *testing.T) {
	t.Parallel()

	neutral := `"message":"If an account exists with the provided email, a password reset link has been sent."`
	resets := func(t testing.TB, app *tests.TestApp, userID string) int64 {
		n, err := app.CountRecords(model.PasswordResetsCollection, dbx.HashExp{"user": userID})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	scenarios := []tests.ApiScenario{
		{
			Name:            "empty body",
			Method:          http.MethodPost,
			URL:             "/api/password/forgot",
			ExpectedStatus:  422,
			ExpectedContent: []string{`"email":["The email field is required."]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "not an email",
			Method:          http.MethodPost,
			URL:             "/api/password/forgot",
			Body:            jsonBody(`{"email":"nope"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"email":["The email field must be a valid email address."]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "unknown email: the same neutral 200, no mail",
			Method:          http.MethodPost,
			URL:             "/api/password/forgot",
			Body:            jsonBody(`{"email":"nobody@example.com"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"success":true`, neutral},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if app.TestMailer.TotalSend() != 0 {
					t.Error("no mail for an unknown email")
				}
			},
		},
		{
			Name:            "known email: a reset mail with a single hashed token",
			Method:          http.MethodPost,
			URL:             "/api/password/forgot",
			Body:            jsonBody(`{"email":" ANN@example.com "}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{neutral},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := newTestApp(t)
				// an older request is replaced by this one
				if _, err := model.CreatePasswordReset(app, mustUser(t, app, annID)); err != nil {
					t.Fatal(err)
				}
				return app
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				msg := lastMailTo(t, app, "ann@example.com")
				if msg.Subject != "Reset your password" || !strings.Contains(msg.HTML, "Reset Password") {
					t.Errorf("mail %q", msg.Subject)
				}
				link := linkIn(t, msg, "/reset-password?")
				if !strings.Contains(link, "email=ann%40example.com") || !strings.Contains(link, "token=") {
					t.Errorf("link %q", link)
				}
				if n := resets(t, app, annID); n != 1 {
					t.Errorf("want one pending reset, got %d", n)
				}
				token := link[strings.Index(link, "token=")+6:]
				if strings.Contains(token, "&") {
					token = token[:strings.Index(token, "&")]
				}
				if _, err := app.FindFirstRecordByData(model.PasswordResetsCollection, "token_hash", token); err == nil {
					t.Error("the token must not be stored in clear")
				}
			},
		},
		{
			Name:            "suspended account: neutral answer, no mail",
			Method:          http.MethodPost,
			URL:             "/api/password/forgot",
			Body:            jsonBody(`{"email":"sam@example.com"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{neutral},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if app.TestMailer.TotalSend() != 0 || resets(t, app, suspendedID) != 0 {
					t.Error("a suspended account gets no reset")
				}
			},
		},
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
