package hooks

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/model"
)

// routeGuard is what a route of routes.go demands of a request.
type routeGuard struct {
	public     bool   // no credential needed
	apiKeyOnly bool   // an API key, never a token
	ability    string // "" for any
	verified   bool   // 403 until the email is verified
	inactiveOK bool   // an inactive account may use it
	setUpOK    bool   // usable without two-factor while it is required
}

// guards is the expected guard of every route, API.md §3–§6. The test
// fails when routes.go gains a route missing here, or loses one.
var guards = map[string]routeGuard{
	"POST /api/register":                          {public: true},
	"POST /api/login":                             {public: true},
	"POST /api/login/two-factor":                  {public: true},
	"POST /api/session/register":                  {public: true},
	"POST /api/session":                           {public: true},
	"POST /api/session/two-factor":                {public: true},
	"DELETE /api/session":                         {public: true},
	"GET /api/i18n":                               {public: true},
	"GET /api/openapi.json":                       {public: true},
	"GET /api/verify-email/{id}/{hash}":           {public: true},
	"GET /api/verify-new-email":                   {public: true},
	"POST /api/password/forgot":                   {public: true},
	"POST /api/password/reset/{token}":            {public: true},
	"POST /api/resend-verification-email":         {setUpOK: true},
	"POST /api/logout":                            {inactiveOK: true, setUpOK: true},
	"POST /api/logout-all":                        {ability: "devices:write", inactiveOK: true},
	"GET /api/dashboard":                          {ability: "account:read", verified: true},
	"GET /api/active-device":                      {ability: "devices:read", verified: true},
	"DELETE /api/active-device/{id}":              {ability: "devices:write", verified: true},
	"DELETE /api/active-device":                   {ability: "devices:write", verified: true},
	"GET /api/account":                            {ability: "account:read", verified: true, inactiveOK: true, setUpOK: true},
	"GET /api/profile":                            {ability: "account:read", verified: true, inactiveOK: true, setUpOK: true},
	"GET /api/account/activity":                   {ability: "account:read", verified: true},
	"POST /api/account/two-factor":                {ability: "account:write", verified: true, setUpOK: true},
	"POST /api/account/two-factor/confirm":        {ability: "account:write", verified: true, setUpOK: true},
	"DELETE /api/account/two-factor":              {ability: "account:write", verified: true},
	"POST /api/account/two-factor/recovery-codes": {ability: "account:write", verified: true},
	"PATCH /api/account/profile":                  {ability: "account:write", verified: true},
	"PATCH /api/account/email":                    {ability: "account:write", verified: true},
	"POST /api/account/password":                  {ability: "account:write", verified: true},
	"PATCH /api/account/inactive":                 {ability: "account:write", inactiveOK: true},
	"PATCH /api/account/active":                   {ability: "account:write", inactiveOK: true},
	"PATCH /api/account/reactive":                 {ability: "account:write", inactiveOK: true},
	"PATCH /api/account/suspend":                  {ability: "account:write", inactiveOK: true},
	"GET /api/keys":                               {ability: "keys:read", verified: true},
	"POST /api/keys":                              {ability: "keys:write", verified: true},
	"PATCH /api/keys/{id}":                        {ability: "keys:write", verified: true},
	"DELETE /api/keys/{id}":                       {ability: "keys:write", verified: true},
	"GET /api/api-data-test":                      {apiKeyOnly: true},
	"GET /api/profile/api-tokens":                 {ability: "tokens:read", verified: true},
	"POST /api/profile/api-tokens":                {ability: "tokens:write", verified: true},
	"DELETE /api/profile/api-tokens":              {ability: "tokens:write", verified: true},
	"DELETE /api/profile/api-tokens/{id}":         {ability: "tokens:write", verified: true},
	"POST /admin/profile/api-tokens":              {ability: "tokens:write", verified: true},
	"DELETE /admin/profile/api-tokens":            {ability: "tokens:write", verified: true},
	"DELETE /admin/profile/api-tokens/{id}":       {ability: "tokens:write", verified: true},
}

