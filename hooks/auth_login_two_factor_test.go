package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

const invalidChallenge = `"message":"This sign-in has expired or is not valid. Please sign in again."`

// TestLoginTwoFactor walks the second step of a sign-in against one app:
// each case is a request and what it must answer.
func TestLoginTwoFactor(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	secret, codes := twoFactorOn(t, app, annID)
	now := time.Now()
	step := func(challenge, field, code string) (int, string) {
		rec := call(server, "POST", "/api/login/two-factor", `{"challenge":"`+challenge+`","`+field+`":"`+code+`"}`, nil)
		return rec.Code, rec.Body.String()
	}
	expect := func(name string, status int, body string, want int, wantIn string) {
		t.Helper()
		if status != want || !strings.Contains(body, wantIn) {
			t.Errorf("%s: %d %s, want %d %q", name, status, body, want, wantIn)
		}
	}

	// the password alone gives no token
	challenge := challengeFor(t, server, "ann@example.com")

	status, body := step(challenge, "code", wrongCode(t, secret))
	expect("a wrong code", status, body, 422, badCode)
	if eventCount(t, app, annID, model.ActionTwoFactorFailed) != 1 {
		t.Error("a wrong code must be recorded")
	}
	status, body = call(server, "POST", "/api/login/two-factor", `{"challenge":"`+challenge+`"}`, nil).Code, ""
	expect("no code", status, body, 422, "")

	code := totpAt(t, secret, now)
	status, body = step(challenge, "code", code)
	expect("the right code", status, body, 200, `"message":"Login successful!"`)
	var data struct {
		Token string `json:"token"`
		User  struct {
			TwoFactorEnabled bool `json:"two_factor_enabled"`
		} `json:"user"`
	}
	envelopeData(t, []byte(body), &data)
	if data.Token == "" || !data.User.TwoFactorEnabled {
		t.Fatalf("no token: %s", body)
	}
	mustStatus(t, call(server, "GET", "/api/account", "", map[string]string{"Authorization": "Bearer " + data.Token}).Code, 200)
	if lastEvent(t, app, annID).GetString("action") != model.ActionLogin {
		t.Error("the sign-in must be recorded")
	}

	status, body = step(challenge, "code", code)
	expect("the challenge is single use", status, body, 401, invalidChallenge)

	status, body = step(challengeFor(t, server, "ann@example.com"), "code", code)
	expect("an accepted code replayed on a new challenge", status, body, 422, badCode)

	status, body = step(challengeFor(t, server, "ann@example.com"), "recovery_code", strings.ToUpper(codes[0]))
	expect("a recovery code, in any case", status, body, 200, `"token":"`)
	if eventCount(t, app, annID, model.ActionRecoveryCodeUsed) != 1 {
		t.Error("the recovery code's use must be recorded")
	}
	status, body = step(challengeFor(t, server, "ann@example.com"), "recovery_code", codes[0])
	expect("a recovery code reused", status, body, 422, `"errors":{"recovery_code":["The recovery code is invalid or has already been used."]}`)

	// five wrong codes use the challenge up: even the right code is late
	exhausted := challengeFor(t, server, "ann@example.com")
	for i := range model.ChallengeMaxFailures {
		status, body = step(exhausted, "code", wrongCode(t, secret))
		expect("wrong code "+string(rune('1'+i)), status, body, 422, badCode)
	}
	status, body = step(exhausted, "code", totpAt(t, secret, now.Add(30*time.Second)))
	expect("an exhausted challenge", status, body, 401, invalidChallenge)

	status, body = step("not-a-challenge-at-all", "code", "123456")
	expect("an unknown challenge", status, body, 401, invalidChallenge)

	// an expired challenge
	expired := challengeFor(t, server, "ann@example.com")
	c, err := model.FindChallenge(app, expired, now)
	if err != nil {
		t.Fatal(err)
	}
	c.Set("expires_at", model.DateTimeIn(-time.Second))
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
	status, body = step(expired, "code", totpAt(t, secret, now.Add(30*time.Second)))
	expect("an expired challenge", status, body, 401, invalidChallenge)

	// turned off by a superuser after the password: sign in again
	pending := challengeFor(t, server, "ann@example.com")
	ann := mustUser(t, app, annID)
	ann.Set("two_factor_enabled", false)
	if err := app.Save(ann); err != nil {
		t.Fatal(err)
	}
	status, body = step(pending, "code", totpAt(t, secret, now.Add(30*time.Second)))
	expect("two-factor turned off meanwhile", status, body, 401, invalidChallenge)
	rec := call(server, "POST", "/api/login", `{"email":"ann@example.com","password":"`+fixturePassword+`"}`, nil)
	expect("without two-factor the password signs in", rec.Code, rec.Body.String(), 200, `"token":"`)
}

