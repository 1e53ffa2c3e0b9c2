package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

func TestPasswordReset(t *testing.T) {
	t.Parallel()

	invalidToken := `"message":"This password reset token is invalid or has expired."`
	newPassword := "brand-new-password"
	body := func(email, token string) string {
		return `{"email":"` + email + `","token":"` + token + `","password":"` + newPassword + `","password_confirmation":"` + newPassword + `"}`
	}
	unchanged := func(t testing.TB, app *tests.TestApp) {
		if !mustUser(t, app, annID).ValidatePassword(fixturePassword) {
			t.Error("the password must not change")
		}
		if !tokenExists(t, app, annLogin.id) {
			t.Error("no token may be revoked")
		}
	}

	var scenarios []tests.ApiScenario
	prepare := func(expired bool) (string, func(testing.TB) *tests.TestApp) {
		var token string
		_, factory := preparedApp(t, func(app *tests.TestApp) {
			seedKeys(t, app, annKey, bobKey)
			var err error
			token, err = model.CreatePasswordReset(app, mustUser(t, app, annID))
			if err != nil {
				t.Fatal(err)
			}
			if expired {
				r, _ := app.FindFirstRecordByFilter(model.PasswordResetsCollection, "user = {:u}", map[string]any{"u": annID})
				r.Set("expires_at", model.DateTimeIn(-time.Minute))
				if err := app.Save(r); err != nil {
					t.Fatal(err)
				}
			}
		})
		return token, factory
	}

	token, factory := prepare(false)
	scenarios = append(scenarios, tests.ApiScenario{
		Name:           "empty body names every field",
		Method:         http.MethodPost,
		URL:            "/api/password/reset/" + token,
		Body:           jsonBody(`{}`),
		ExpectedStatus: 422,
		ExpectedContent: []string{
			`"email":["The email field is required."]`,
			`"password":["The password field is required."]`,
		},
		TestAppFactory: factory,
	})

	token, factory = prepare(false)
	scenarios = append(scenarios, tests.ApiScenario{
		Name:            "a body token that differs from the path",
		Method:          http.MethodPost,
		URL:             "/api/password/reset/" + token,
		Body:            jsonBody(body("ann@example.com", "other")),
		ExpectedStatus:  422,
		ExpectedContent: []string{`"token":["The token field is invalid."]`},
		TestAppFactory:  factory,
	})

	_, factory = prepare(false)
	scenarios = append(scenarios, tests.ApiScenario{
		Name:            "a wrong token",
		Method:          http.MethodPost,
		URL:             "/api/password/reset/wrongtoken",
		Body:            jsonBody(body("ann@example.com", "wrongtoken")),
		ExpectedStatus:  400,
		ExpectedContent: []string{invalidToken},
		TestAppFactory:  factory,
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			unchanged(t, app)
		},
	})

	token, factory = prepare(false)
	scenarios = append(scenarios, tests.ApiScenario{
		Name:            "a token used with another account's email",
		Method:          http.MethodPost,
		URL:             "/api/password/reset/" + token,
		Body:            jsonBody(body("bob@example.com", token)),
		ExpectedStatus:  400,
		ExpectedContent: []string{invalidToken},
		TestAppFactory:  factory,
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if !mustUser(t, app, bobID).ValidatePassword(fixturePassword) {
				t.Error("bob's password must not change")
			}
			unchanged(t, app)
		},
	})

	token, factory = prepare(true)
	scenarios = append(scenarios, tests.ApiScenario{
		Name:            "an expired token",
		Method:          http.MethodPost,
		URL:             "/api/password/reset/" + token,
		Body:            jsonBody(body("ann@example.com", token)),
		ExpectedStatus:  400,
		ExpectedContent: []string{invalidToken},
		TestAppFactory:  factory,
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			unchanged(t, app)
		},
	})

	token, factory = prepare(false)
	scenarios = append(scenarios, tests.ApiScenario{
		Name:            "success: new password, every credential revoked, a notice mailed, token consumed",
		Method:          http.MethodPost,
		URL:             "/api/password/reset/" + token,
		Body:            jsonBody(body("ann@example.com", token)),
		ExpectedStatus:  200,
		ExpectedContent: []string{`"success":true`, `"message":"Password updated successfully! You can now log in with your new password."`},
		TestAppFactory:  factory,
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if !mustUser(t, app, annID).ValidatePassword(newPassword) {
				t.Error("the new password must work")
			}
			for _, f := range []fixtureToken{annLogin, annLogin2, annPATRead, annPATAll} {
				if tokenExists(t, app, f.id) {
					t.Errorf("token %s must be revoked", f.id)
				}
			}
			if !tokenExists(t, app, bobLogin.id) {
				t.Error("another user's token must stay")
			}
			if keyExists(t, app, annKey.id) {
				t.Error("the API key must be revoked")
			}
			if !keyExists(t, app, bobKey.id) {
				t.Error("another user's key must stay")
			}
			if notice := lastMailTo(t, app, "ann@example.com"); notice.Subject != "Your password was reset" ||
				!strings.Contains(notice.Text, "every personal access token and API key of the account was revoked") {
				t.Errorf("no reset notice: %q", notice.Subject)
			}
			if ok, err := model.ValidPasswordReset(app, token, annID, time.Now()); ok || err != nil {
				t.Error("the token must work once")
			}
		},
	})

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// A reset token replayed after its use fails and changes nothing.
func TestPasswordResetReplay(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	token, err := model.CreatePasswordReset(app, mustUser(t, app, annID))
	if err != nil {
		t.Fatal(err)
	}
	server := testServer(t, app)
	send := func(password string) int {
		body := `{"email":"ann@example.com","password":"` + password + `","password_confirmation":"` + password + `"}`
		return call(server, http.MethodPost, "/api/password/reset/"+token, body, nil).Code
	}
	if code := send("first-new-password"); code != 200 {
		t.Fatalf("first use: %d", code)
	}
	if code := send("second-new-password"); code != 400 {
		t.Fatalf("replay: %d", code)
	}
	if !mustUser(t, app, annID).ValidatePassword("first-new-password") {
		t.Fatal("the replay must not change the password")
	}
	if strings.Contains(token, "|") {
		t.Fatal("reset tokens are plain random strings")
	}
}