// TestGuardMatrix sends every refused kind of credential to every route
// and checks the refusal: missing, expired, revoked or forged → 401; an API
// key on a token route → 401; unverified → 403 where the route says so;
// inactive → 403 unless allowed; suspended → 403; missing ability → 403.
func TestGuardMatrix(t *testing.T) {
	t.Parallel()

	app := keysApp(t)
	defer app.Cleanup()
	noAbility := fixtureToken{"annnoability001", annID, model.TokenTypeAPI, []string{"nothing:at-all"}, 0}
	if err := seedToken(app, noAbility); err != nil {
		t.Fatal(err)
	}
	server := testServer(t, app)

	var routes []string
	routes, _ = app.Store().Get(routesStoreKey).([]string)
	for _, r := range routes {
		if _, ok := guards[r]; !ok {
			t.Errorf("route %s has no expected guard in this test", r)
		}
	}
	for r := range guards {
		if !slices.Contains(routes, r) {
			t.Errorf("route %s is expected but not bound", r)
		}
	}

	revoked := map[string]string{"Authorization": "Bearer " + credentials.FormatToken("revoked00000001", annLogin.secret())}
	forged := map[string]string{"Authorization": "Bearer " + annLogin.id + "|" + strings.Repeat("a", credentials.TokenRandomLength) + "00000000"}
	for pattern, g := range guards {
		if g.public {
			continue
		}
		method, path, _ := strings.Cut(pattern, " ")
		path = strings.NewReplacer("{id}", "zzzzzzzzzzzzzzz", "{hash}", "x", "{token}", "x").Replace(path)
		expect := func(name string, headers map[string]string, status int, message string) {
			t.Helper()
			rec := call(server, method, path, `{}`, headers)
			if rec.Code != status || !strings.Contains(rec.Body.String(), message) {
				t.Errorf("%s with %s: %d %s, want %d %q", pattern, name, rec.Code, rec.Body.String(), status, message)
			}
		}
		unauthenticated := `"message":"Unauthenticated."`
		if g.apiKeyOnly {
			unauthenticated = `"message":"Invalid or expired API credentials."`
		}
		expect("no credential", nil, 401, unauthenticated)
		expect("a forged token", forged, 401, unauthenticated)
		if g.apiKeyOnly {
			expect("an expired key", annKeyExpired.headers(), 401, unauthenticated)
			expect("a token", annLogin.bearer(), 401, unauthenticated)
			expect("a suspended account's key", suspendedKey.headers(), 403, `"message":"Your account has been suspended."`)
			continue
		}
		expect("an expired token", annExpired.bearer(), 401, `"message":"Your session has expired. Please sign in again."`)
		expect("a revoked token", revoked, 401, unauthenticated)
		expect("an API key", annKey.headers(), 401, unauthenticated)
		expect("a suspended account", suspendLogin.bearer(), 403, `"message":"Your account has been suspended."`)
		if g.verified {
			expect("an unverified email", unverifLogin.bearer(), 403, `"message":"Your email address is not verified."`)
		}
		if !g.inactiveOK {
			expect("an inactive account", inactiveLogin.bearer(), 403, `"message":"Your account is inactive. Reactivate it to continue."`)
		}
		if g.ability != "" {
			expect("a token without "+g.ability, noAbility.bearer(), 403, `"message":"This credential does not have the ability to perform this action."`)
		}
	}

	// while the operator requires two-factor, an account without it can
	// only set it up
	if err := setSetting(app, "require_two_factor", true); err != nil {
		t.Fatal(err)
	}
	required := `"message":"This appliance requires two-factor authentication. Turn it on to continue."`
	n := 0
	for pattern, g := range guards {
		if g.public {
			continue
		}
		method, path, _ := strings.Cut(pattern, " ")
		path = strings.NewReplacer("{id}", "zzzzzzzzzzzzzzz").Replace(path)
		n++ // a token of its own: logout or a revocation must not end the next case's
		token := fixtureToken{fmt.Sprintf("annreq%09d", n), annID, model.TokenTypeLogin, []string{"*"}, 0}
		if err := seedToken(app, token); err != nil {
			t.Fatal(err)
		}
		headers := token.bearer()
		if g.apiKeyOnly {
			headers = annKey.headers()
		}
		rec := call(server, method, path, `{}`, headers)
		if refused := strings.Contains(rec.Body.String(), required); refused == g.setUpOK || (refused && rec.Code != 403) {
			t.Errorf("%s with two-factor required and off: %d %s", pattern, rec.Code, rec.Body.String())
		}
	}
	// PocketBase's records API too, with a token and with an API key
	for name, headers := range map[string]map[string]string{"token": annLogin2.bearer(), "API key": annKey.headers()} {
		rec := call(server, "GET", "/api/collections/users/records", "", headers)
		if rec.Code != 403 || !strings.Contains(rec.Body.String(), required) {
			t.Errorf("the records API with a %s and two-factor required and off: %d %s", name, rec.Code, rec.Body)
		}
	}
}
