package hooks

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

func TestEnvelope(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "unknown /api path",
			Method:          http.MethodGet,
			URL:             "/api/no-such-route",
			ExpectedStatus:  404,
			ExpectedContent: []string{`{"success":false,"message":"The requested resource was not found.","data":null,"errors":[]}`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "wrong method answers 405 with Allow",
			Method:          http.MethodDelete,
			URL:             "/api/login",
			ExpectedStatus:  405,
			ExpectedContent: []string{`"message":"This method is not allowed for this route."`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if got := res.Header.Get("Allow"); got != "POST" {
					t.Errorf("Allow = %q", got)
				}
			},
		},
		{
			Name:            "a wrong method on a fixed path beside a {status} route",
			Method:          http.MethodPatch,
			URL:             "/api/account/password",
			ExpectedStatus:  405,
			ExpectedContent: []string{`"message":"This method is not allowed for this route."`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if got := res.Header.Get("Allow"); got != "POST" {
					t.Errorf("Allow = %q", got)
				}
			},
		},
		{
			Name:            "a wrong method on the API Tokens page",
			Method:          http.MethodPut,
			URL:             "/api/profile/api-tokens",
			ExpectedStatus:  405,
			ExpectedContent: []string{`"success":false`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if got := res.Header.Get("Allow"); got != "GET, HEAD, POST, DELETE" {
					t.Errorf("Allow = %q", got)
				}
			},
		},
		{
			Name:   "a switched-off feature does not reveal its routes",
			Method: http.MethodPut,
			URL:    "/api/profile/api-tokens",
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := newTestApp(t)
				if err := setSetting(app, "api_tokens_enabled", false); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus:  404,
			ExpectedContent: []string{`"message":"The requested resource was not found."`},
		},
		{
			Name:            "PocketBase's own routes keep working",
			Method:          http.MethodGet,
			URL:             "/api/health",
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"API is healthy."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a server fault shows nothing internal",
			Method:          http.MethodGet,
			URL:             "/api/account",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  500,
			ExpectedContent: []string{`{"success":false,"message":"Something went wrong! Please try again.","data":null,"errors":[]}`},
			NotExpectedContent: []string{
				"boom",
			},
			TestAppFactory: newTestApp,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				// make the handler's chain fail like a broken database would
				e.Router.BindFunc(func(re *core.RequestEvent) error {
					if re.Request.URL.Path == "/api/account" {
						return errors.New("boom: database is locked")
					}
					return re.Next()
				})
			},
		},
		{
			Name:            "a page of the web app",
			Method:          http.MethodGet,
			URL:             "/reset-password?token=x",
			ExpectedStatus:  200,
			ExpectedContent: []string{`<div id="app">`},
			TestAppFactory:  newTestApp,
		},
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// The public routes are throttled per route and IP, answered with the
// envelope, Retry-After and the X-RateLimit headers; another route keeps
// its own bucket.
func TestThrottlePublic(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	if err := setSetting(app, "throttle_enabled", true); err != nil {
		t.Fatal(err)
	}
	if err := setSetting(app, "throttle_public_per_minute", 2); err != nil {
		t.Fatal(err)
	}

	server := testServer(t, app)
	login := func() *httptest.ResponseRecorder {
		return call(server, http.MethodPost, "/api/login", `{"email":"nobody@example.com","password":"x"}`, nil)
	}
	for i, remaining := range []string{"1", "0"} {
		rec := login()
		if rec.Code != 401 {
			t.Fatalf("want 401 before the limit, got %d", rec.Code)
		}
		if got := rec.Header().Get("X-RateLimit-Remaining"); got != remaining || rec.Header().Get("X-RateLimit-Limit") != "2" {
			t.Fatalf("request %d: X-RateLimit-Remaining %q, want %q", i+1, got, remaining)
		}
	}

	rec := login()
	if rec.Code != 429 || !strings.Contains(rec.Body.String(), `"message":"You are making too many requests. Please try again in a minute."`) {
		t.Fatalf("want the 429 envelope, got %d %s", rec.Code, rec.Body)
	}
	if rec.Header().Get("Retry-After") == "" || rec.Header().Get("X-RateLimit-Limit") != "2" || rec.Header().Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("headers: %v", rec.Header())
	}

	// another route, and the authenticated group, keep their own buckets
	if rec := call(server, http.MethodPost, "/api/register", "", nil); rec.Code != 422 {
		t.Errorf("register must not share the login bucket, got %d", rec.Code)
	}
	if rec := call(server, http.MethodGet, "/api/account", "", annLogin.bearer()); rec.Code != 200 {
		t.Errorf("the user group must not share the public buckets, got %d", rec.Code)
	}
}

