package hooks

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
)

func TestEmailVerify(t *testing.T) {
	t.Parallel()

	link := func(app *tests.TestApp, userID string, at time.Time) string {
		return mustSign(t, app, verificationPath(mustUser(t, app, userID)), url.Values{}, at)
	}
	unverified := func(t testing.TB, app *tests.TestApp) bool {
		return !mustUser(t, app, unverifID).Verified()
	}

	var scenarios []tests.ApiScenario

	{
		app, factory := preparedApp(t, func(*tests.TestApp) {})
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "valid link verifies",
			Method:          http.MethodGet,
			URL:             link(app, unverifID, time.Now()),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"success":true`, `"message":"Your email has been successfully verified!"`, `"data":null`},
			TestAppFactory:  factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				u := mustUser(t, app, unverifID)
				if !u.Verified() || u.EmailVerifiedAt().IsZero() {
					t.Error("the user must be verified, with a date")
				}
			},
		})
	}
	{
		app, factory := preparedApp(t, func(*tests.TestApp) {})
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "an already verified email",
			Method:          http.MethodGet,
			URL:             link(app, annID, time.Now()),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"This email address is already verified."`},
			TestAppFactory:  factory,
		})
	}
	{
		app, factory := preparedApp(t, func(*tests.TestApp) {})
		tampered := strings.Replace(link(app, unverifID, time.Now()), "signature=", "signature=00", 1)
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "tampered signature",
			Method:          http.MethodGet,
			URL:             tampered,
			ExpectedStatus:  403,
			ExpectedContent: []string{`"success":false`, `"message":"Invalid or expired verification link."`},
			ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
			TestAppFactory:  factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !unverified(t, app) {
					t.Error("nothing may change")
				}
			},
		})
	}
	{
		app, factory := preparedApp(t, func(*tests.TestApp) {})
		other := strings.Replace(link(app, unverifID, time.Now()), unverifID, bobID, 1)
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "a link whose user id was swapped",
			Method:          http.MethodGet,
			URL:             other,
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Invalid or expired verification link."`},
			TestAppFactory:  factory,
		})
	}
	{
		app, factory := preparedApp(t, func(*tests.TestApp) {})
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "expired link",
			Method:          http.MethodGet,
			URL:             link(app, unverifID, time.Now().Add(-2*time.Hour)),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Invalid or expired verification link."`},
			TestAppFactory:  factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !unverified(t, app) {
					t.Error("nothing may change")
				}
			},
		})
	}
	{
		// the expiry is signed: an expired link pushed into the future fails
		app, factory := preparedApp(t, func(*tests.TestApp) {})
		u, _ := url.Parse(link(app, unverifID, time.Now().Add(-2*time.Hour)))
		q := u.Query()
		q.Set("expires", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "an expired link with a later expires",
			Method:          http.MethodGet,
			URL:             u.Path + "?" + q.Encode(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Invalid or expired verification link."`},
			TestAppFactory:  factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !unverified(t, app) {
					t.Error("nothing may change")
				}
			},
		})
	}
	{
		var stale string
		_, factory := preparedApp(t, func(app *tests.TestApp) {
			stale = link(app, unverifID, time.Now())
			u := mustUser(t, app, unverifID)
			u.SetEmail("una.new@example.com")
			if err := app.Save(u); err != nil {
				t.Fatal(err)
			}
		})
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "a link for an email the account no longer has",
			Method:          http.MethodGet,
			URL:             stale,
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Invalid or expired verification link."`},
			TestAppFactory:  factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !unverified(t, app) {
					t.Error("nothing may change")
				}
			},
		})
	}
	{
		app, factory := preparedApp(t, func(*tests.TestApp) {})
		scenarios = append(scenarios, tests.ApiScenario{
			Name:           "a browser is sent to the result page",
			Method:         http.MethodGet,
			URL:            link(app, unverifID, time.Now()),
			Headers:        map[string]string{"Accept": "text/html,application/xhtml+xml"},
			ExpectedStatus: 303,
			TestAppFactory: factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				loc := res.Header.Get("Location")
				if !strings.HasSuffix(loc, "/verify-email?result=email_verified") {
					t.Errorf("Location = %q", loc)
				}
			},
		})
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

func TestEmailVerificationResend(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodPost,
			URL:             "/api/resend-verification-email",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "already verified",
			Method:          http.MethodPost,
			URL:             "/api/resend-verification-email",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"This email address is already verified."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "unverified: a new link, by mail",
			Method:          http.MethodPost,
			URL:             "/api/resend-verification-email",
			Headers:         unverifLogin.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"An email verification link has been sent to your inbox.`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				msg := lastMailTo(t, app, "una@example.com")
				if msg.Subject != "Verify your email address" {
					t.Errorf("subject %q", msg.Subject)
				}
				linkIn(t, msg, "/api/verify-email/"+unverifID+"/")
			},
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}

	// throttled per user: one mail a minute
	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	if rec := call(server, http.MethodPost, "/api/resend-verification-email", "", unverifLogin.bearer()); rec.Code != 200 {
		t.Fatalf("first resend: %d", rec.Code)
	}
	if rec := call(server, http.MethodPost, "/api/resend-verification-email", "", unverifLogin.bearer()); rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("second resend must be throttled: %d", rec.Code)
	}
	if n := app.TestMailer.TotalSend(); n != 1 {
		t.Fatalf("want 1 mail, got %d", n)
	}
}
