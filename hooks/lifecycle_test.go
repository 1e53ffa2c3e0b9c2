package hooks

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/model"
)

// A superuser who deletes a token or suspends a user through PocketBase's
// API (what the admin UI calls) is obeyed on the next request.
func TestAdminActionsTakeEffectAtOnce(t *testing.T) {
	t.Parallel()

	app := keysApp(t)
	defer app.Cleanup()
	server := testServer(t, app)

	asAdmin := superuserHeaders(t, app)

	if rec := call(server, http.MethodGet, "/api/account", "", annLogin2.bearer()); rec.Code != 200 {
		t.Fatalf("before: %d", rec.Code)
	}
	rec := call(server, http.MethodDelete, "/api/collections/personal_access_tokens/records/"+annLogin2.id, "", asAdmin)
	if rec.Code != http.StatusNoContent {
		t.Fatalf("admin delete: %d %s", rec.Code, rec.Body)
	}
	if rec := call(server, http.MethodGet, "/api/account", "", annLogin2.bearer()); rec.Code != 401 {
		t.Fatalf("a token deleted by the admin must be refused, got %d", rec.Code)
	}

	// status and verification changes are seen at once (the user cache of
	// the hot path is kept exact by record hooks)
	if rec := call(server, http.MethodGet, "/api/dashboard", "", annLogin.bearer()); rec.Code != 200 {
		t.Fatalf("dashboard before: %d", rec.Code)
	}
	for _, change := range []struct {
		body   string
		status int
	}{
		{`{"status":"inactive"}`, 403},
		{`{"status":"active","verified":false}`, 403},
		{`{"verified":true}`, 200},
	} {
		if rec := call(server, http.MethodPatch, "/api/collections/users/records/"+annID, change.body, asAdmin); rec.Code != 200 {
			t.Fatalf("admin %s: %d %s", change.body, rec.Code, rec.Body)
		}
		if rec := call(server, http.MethodGet, "/api/dashboard", "", annLogin.bearer()); rec.Code != change.status {
			t.Fatalf("after %s: %d, want %d", change.body, rec.Code, change.status)
		}
	}

	rec = call(server, http.MethodPatch, "/api/collections/users/records/"+annID, `{"status":"suspended"}`, asAdmin)
	if rec.Code != 200 {
		t.Fatalf("admin suspend: %d %s", rec.Code, rec.Body)
	}
	// the suspension revoked every credential: they are unknown now
	if rec := call(server, http.MethodGet, "/api/account", "", annLogin.bearer()); rec.Code != 401 {
		t.Fatalf("a suspended account's token must be refused, got %d", rec.Code)
	}
	if rec := call(server, http.MethodGet, "/api/api-data-test", "", annKey.headers()); rec.Code != 401 {
		t.Fatalf("a suspended account's key must be refused, got %d", rec.Code)
	}
	n, _ := app.CountRecords(model.TokensCollection, dbx.HashExp{"user": annID})
	k, _ := app.CountRecords(model.APIKeysCollection, dbx.HashExp{"user": annID})
	if n != 0 || k != 0 {
		t.Fatalf("a suspension from the admin UI revokes every credential, %d tokens and %d keys left", n, k)
	}
	if rec := call(server, http.MethodPost, "/api/login", `{"email":"ann@example.com","password":"`+fixturePassword+`"}`, nil); rec.Code != 403 {
		t.Fatalf("login of a suspended account: %d", rec.Code)
	}

	// the superuser lifts the suspension
	rec = call(server, http.MethodPatch, "/api/collections/users/records/"+annID, `{"status":"active"}`, asAdmin)
	if rec.Code != 200 {
		t.Fatalf("admin lift: %d", rec.Code)
	}
	if rec := call(server, http.MethodPost, "/api/login", `{"email":"ann@example.com","password":"`+fixturePassword+`"}`, nil); rec.Code != 200 {
		t.Fatalf("login after the lift: %d", rec.Code)
	}
}