// Verifying a token performs no database write: the use is kept in memory
// and flushed later.
func TestVerifiedRequestWritesNothing(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()

	var writes atomic.Int64
	for _, db := range []dbx.Builder{app.NonconcurrentDB(), app.ConcurrentDB()} {
		db.(*dbx.DB).ExecLogFunc = func(_ context.Context, _ time.Duration, sql string, _ sql.Result, _ error) {
			writes.Add(1)
			t.Logf("write: %s", sql)
		}
	}

	scenario := tests.ApiScenario{
		Method:                http.MethodGet,
		URL:                   "/api/account",
		Headers:               annLogin.bearer(),
		ExpectedStatus:        200,
		ExpectedContent:       []string{`"success":true`},
		ExpectedEvents:        map[string]int{"*": 0},
		TestAppFactory:        func(testing.TB) *tests.TestApp { return app },
		DisableTestAppCleanup: true,
	}
	scenario.Test(t)

	if n := writes.Load(); n != 0 {
		t.Fatalf("a verified request wrote %d times", n)
	}

	// the use is flushed later, once, with one write
	if err := model.UsageOf(app).Flush(app); err != nil {
		t.Fatal(err)
	}
	token, err := model.FindTokenByID(app, annLogin.id)
	if err != nil {
		t.Fatal(err)
	}
	if token.GetDateTime("last_used_at").IsZero() {
		t.Fatal("last_used_at must be stored by the flush")
	}
}

// A PocketBase JWT of an account that is not active is refused on
// PocketBase's own routes.
func TestPocketBaseJWTObeysStatus(t *testing.T) {
	t.Parallel()

	for _, c := range []struct {
		userID  string
		status  int
		content string
	}{{annID, 200, `"token":"`}, {suspendedID, 401, `"status":401`}, {inactiveID, 401, `"status":401`}} {
		app := newTestApp(t)
		user, err := app.FindRecordById(model.UsersCollection, c.userID)
		if err != nil {
			t.Fatal(err)
		}
		jwt, err := user.NewAuthToken()
		if err != nil {
			t.Fatal(err)
		}
		app.Cleanup()

		scenario := tests.ApiScenario{
			Name:            c.userID,
			Method:          http.MethodPost,
			URL:             "/api/collections/users/auth-refresh",
			Headers:         map[string]string{"Authorization": jwt},
			ExpectedStatus:  c.status,
			ExpectedContent: []string{c.content},
			TestAppFactory:  newTestApp,
		}
		scenario.Test(t)
	}
}

// PocketBase's own limiter (on, with its "/api/" rule of 300 per 10 s)
// never answers for our routes: ours do, per route, user or key.
func TestPocketBaseLimiterLeavesOurRoutes(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	if !app.Settings().RateLimits.Enabled {
		t.Fatal("the migration turns PocketBase's limiter on")
	}
	server := testServer(t, app)
	for i := range 320 {
		for _, r := range []struct{ method, url string }{
			{http.MethodGet, "/api/account"},
			{http.MethodGet, "/api/profile/api-tokens"},
		} {
			if rec := call(server, r.method, r.url, "", annLogin.bearer()); rec.Code != 200 {
				t.Fatalf("request %d to %s: %d %s", i, r.url, rec.Code, rec.Body)
			}
		}
	}
}
