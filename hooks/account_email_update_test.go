package hooks

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
)

func TestAccountEmailUpdate(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodPatch,
			URL:             "/api/account/email",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:               "empty body: the password is checked first",
			Method:             http.MethodPatch,
			URL:                "/api/account/email",
			Headers:            annLogin.bearer(),
			ExpectedStatus:     422,
			ExpectedContent:    []string{`"errors":{"password":["The password field is required."]}`},
			NotExpectedContent: []string{`"email":`},
			TestAppFactory:     newTestApp,
		},
		{
			Name:               "wrong password, address taken: nothing said about the address",
			Method:             http.MethodPatch,
			URL:                "/api/account/email",
			Headers:            annLogin.bearer(),
			Body:               jsonBody(`{"email":"BOB@example.com","password":"wrong"}`),
			ExpectedStatus:     422,
			ExpectedContent:    []string{`"errors":{"password":["The password is incorrect."]}`},
			NotExpectedContent: []string{"taken", `"email":`},
			ExpectedEvents:     map[string]int{"OnModelUpdate": 0},
			TestAppFactory:     newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if app.TestMailer.TotalSend() != 0 {
					t.Error("no mail on a refused change")
				}
			},
		},
		{
			Name:            "the current address",
			Method:          http.MethodPatch,
			URL:             "/api/account/email",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"email":"ann@example.com","password":"` + fixturePassword + `"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"email":["The email field must be different from your current email."]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "success: link to the new address, notice to the old, email unchanged until confirmed",
			Method:          http.MethodPatch,
			URL:             "/api/account/email",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"email":"Ann.New@example.com","password":"` + fixturePassword + `"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Email updated. Please check your new inbox to verify the address."`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				u := mustUser(t, app, annID)
				if u.Email() != "ann@example.com" || u.GetString("pending_email") != "ann.new@example.com" {
					t.Errorf("email %q pending %q", u.Email(), u.GetString("pending_email"))
				}
				link := linkIn(t, lastMailTo(t, app, "ann.new@example.com"), "/api/verify-new-email?")
				if !strings.Contains(link, "user="+annID) || !strings.Contains(link, "email=ann.new%40example.com") {
					t.Errorf("link %q", link)
				}
				notice := lastMailTo(t, app, "ann@example.com")
				if !strings.Contains(notice.Text, "ann.new@example.com") || strings.Contains(notice.Text, "verify-new-email") {
					t.Errorf("notice %q", notice.Text)
				}
			},
		},
	}
	scenarios = append(scenarios, tests.ApiScenario{
		Name:            "right password, address taken",
		Method:          http.MethodPatch,
		URL:             "/api/account/email",
		Headers:         annLogin.bearer(),
		Body:            jsonBody(`{"email":"BOB@example.com","password":"` + fixturePassword + `"}`),
		ExpectedStatus:  422,
		ExpectedContent: []string{`"errors":{"email":["The email has already been taken."]}`},
		ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
		TestAppFactory:  newTestApp,
	})
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// TestEmailChangeMailLimit: an account sends at most 3 change mails an
// hour, whatever the addresses; the 4th request is a 429 that sends
// nothing and changes nothing.
func TestEmailChangeMailLimit(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	clock := withClock(app)
	server := testServer(t, app)
	change := func(address string) int {
		return call(server, http.MethodPatch, "/api/account/email",
			`{"email":"`+address+`","password":"`+fixturePassword+`"}`, annLogin.bearer()).Code
	}
	for i, address := range []string{"a1@example.net", "a2@example.net", "a3@example.net"} {
		if code := change(address); code != 200 {
			t.Fatalf("change %d: %d", i, code)
		}
	}
	sent := app.TestMailer.TotalSend()
	rec := call(server, http.MethodPatch, "/api/account/email",
		`{"email":"victim@example.net","password":"`+fixturePassword+`"}`, annLogin.bearer())
	if rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("4th change in an hour: %d %s", rec.Code, rec.Body.String())
	}
	if app.TestMailer.TotalSend() != sent || mustUser(t, app, annID).GetString("pending_email") != "a3@example.net" {
		t.Fatal("a refused change mailed or changed something")
	}
	// a wrong password is not counted, and not limited
	if code := call(server, http.MethodPatch, "/api/account/email", `{"email":"x@example.net","password":"nope"}`, annLogin.bearer()).Code; code != 422 {
		t.Fatalf("wrong password past the limit: %d, want 422", code)
	}
	// another account has its own limit
	if code := call(server, http.MethodPatch, "/api/account/email",
		`{"email":"b1@example.net","password":"`+fixturePassword+`"}`, bobLogin.bearer()).Code; code != 200 {
		t.Fatalf("bob: %d", code)
	}
	clock.advance(time.Hour)
	if code := change("a4@example.net"); code != 200 {
		t.Fatalf("an hour later: %d", code)
	}
}

