package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

const wrongPassword = `"errors":{"password":["The password is incorrect."]}`
const badCode = `"errors":{"code":["The code is invalid or has already been used."]}`

func TestTwoFactorEnable(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "wrong password",
			Method:          http.MethodPost,
			URL:             "/api/account/two-factor",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"password":"nope-nope-1"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{wrongPassword},
			ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a personal access token without account:write",
			Method:          http.MethodPost,
			URL:             "/api/account/two-factor",
			Headers:         annPATRead.bearer(),
			Body:            jsonBody(`{"password":"` + fixturePassword + `"}`),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "starts the set-up: secret and URL, stored sealed, still off",
			Method:          http.MethodPost,
			URL:             "/api/account/two-factor",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"password":"` + fixturePassword + `"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"success":true`, `"secret":"`, `"otpauth_url":"otpauth://totp/`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				var data struct{ Secret string }
				envelopeData(t, readAll(t, res), &data)
				ann := mustUser(t, app, annID)
				if ann.TwoFactorEnabled() || !ann.TwoFactorPending() {
					t.Fatal("two-factor must stay off until confirmed")
				}
				if stored := ann.GetString("two_factor_secret"); stored == "" || strings.Contains(stored, data.Secret) {
					t.Fatalf("the secret is stored in clear: %q", stored)
				}
				if lastEvent(t, app, annID).GetString("action") != model.ActionTwoFactorSetupStarted {
					t.Fatal("no audit event")
				}
			},
		},
		func() tests.ApiScenario {
			_, factory := preparedApp(t, func(app *tests.TestApp) { twoFactorOn(t, app, annID) })
			return tests.ApiScenario{
				Name:            "already on",
				Method:          http.MethodPost,
				URL:             "/api/account/two-factor",
				Headers:         annLogin.bearer(),
				Body:            jsonBody(`{"password":"` + fixturePassword + `"}`),
				ExpectedStatus:  403,
				ExpectedContent: []string{`"message":"Two-factor authentication is already on."`},
				TestAppFactory:  factory,
			}
		}(),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestTwoFactorConfirm(t *testing.T) {
	t.Parallel()

	var secret string
	_, pending := preparedApp(t, func(app *tests.TestApp) {
		u := mustUser(t, app, annID)
		var err error
		if secret, _, err = model.StartTwoFactor(app, u, "Test"); err != nil {
			t.Fatal(err)
		}
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
	})
	var pendingSecret2 string
	_, pending2 := preparedApp(t, func(app *tests.TestApp) {
		u := mustUser(t, app, annID)
		pendingSecret2, _, _ = model.StartTwoFactor(app, u, "Test")
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
	})
	scenarios := []tests.ApiScenario{
		{
			Name:            "not started",
			Method:          http.MethodPost,
			URL:             "/api/account/two-factor/confirm",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"code":"123456"}`),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Start the two-factor set-up first."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "missing code",
			Method:          http.MethodPost,
			URL:             "/api/account/two-factor/confirm",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"errors":{"code":["The code field is required."]}`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "wrong code",
			Method:          http.MethodPost,
			URL:             "/api/account/two-factor/confirm",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"code":"` + wrongCode(t, pendingSecret2) + `"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{badCode},
			TestAppFactory:  pending2,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if mustUser(t, app, annID).TwoFactorEnabled() {
					t.Fatal("turned on by a wrong code")
				}
			},
		},
		{
			Name:            "turns two-factor on and shows ten recovery codes once",
			Method:          http.MethodPost,
			URL:             "/api/account/two-factor/confirm",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"code":"` + totpAt(t, secret, time.Now()) + `"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"recovery_codes":["`},
			TestAppFactory:  pending,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				var data struct {
					RecoveryCodes []string `json:"recovery_codes"`
				}
				envelopeData(t, readAll(t, res), &data)
				ann := mustUser(t, app, annID)
				if !ann.TwoFactorEnabled() || len(data.RecoveryCodes) != 10 {
					t.Fatalf("on=%v, %d codes", ann.TwoFactorEnabled(), len(data.RecoveryCodes))
				}
				stored := ann.GetString("two_factor_recovery_codes")
				for _, c := range data.RecoveryCodes {
					if strings.Contains(stored, c) || strings.Contains(stored, strings.ReplaceAll(c, "-", "")) {
						t.Fatal("a recovery code is stored in clear")
					}
				}
				if lastEvent(t, app, annID).GetString("action") != model.ActionTwoFactorEnabled {
					t.Fatal("no audit event")
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// wrongCode is a six-digit code that is none of secret's codes now.
func wrongCode(t testing.TB, secret string) string {
	now := time.Now()
	for _, c := range []string{"000000", "111111", "222222"} {
		if c != totpAt(t, secret, now) && c != totpAt(t, secret, now.Add(-30*time.Second)) && c != totpAt(t, secret, now.Add(30*time.Second)) {
			return c
		}
	}
	t.Fatal("no wrong code")
	return ""
}

func TestTwoFactorDisable(t *testing.T) {
	t.Parallel()

	var secret1, secret3, secret4 string
	var codes2 []string
	_, on1 := preparedApp(t, func(app *tests.TestApp) { secret1, _ = twoFactorOn(t, app, annID) })
	_, on4 := preparedApp(t, func(app *tests.TestApp) { secret4, _ = twoFactorOn(t, app, annID) })
	_, on2 := preparedApp(t, func(app *tests.TestApp) { _, codes2 = twoFactorOn(t, app, annID) })
	_, on3 := preparedApp(t, func(app *tests.TestApp) { secret3, _ = twoFactorOn(t, app, annID) })
	_, onForced := preparedApp(t, func(app *tests.TestApp) {
		twoFactorOn(t, app, annID)
		if err := setSetting(app, "require_two_factor", true); err != nil {
			t.Fatal(err)
		}
	})
	body := func(password, code string) *strings.Reader {
		return jsonBody(`{"password":"` + password + `","code":"` + code + `"}`)
	}
	offAndErased := func(t testing.TB, app *tests.TestApp, res *http.Response) {
		ann := mustUser(t, app, annID)
		if ann.TwoFactorEnabled() || ann.GetString("two_factor_secret") != "" || model.RecoveryCodesLeft(ann) != 0 {
			t.Fatal("two-factor must be off, its secret and codes erased")
		}
		if lastEvent(t, app, annID).GetString("action") != model.ActionTwoFactorDisabled {
			t.Fatal("no audit event")
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name:            "not on",
			Method:          http.MethodDelete,
			URL:             "/api/account/two-factor",
			Headers:         annLogin.bearer(),
			Body:            body(fixturePassword, "123456"),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Two-factor authentication is not on."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "wrong password",
			Method:          http.MethodDelete,
			URL:             "/api/account/two-factor",
			Headers:         annLogin.bearer(),
			Body:            body("nope-nope-1", totpAt(t, secret1, time.Now())),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"password":["The password is incorrect."]`},
			TestAppFactory:  on1,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !mustUser(t, app, annID).TwoFactorEnabled() {
					t.Fatal("turned off with a wrong password")
				}
			},
		},
		{
			Name:            "wrong code",
			Method:          http.MethodDelete,
			URL:             "/api/account/two-factor",
			Headers:         annLogin.bearer(),
			Body:            body(fixturePassword, wrongCode(t, secret3)),
			ExpectedStatus:  422,
			ExpectedContent: []string{badCode},
			TestAppFactory:  on3,
		},
		{
			Name:            "with a TOTP code",
			Method:          http.MethodDelete,
			URL:             "/api/account/two-factor",
			Headers:         annLogin.bearer(),
			Body:            body(fixturePassword, totpAt(t, secret4, time.Now())),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Two-factor authentication is off."`},
			TestAppFactory:  on4,
			AfterTestFunc:   offAndErased,
		},
		{
			Name:            "with a recovery code",
			Method:          http.MethodDelete,
			URL:             "/api/account/two-factor",
			Headers:         annLogin.bearer(),
			Body:            body(fixturePassword, codes2[3]),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Two-factor authentication is off."`},
			TestAppFactory:  on2,
			AfterTestFunc:   offAndErased,
		},
		{
			Name:            "refused while the operator requires two-factor",
			Method:          http.MethodDelete,
			URL:             "/api/account/two-factor",
			Headers:         annLogin.bearer(),
			Body:            body(fixturePassword, "123456"),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This appliance requires two-factor authentication. Turn it on to continue."`},
			TestAppFactory:  onForced,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestTwoFactorRecoveryCodes(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	_, old := twoFactorOn(t, app, annID)

	rec := call(server, "POST", "/api/account/two-factor/recovery-codes", `{"password":"nope-nope-1"}`, annLogin.bearer())
	mustStatus(t, rec.Code, 422)

	rec = call(server, "POST", "/api/account/two-factor/recovery-codes", `{"password":"`+fixturePassword+`"}`, annLogin.bearer())
	mustStatus(t, rec.Code, 200)
	var data struct {
		RecoveryCodes []string `json:"recovery_codes"`
	}
	envelopeData(t, rec.Body.Bytes(), &data)
	if len(data.RecoveryCodes) != 10 {
		t.Fatalf("%d codes", len(data.RecoveryCodes))
	}
	if lastEvent(t, app, annID).GetString("action") != model.ActionRecoveryCodesRenewed {
		t.Fatal("no audit event")
	}

	// the old codes stop working, the new ones work
	login := func(code string) int {
		challenge := challengeFor(t, server, "ann@example.com")
		return call(server, "POST", "/api/login/two-factor", `{"challenge":"`+challenge+`","recovery_code":"`+code+`"}`, nil).Code
	}
	mustStatus(t, login(old[0]), 422)
	mustStatus(t, login(data.RecoveryCodes[0]), 200)

	// off: nothing to regenerate
	bobRec := call(server, "POST", "/api/account/two-factor/recovery-codes", `{"password":"`+fixturePassword+`"}`, bobLogin.bearer())
	mustStatus(t, bobRec.Code, 403)
}
