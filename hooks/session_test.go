package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/model"
)

// sessionCookieOf returns the session cookie a response sets.
func sessionCookieOf(t testing.TB, res *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", sessionCookie, res.Header.Values("Set-Cookie"))
	return nil
}

// TestSessionCookie: the web app signs in through /api/session and holds
// the login token in an httpOnly, SameSite=Strict cookie that only
// same-origin requests may use; signing out revokes and clears it.
func TestSessionCookie(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)

	rec := call(server, "POST", "/api/session", `{"email":"ann@example.com","password":"`+fixturePassword+`","device_name":"web"}`, nil)
	mustStatus(t, rec.Code, 200)
	if strings.Contains(rec.Body.String(), `"token"`) {
		t.Fatalf("the token reached the page's script: %s", rec.Body)
	}
	cookie := sessionCookieOf(t, rec.Result())
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/api" || cookie.Secure || cookie.MaxAge <= 0 {
		t.Fatalf("cookie attributes: %+v", cookie)
	}
	jar := map[string]string{"Cookie": sessionCookie + "=" + cookie.Value}
	with := func(extra map[string]string) map[string]string {
		h := map[string]string{"Cookie": jar["Cookie"]}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}

	cases := []struct {
		name    string
		method  string
		path    string
		headers map[string]string
		status  int
		message string
	}{
		{"same-origin fetch", "GET", "/api/account", with(map[string]string{"Sec-Fetch-Site": "same-origin"}), 200, "User profile details!"},
		{"no fetch metadata (curl, old browsers)", "GET", "/api/account", with(nil), 200, "User profile details!"},
		{"same-origin write with its Origin", "PATCH", "/api/account/profile", with(map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://example.com"}), 200, ""},
		{"cross-site", "GET", "/api/account", with(map[string]string{"Sec-Fetch-Site": "cross-site"}), 403, "This request comes from another site"},
		{"same-site, another port", "POST", "/api/profile/api-tokens", with(map[string]string{"Sec-Fetch-Site": "same-site"}), 403, "This request comes from another site"},
		{"another Origin", "POST", "/api/logout-all", with(map[string]string{"Origin": "https://evil.example"}), 403, "This request comes from another site"},
		{"a forged cookie", "GET", "/api/account", map[string]string{"Cookie": sessionCookie + "=" + annLogin.id + "|" + strings.Repeat("a", 40) + "00000000"}, 401, "Unauthenticated."},
	}
	for _, c := range cases {
		body := ""
		if c.method != "GET" {
			body = `{"bio":"hi","name":"x"}`
		}
		req := call(server, c.method, c.path, body, c.headers)
		if req.Code != c.status || !strings.Contains(req.Body.String(), c.message) {
			t.Errorf("%s: %d %s, want %d %q", c.name, req.Code, req.Body, c.status, c.message)
		}
	}
	if n := countTokens(t, app, model.TokenTypeAPI); n != 2 {
		t.Fatalf("a refused cross-site request created a token: %d", n)
	}
	if !tokenExists(t, app, annLogin.id) {
		t.Fatal("a refused cross-site logout-all revoked devices")
	}

	// a bearer token still wins over a cookie
	mustStatus(t, call(server, "GET", "/api/account", "", map[string]string{"Authorization": "Bearer " + bobLogin.plain(), "Cookie": jar["Cookie"]}).Code, 200)

	// signing out revokes the token and clears the cookie
	out := call(server, "DELETE", "/api/session", "", with(map[string]string{"Sec-Fetch-Site": "same-origin"}))
	mustStatus(t, out.Code, 200)
	if cleared := sessionCookieOf(t, out.Result()); cleared.MaxAge >= 0 || cleared.Value != "" {
		t.Fatalf("the cookie is not cleared: %+v", cleared)
	}
	if rec := call(server, "GET", "/api/account", "", with(nil)); rec.Code != 401 {
		t.Fatalf("the signed-out cookie still works: %d", rec.Code)
	}
	// signing out again, with a dead cookie, still clears it
	again := call(server, "DELETE", "/api/session", "", with(nil))
	mustStatus(t, again.Code, 200)
	sessionCookieOf(t, again.Result())
}

// TestSessionTwoFactorAndRegister: the two-factor step and register have
// session forms too; none puts the token in the body.
func TestSessionTwoFactorAndRegister(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)

	rec := call(server, "POST", "/api/session/register",
		`{"name":"Zed","email":"zed@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`, nil)
	mustStatus(t, rec.Code, 201)
	if strings.Contains(rec.Body.String(), `"token"`) {
		t.Fatalf("register put the token in the body: %s", rec.Body)
	}
	sessionCookieOf(t, rec.Result())

	secret, _ := twoFactorOn(t, app, annID)
	rec = call(server, "POST", "/api/session", `{"email":"ann@example.com","password":"`+fixturePassword+`"}`, nil)
	var data struct {
		Challenge string `json:"challenge"`
	}
	envelopeData(t, rec.Body.Bytes(), &data)
	if data.Challenge == "" || len(rec.Result().Cookies()) != 0 {
		t.Fatalf("the password alone must give a challenge and no cookie: %s", rec.Body)
	}
	rec = call(server, "POST", "/api/session/two-factor", `{"challenge":"`+data.Challenge+`","code":"`+totpAt(t, secret, time.Now())+`"}`, nil)
	mustStatus(t, rec.Code, 200)
	if strings.Contains(rec.Body.String(), `"token"`) {
		t.Fatalf("the two-factor step put the token in the body: %s", rec.Body)
	}
	cookie := sessionCookieOf(t, rec.Result())
	mustStatus(t, call(server, "GET", "/api/account", "", map[string]string{"Cookie": sessionCookie + "=" + cookie.Value}).Code, 200)
}

// countTokens counts Ann's tokens of one type.
func countTokens(t testing.TB, app core.App, tokenType string) int64 {
	t.Helper()
	n, err := app.CountRecords(model.TokensCollection, dbx.HashExp{"user": annID, "type": tokenType})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