// Login tokens live as long as configured, stop after the idle timeout,
// carry the configured prefix, and expired ones are pruned.
func TestTokenLifecycleSettings(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	for field, value := range map[string]any{
		"login_token_lifetime_minutes": 60,
		"idle_timeout_minutes":         30,
		"token_prefix":                 "appl_",
	} {
		if err := setSetting(app, field, value); err != nil {
			t.Fatal(err)
		}
	}
	server := testServer(t, app)

	rec := call(server, http.MethodPost, "/api/login", `{"email":"ann@example.com","password":"`+fixturePassword+`"}`, nil)
	if rec.Code != 200 {
		t.Fatalf("login: %d", rec.Code)
	}
	body := rec.Body.String()
	start := strings.Index(body, `"token":"`) + len(`"token":"`)
	plain := body[start : start+strings.Index(body[start:], `"`)]
	id, secret, _ := strings.Cut(plain, "|")
	if !strings.HasPrefix(secret, "appl_") {
		t.Fatalf("token %q lacks the prefix", plain)
	}

	token, err := model.FindTokenByID(app, id)
	if err != nil {
		t.Fatal(err)
	}
	if exp := token.ExpiresAt().Time(); exp.Before(time.Now().Add(59*time.Minute)) || exp.After(time.Now().Add(61*time.Minute)) {
		t.Fatalf("expiry %v, want about an hour", exp)
	}

	now := time.Now()
	if verified(app, plain, now) == nil {
		t.Fatal("a fresh token must work")
	}
	if verified(app, plain, now.Add(31*time.Minute)) != nil {
		t.Fatal("a token idle past the timeout must be refused")
	}
	if verified(app, plain, now.Add(2*time.Hour)) != nil {
		t.Fatal("a token past its lifetime must be refused")
	}

	// pruning removes expired tokens and resets, and only them
	if _, err := model.CreatePasswordReset(app, mustUser(t, app, bobID)); err != nil {
		t.Fatal(err)
	}
	if err := model.RememberSignIn(app, bobID, "192.0.2.7", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := model.PruneExpired(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	if n, _ := app.CountRecords(model.PasswordResetsCollection); n != 1 {
		t.Fatal("a live reset must stay")
	}
	if tokenExists(t, app, annExpired.id) {
		t.Fatal("an expired token must be pruned")
	}
	if !tokenExists(t, app, id) || !tokenExists(t, app, annLogin.id) {
		t.Fatal("live tokens must stay")
	}
	if known, err := model.SignedInFrom(app, bobID, "192.0.2.7", time.Now()); !known || err != nil {
		t.Fatal("a recent sign-in must stay")
	}
	if err := model.PruneExpired(app, time.Now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n, _ := app.CountRecords(model.PasswordResetsCollection); n != 0 {
		t.Fatal("an expired reset must be pruned")
	}
	if err := model.PruneExpired(app, time.Now().Add(model.KnownSignInTTL+time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n, _ := app.CountRecords(model.KnownSignInsCollection); n != 0 {
		t.Fatal("a sign-in older than 30 days must be pruned")
	}
}

// A token with a bad checksum is refused before any database work.
func TestBadChecksumTouchesNoDatabase(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()

	var queries atomic.Int64
	for _, db := range []dbx.Builder{app.NonconcurrentDB(), app.ConcurrentDB()} {
		db.(*dbx.DB).QueryLogFunc = func(context.Context, time.Duration, string, *sql.Rows, error) { queries.Add(1) }
		db.(*dbx.DB).ExecLogFunc = func(context.Context, time.Duration, string, sql.Result, error) { queries.Add(1) }
	}
	statements := model.StatementsOf(app)
	forged := annLogin.id + "|" + strings.Repeat("a", credentials.TokenRandomLength) + "00000000"
	if verified(app, forged, time.Now()) != nil {
		t.Fatal("accepted")
	}
	if n, m := queries.Load(), statements.Calls(); n != 0 || m != 0 {
		t.Fatalf("%d queries and %d prepared statements for a forged token", n, m)
	}
	// the control: a token with a valid checksum does reach the database
	if verified(app, annLogin.plain(), time.Now()) == nil {
		t.Fatal("a valid token was refused")
	}
	if statements.Calls() == 0 {
		t.Fatal("the prepared statements' calls are not counted: this test proves nothing")
	}
}

// TestHotPathInsideTransaction: verifying a credential works with any
// core.App, a transaction's included, and sees the transaction's writes.
func TestHotPathInsideTransaction(t *testing.T) {
	t.Parallel()

	app := keysApp(t)
	defer app.Cleanup()
	err := app.RunInTransaction(func(txApp core.App) error {
		if c := verified(txApp, annLogin.plain(), time.Now()); c == nil || c.user.Id != annID {
			t.Error("a valid token refused inside a transaction")
		}
		if c := authenticateAPIKey(txApp, annKey.key(), annKey.secret(), time.Now()); c == nil {
			t.Error("a valid key refused inside a transaction")
		}
		if _, err := model.RevokeTokens(txApp, annID, "", model.TokenTypeLogin); err != nil {
			return err
		}
		if verified(txApp, annLogin.plain(), time.Now()) != nil {
			t.Error("a token deleted in the transaction is still accepted in it")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Many goroutines create, use and revoke tokens of one user at once: no
// 500, and no revoked token is accepted afterwards. Run with -race.
func TestTokensConcurrency(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)

	const workers = 8
	const rounds = 5
	var wg sync.WaitGroup
	var mu sync.Mutex
	var revoked []string
	failures := make(chan string, workers*rounds*4)

	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				rec := call(server, http.MethodPost, "/api/profile/api-tokens", `{"name":"worker"}`, annLogin.bearer())
				if rec.Code != 201 {
					failures <- "create: " + rec.Body.String()
					continue
				}
				body := rec.Body.String()
				start := strings.Index(body, `"token":"`) + len(`"token":"`)
				plain := body[start : start+strings.Index(body[start:], `"`)]
				bearer := map[string]string{"Authorization": "Bearer " + plain}
				id, _, _ := strings.Cut(plain, "|")

				if rec := call(server, http.MethodGet, "/api/account", "", bearer); rec.Code != 200 {
					failures <- "use: " + rec.Body.String()
				}
				if rec := call(server, http.MethodGet, "/api/profile/api-tokens", "", annLogin.bearer()); rec.Code != 200 {
					failures <- "list: " + rec.Body.String()
				}
				if rec := call(server, http.MethodDelete, "/api/profile/api-tokens/"+id, "", annLogin.bearer()); rec.Code != 200 {
					failures <- "revoke: " + rec.Body.String()
					continue
				}
				mu.Lock()
				revoked = append(revoked, plain)
				mu.Unlock()
				if rec := call(server, http.MethodGet, "/api/account", "", bearer); rec.Code != 401 {
					failures <- "a revoked token was accepted"
				}
			}
		}()
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	for _, plain := range revoked {
		if rec := call(server, http.MethodGet, "/api/account", "", map[string]string{"Authorization": "Bearer " + plain}); rec.Code != 401 {
			t.Errorf("revoked token accepted afterwards: %d", rec.Code)
		}
	}
	if err := model.UsageOf(app).Flush(app); err != nil {
		t.Fatal(err)
	}
}

// PocketBase's own account flows are closed for users: they would go
// around our signed links, revocations and status rules.
func TestPocketBaseAccountFlowsClosed(t *testing.T) {
	t.Parallel()

	var scenarios []tests.ApiScenario
	for _, c := range []struct{ collection, action, body string }{
		{"users", "request-verification", `{"email":"una@example.com"}`},
		{"_pb_users_auth_", "request-verification", `{"email":"una@example.com"}`},
		{"users", "confirm-verification", `{"token":"x"}`},
		{"users", "request-password-reset", `{"email":"ann@example.com"}`},
		{"users", "confirm-password-reset", `{"token":"x","password":"p","passwordConfirm":"p"}`},
		{"users", "request-email-change", `{"newEmail":"x@example.com"}`},
		{"users", "confirm-email-change", `{"token":"x","password":"p"}`},
		{"users", "request-otp", `{"email":"ann@example.com"}`},
		{"users", "auth-with-otp", `{"otpId":"x","password":"p"}`},
		{"users", "auth-with-oauth2", `{"provider":"google","code":"x"}`},
	} {
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            c.collection + " " + c.action,
			Method:          http.MethodPost,
			URL:             "/api/collections/" + c.collection + "/" + c.action,
			Body:            jsonBody(c.body),
			ExpectedStatus:  404,
			ExpectedContent: []string{`"status":404`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if app.TestMailer.TotalSend() != 0 {
					t.Error("no mail may leave")
				}
			},
		})
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// On the records API a revoked or expired credential is a 401, not a guest.
func TestRecordsAPIRefusesDeadCredentials(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "expired token",
			Method:          http.MethodGet,
			URL:             "/api/collections/users/records",
			Headers:         annExpired.bearer(),
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Your session has expired. Please sign in again."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "expired key",
			Method:          http.MethodGet,
			URL:             "/api/collections/users/records",
			Headers:         annKeyExpired.authorization(),
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Invalid or expired API credentials."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:            "no credential stays a guest",
			Method:          http.MethodGet,
			URL:             "/api/collections/users/records",
			ExpectedStatus:  200,
			ExpectedContent: []string{`"items":[]`},
			TestAppFactory:  newTestApp,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// The appliance_settings row can be edited but not deleted or doubled.
func TestSettingsRowIsProtected(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	record, err := model.FindSettingsRecord(app)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Delete(record); err == nil {
		t.Fatal("the settings row must not be deletable")
	}
	if err := app.Save(core.NewRecord(record.Collection())); err == nil {
		t.Fatal("a second settings row must be refused")
	}
	record.Set("throttle_user_per_minute", 7)
	if err := app.Save(record); err != nil {
		t.Fatal(err)
	}
	if model.SettingsOf(app).ThrottleUser != 7 {
		t.Fatal("an edit must reach the in-memory settings")
	}
}

// The default API-key expiry never passes the configured maximum.
func TestAPIKeyDefaultWithinMaximum(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	if err := setSetting(app, "api_key_max_days", 30); err != nil {
		t.Fatal(err)
	}
	if got := model.SettingsOf(app).APIKeyDefaultTTL; got != 30*24*time.Hour {
		t.Fatalf("default expiry %v, want the 30-day maximum", got)
	}
}