// TestLoginTwoFactorGuessingLimit: the code step counts against the
// account's limit of §10, like a password check.
func TestLoginTwoFactorGuessingLimit(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	secret, _ := twoFactorOn(t, app, annID)
	if err := setSetting(app, "throttle_enabled", false); err != nil {
		t.Fatal(err)
	}

	var challenges []string
	for range 3 {
		challenges = append(challenges, challengeFor(t, server, "ann@example.com"))
	}
	// 3 passwords and 7 codes from IPs that never signed in: the limit is 10
	checks := 3
	for i := 0; checks < 10; i++ {
		rec := callFrom(server, "198.51.100.7", "POST", "/api/login/two-factor",
			`{"challenge":"`+challenges[i/4]+`","code":"`+wrongCode(t, secret)+`"}`, nil)
		mustStatus(t, rec.Code, 422)
		checks++
	}
	rec := callFrom(server, "198.51.100.7", "POST", "/api/login/two-factor",
		`{"challenge":"`+challenges[2]+`","code":"`+totpAt(t, secret, time.Now())+`"}`, nil)
	if rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("past the account's limit: %d %s", rec.Code, rec.Body)
	}
}

func TestLoginTwoFactorScenarios(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "a challenge is required",
			Method:          http.MethodPost,
			URL:             "/api/login/two-factor",
			Body:            jsonBody(`{"code":"123456"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"challenge":["The challenge field is required."]`},
			TestAppFactory:  newTestApp,
		},
		func() tests.ApiScenario {
			_, factory := preparedApp(t, func(app *tests.TestApp) { twoFactorOn(t, app, annID) })
			return tests.ApiScenario{
				Name:               "the right password on an account with two-factor: a challenge, no token",
				Method:             http.MethodPost,
				URL:                "/api/login",
				Body:               jsonBody(`{"email":"ann@example.com","password":"` + fixturePassword + `"}`),
				ExpectedStatus:     200,
				ExpectedContent:    []string{`"two_factor":true`, `"challenge":"`, `"expires_at":"`},
				NotExpectedContent: []string{`"token"`},
				ExpectedEvents:     map[string]int{"OnModelCreate": 1}, // the challenge; no token, no sign-in yet
				TestAppFactory:     factory,
			}
		}(),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// A suspension between the password and the code refuses the code step.
func TestLoginTwoFactorSuspendedMeanwhile(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	secret, _ := twoFactorOn(t, app, annID)
	challenge := challengeFor(t, server, "ann@example.com")
	ann := mustUser(t, app, annID)
	ann.SetStatus(model.StatusSuspended)
	if err := app.Save(ann); err != nil {
		t.Fatal(err)
	}
	rec := call(server, "POST", "/api/login/two-factor", `{"challenge":"`+challenge+`","code":"`+totpAt(t, secret, time.Now())+`"}`, nil)
	if rec.Code != 403 || !strings.Contains(rec.Body.String(), "Your account has been suspended.") || strings.Contains(rec.Body.String(), `"token"`) {
		t.Fatalf("a suspended account finished its sign-in: %d %s", rec.Code, rec.Body)
	}
}