func TestAccountEmailConfirm(t *testing.T) {
	t.Parallel()

	const newEmail = "ann.new@example.com"
	pending := func(app *tests.TestApp, email string) {
		u := mustUser(t, app, annID)
		u.Set("pending_email", email)
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
	}
	link := func(app *tests.TestApp, email string, at time.Time) string {
		return mustSign(t, app, "/api/verify-new-email", url.Values{"user": {annID}, "email": {email}}, at)
	}
	stillOld := func(t testing.TB, app *tests.TestApp, res *http.Response) {
		if mustUser(t, app, annID).Email() != "ann@example.com" {
			t.Error("the email must not change")
		}
	}

	var scenarios []tests.ApiScenario
	{
		app, factory := preparedApp(t, func(app *tests.TestApp) { pending(app, newEmail) })
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "valid link",
			Method:          http.MethodGet,
			URL:             link(app, newEmail, time.Now()),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"Email verified and updated successfully."`},
			TestAppFactory:  factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				u := mustUser(t, app, annID)
				if u.Email() != newEmail || u.GetString("pending_email") != "" || !u.Verified() {
					t.Errorf("email %q pending %q", u.Email(), u.GetString("pending_email"))
				}
			},
		})
	}
	{
		app, factory := preparedApp(t, func(app *tests.TestApp) { pending(app, newEmail) })
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "tampered address",
			Method:          http.MethodGet,
			URL:             strings.Replace(link(app, newEmail, time.Now()), "ann.new", "evil", 1),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Invalid or expired verification link."`},
			TestAppFactory:  factory,
			AfterTestFunc:   stillOld,
		})
	}
	{
		// the query is signed, not only the path: a link of Ann's turned
		// into one for Bob's own pending change must fail
		app, factory := preparedApp(t, func(app *tests.TestApp) {
			pending(app, newEmail)
			bob := mustUser(t, app, bobID)
			bob.Set("pending_email", "bob.new@example.com")
			if err := app.Save(bob); err != nil {
				t.Fatal(err)
			}
		})
		u, _ := url.Parse(link(app, newEmail, time.Now()))
		q := u.Query()
		q.Set("user", bobID)
		q.Set("email", "bob.new@example.com")
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "another user and address in a valid link's query",
			Method:          http.MethodGet,
			URL:             u.Path + "?" + q.Encode(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Invalid or expired verification link."`},
			TestAppFactory:  factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if mustUser(t, app, bobID).Email() != "bob@example.com" {
					t.Error("bob's email changed")
				}
			},
		})
	}
	{
		app, factory := preparedApp(t, func(app *tests.TestApp) { pending(app, newEmail) })
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "expired",
			Method:          http.MethodGet,
			URL:             link(app, newEmail, time.Now().Add(-2*time.Hour)),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Invalid or expired verification link."`},
			TestAppFactory:  factory,
			AfterTestFunc:   stillOld,
		})
	}
	{
		app, factory := preparedApp(t, func(app *tests.TestApp) { pending(app, "newer@example.com") })
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "an older link replaced by a newer request",
			Method:          http.MethodGet,
			URL:             link(app, newEmail, time.Now()),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Invalid or expired verification link."`},
			TestAppFactory:  factory,
			AfterTestFunc:   stillOld,
		})
	}
	{
		app, factory := preparedApp(t, func(app *tests.TestApp) { pending(app, "bob@example.com") })
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "the address was taken meanwhile",
			Method:          http.MethodGet,
			URL:             link(app, "bob@example.com", time.Now()),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"email":["The email has already been taken."]`},
			TestAppFactory:  factory,
			AfterTestFunc:   stillOld,
		})
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
