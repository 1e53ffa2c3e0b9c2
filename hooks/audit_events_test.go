package hooks

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

// TestEveryStateChangeIsAudited walks every route that changes state and
// checks that it wrote its event, in the caller's log, with the request's
// IP. The table must name every non-GET route of routes.go (a new route
// without a case fails), plus the GET links that change state.
func TestEveryStateChangeIsAudited(t *testing.T) {
	t.Parallel()

	pw := fixturePassword
	type act func(t *testing.T, app *tests.TestApp, server http.Handler) (status int)
	send := func(method, path, body string, headers map[string]string) act {
		return func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			return callFrom(server, "198.51.100.20", method, path, body, headers).Code
		}
	}
	cases := map[string]struct {
		action string // "" for a route that changes nothing
		user   string
		act    act
	}{
		"POST /api/register": {model.ActionRegister, "", send("POST", "/api/register",
			`{"name":"Zed","email":"zed@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`, nil)},
		"POST /api/login":   {model.ActionLogin, annID, send("POST", "/api/login", `{"email":"ann@example.com","password":"`+pw+`"}`, nil)},
		"POST /api/session": {model.ActionLogin, annID, send("POST", "/api/session", `{"email":"ann@example.com","password":"`+pw+`"}`, nil)},
		"POST /api/session/register": {model.ActionRegister, "", send("POST", "/api/session/register",
			`{"name":"Zed","email":"zed@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`, nil)},
		"POST /api/session/two-factor": {model.ActionLogin, annID, func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			secret, _ := twoFactorOn(t, app, annID)
			challenge := challengeFor(t, server, "ann@example.com")
			return send("POST", "/api/session/two-factor", `{"challenge":"`+challenge+`","code":"`+totpAt(t, secret, time.Now())+`"}`, nil)(t, app, server)
		}},
		"DELETE /api/session": {model.ActionLogout, annID, send("DELETE", "/api/session", "", map[string]string{"Cookie": "appliance_session=" + annLogin.plain()})},
		"POST /api/login/two-factor": {model.ActionLogin, annID, func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			secret, _ := twoFactorOn(t, app, annID)
			challenge := challengeFor(t, server, "ann@example.com")
			return send("POST", "/api/login/two-factor", `{"challenge":"`+challenge+`","code":"`+totpAt(t, secret, time.Now())+`"}`, nil)(t, app, server)
		}},
		"GET /api/verify-email/{id}/{hash}": {model.ActionEmailVerified, unverifID, func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			path := "/api/verify-email/" + unverifID + "/" + emailHash("una@example.com")
			return send("GET", mustSign(t, app, path, url.Values{}, time.Now()), "", nil)(t, app, server)
		}},
		"GET /api/verify-new-email": {model.ActionEmailChanged, annID, func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			ann := mustUser(t, app, annID)
			ann.Set("pending_email", "ann.new@example.com")
			if err := app.Save(ann); err != nil {
				t.Fatal(err)
			}
			link := mustSign(t, app, "/api/verify-new-email", url.Values{"user": {annID}, "email": {"ann.new@example.com"}}, time.Now())
			return send("GET", link, "", nil)(t, app, server)
		}},
		"POST /api/password/forgot": {model.ActionPasswordResetRequested, annID, send("POST", "/api/password/forgot", `{"email":"ann@example.com"}`, nil)},
		"POST /api/password/reset/{token}": {model.ActionPasswordReset, annID, func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			mustStatus(t, call(server, "POST", "/api/password/forgot", `{"email":"ann@example.com"}`, nil).Code, 200)
			token := resetTokenOf(t, app, "ann@example.com")
			return send("POST", "/api/password/reset/"+token,
				`{"email":"ann@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`, nil)(t, app, server)
		}},
		"POST /api/resend-verification-email": {"", unverifID, send("POST", "/api/resend-verification-email", "", unverifLogin.bearer())},
		"POST /api/logout":                    {model.ActionLogout, annID, send("POST", "/api/logout", "", annLogin.bearer())},
		"POST /api/logout-all":                {model.ActionLogoutAll, annID, send("POST", "/api/logout-all", "", annLogin.bearer())},
		"DELETE /api/active-device/{id}":      {model.ActionDeviceRevoked, annID, send("DELETE", "/api/active-device/"+annLogin2.id, "", annLogin.bearer())},
		"DELETE /api/active-device":           {model.ActionDeviceRevoked, annID, send("DELETE", "/api/active-device", `{"password":"`+pw+`"}`, annLogin.bearer())},
		"PATCH /api/account/profile":          {model.ActionProfileUpdated, annID, send("PATCH", "/api/account/profile", `{"bio":"hello"}`, annLogin.bearer())},
		"PATCH /api/account/email":            {model.ActionEmailChangeRequested, annID, send("PATCH", "/api/account/email", `{"email":"ann2@example.com","password":"`+pw+`"}`, annLogin.bearer())},
		"POST /api/account/password": {model.ActionPasswordChanged, annID, send("POST", "/api/account/password",
			`{"current_password":"`+pw+`","new_password":"tulip-harbor-91","new_password_confirmation":"tulip-harbor-91"}`, annLogin.bearer())},
		"PATCH /api/account/inactive":  {model.ActionStatusChanged, annID, send("PATCH", "/api/account/inactive", "", annLogin.bearer())},
		"PATCH /api/account/active":    {model.ActionStatusChanged, inactiveID, send("PATCH", "/api/account/active", "", inactiveLogin.bearer())},
		"PATCH /api/account/reactive":  {model.ActionStatusChanged, inactiveID, send("PATCH", "/api/account/reactive", "", inactiveLogin.bearer())},
		"PATCH /api/account/suspend":   {model.ActionStatusChanged, annID, send("PATCH", "/api/account/suspend", `{"password":"`+pw+`"}`, annLogin.bearer())},
		"POST /api/account/two-factor": {model.ActionTwoFactorSetupStarted, annID, send("POST", "/api/account/two-factor", `{"password":"`+pw+`"}`, annLogin.bearer())},
		"POST /api/account/two-factor/confirm": {model.ActionTwoFactorEnabled, annID, func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			u := mustUser(t, app, annID)
			secret, _, err := model.StartTwoFactor(app, u, "Test")
			if err != nil || app.Save(u) != nil {
				t.Fatal("cannot start two-factor")
			}
			return send("POST", "/api/account/two-factor/confirm", `{"code":"`+totpAt(t, secret, time.Now())+`"}`, annLogin.bearer())(t, app, server)
		}},
		"DELETE /api/account/two-factor": {model.ActionTwoFactorDisabled, annID, func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			_, codes := twoFactorOn(t, app, annID)
			return send("DELETE", "/api/account/two-factor", `{"password":"`+pw+`","code":"`+codes[0]+`"}`, annLogin.bearer())(t, app, server)
		}},
		"POST /api/account/two-factor/recovery-codes": {model.ActionRecoveryCodesRenewed, annID, func(t *testing.T, app *tests.TestApp, server http.Handler) int {
			twoFactorOn(t, app, annID)
			return send("POST", "/api/account/two-factor/recovery-codes", `{"password":"`+pw+`"}`, annLogin.bearer())(t, app, server)
		}},
		"POST /api/keys":                        {model.ActionKeyCreated, annID, send("POST", "/api/keys", `{"name":"ci"}`, annLogin.bearer())},
		"PATCH /api/keys/{id}":                  {model.ActionKeyRegenerated, annID, send("PATCH", "/api/keys/"+annKey.id, "", annLogin.bearer())},
		"DELETE /api/keys/{id}":                 {model.ActionKeyRevoked, annID, send("DELETE", "/api/keys/"+annKey.id, "", annLogin.bearer())},
		"POST /api/profile/api-tokens":          {model.ActionTokenCreated, annID, send("POST", "/api/profile/api-tokens", `{"name":"ci"}`, annLogin.bearer())},
		"DELETE /api/profile/api-tokens":        {model.ActionTokenRevoked, annID, send("DELETE", "/api/profile/api-tokens", `{"password":"`+pw+`"}`, annLogin.bearer())},
		"DELETE /api/profile/api-tokens/{id}":   {model.ActionTokenRevoked, annID, send("DELETE", "/api/profile/api-tokens/"+annPATAll.id, "", annLogin.bearer())},
		"POST /admin/profile/api-tokens":        {model.ActionTokenCreated, annID, send("POST", "/admin/profile/api-tokens", `{"name":"ci"}`, annLogin.bearer())},
		"DELETE /admin/profile/api-tokens":      {model.ActionTokenRevoked, annID, send("DELETE", "/admin/profile/api-tokens", `{"password":"`+pw+`"}`, annLogin.bearer())},
		"DELETE /admin/profile/api-tokens/{id}": {model.ActionTokenRevoked, annID, send("DELETE", "/admin/profile/api-tokens/"+annPATAll.id, "", annLogin.bearer())},
	}

	app := newTestApp(t)
	testServer(t, app) // the routes are recorded when the router is built
	routes, _ := app.Store().Get(routesStoreKey).([]string)
	app.Cleanup()
	for _, r := range routes {
		if _, ok := cases[r]; !ok && !strings.HasPrefix(r, "GET ") {
			t.Errorf("route %s changes state but has no case here", r)
		}
	}
	for r := range cases {
		if !slices.Contains(routes, r) {
			t.Errorf("case %s is not a route", r)
		}
	}

	for route, tc := range cases {
		t.Run(route, func(t *testing.T) {
			t.Parallel()
			app := keysApp(t)
			defer app.Cleanup()
			server := testServer(t, app)
			before := countEvents(t, app)

			if status := tc.act(t, app, server); status >= 300 {
				t.Fatalf("the route answered %d", status)
			}
			if tc.action == "" {
				if n := countEvents(t, app); n != before {
					t.Fatalf("%d events for a route that changes nothing", n-before)
				}
				return
			}
			userID := tc.user
			if userID == "" { // the account the request created
				u, err := model.FindUserByEmail(app, "zed@example.com")
				if err != nil {
					t.Fatal(err)
				}
				userID = u.Id
			}
			ev := lastEvent(t, app, userID)
			if ev.GetString("action") != tc.action || ev.GetString("ip_address") != "198.51.100.20" ||
				ev.GetString("actor_type") != model.ActorUser || ev.GetString("actor_id") != userID {
				t.Fatalf("last event %s by %s %s from %s, want %s by the user from the request's IP",
					ev.GetString("action"), ev.GetString("actor_type"), ev.GetString("actor_id"), ev.GetString("ip_address"), tc.action)
			}
		})
	}
}

func countEvents(t testing.TB, app core.App) int64 {
	t.Helper()
	n, err := app.CountRecords(model.AuditEventsCollection)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFailedSignInsAreAudited: a wrong password is recorded on the account
// without the password; an unknown email too, with the email alone.
func TestFailedSignInsAreAudited(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	mustStatus(t, call(server, "POST", "/api/login", `{"email":"ann@example.com","password":"guess-number-one"}`, nil).Code, 401)
	mustStatus(t, call(server, "POST", "/api/login", `{"email":"Nobody@Example.com","password":"guess-number-two"}`, nil).Code, 401)

	if eventCount(t, app, annID, model.ActionLoginFailed) != 1 {
		t.Fatal("the wrong password is not recorded on the account")
	}
	unknown, err := app.FindFirstRecordByFilter(model.AuditEventsCollection, "action = 'login_failed' && user = ''")
	if err != nil || !strings.Contains(unknown.GetString("details"), "nobody@example.com") {
		t.Fatalf("the unknown email's attempt: %v", err)
	}
	var rows []struct {
		Details string `db:"details"`
	}
	if err := app.DB().Select("details").From(model.AuditEventsCollection).All(&rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if strings.Contains(r.Details, "guess-number") {
			t.Fatal("an attempted password reached the activity log")
		}
	}
}

// TestAdminUIChangesAreAudited: what a superuser does through PocketBase's
// records API (the admin UI) is recorded with the superuser as actor, in
// the transaction of the change.
func TestAdminUIChangesAreAudited(t *testing.T) {
	t.Parallel()

	app := keysApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	root := superuserHeaders(t, app)
	twoFactorOn(t, app, annID)

	expectEvent := func(action string) {
		t.Helper()
		ev := lastEvent(t, app, annID)
		if ev.GetString("action") != action || ev.GetString("actor_type") != model.ActorSuperuser || ev.GetString("actor_id") == "" {
			t.Fatalf("last event %s by %s, want %s by the superuser", ev.GetString("action"), ev.GetString("actor_type"), action)
		}
	}

	// deleting a credential
	mustStatus(t, call(server, "DELETE", "/api/collections/api_keys/records/"+annKey.id, "", root).Code, 204)
	expectEvent(model.ActionKeyRevoked)
	mustStatus(t, call(server, "DELETE", "/api/collections/personal_access_tokens/records/"+annLogin2.id, "", root).Code, 204)
	expectEvent(model.ActionDeviceRevoked)

	// resetting two-factor: unticked, the secret and codes are erased
	mustStatus(t, call(server, "PATCH", "/api/collections/users/records/"+annID, `{"two_factor_enabled":false}`, root).Code, 200)
	expectEvent(model.ActionTwoFactorDisabled)
	if ann := mustUser(t, app, annID); ann.GetString("two_factor_secret") != "" || model.RecoveryCodesLeft(ann) != 0 {
		t.Fatal("the superuser's reset left the secret or the codes")
	}
	// ... and never turned on from the admin UI
	rec := call(server, "PATCH", "/api/collections/users/records/"+annID, `{"two_factor_enabled":true}`, root)
	if rec.Code < 400 || mustUser(t, app, annID).TwoFactorEnabled() {
		t.Fatalf("a superuser turned two-factor on: %d", rec.Code)
	}

	// a new password
	mustStatus(t, call(server, "PATCH", "/api/collections/users/records/"+annID,
		`{"password":"tulip-harbor-91","passwordConfirm":"tulip-harbor-91"}`, root).Code, 200)
	expectEvent(model.ActionPasswordChanged)

	// suspension, which also revokes every credential
	mustStatus(t, call(server, "PATCH", "/api/collections/users/records/"+annID, `{"status":"suspended"}`, root).Code, 200)
	expectEvent(model.ActionStatusChanged)
	if tokenExists(t, app, annLogin.id) {
		t.Fatal("the suspension did not revoke")
	}

	// the user's own list shows the superuser's change, but not where the
	// operator works from
	ann := mustUser(t, app, annID)
	ann.SetStatus(model.StatusActive)
	if err := app.Save(ann); err != nil {
		t.Fatal(err)
	}
	fresh := fixtureToken{"annfresh0000001", annID, model.TokenTypeLogin, []string{"*"}, 0}
	if err := seedToken(app, fresh); err != nil {
		t.Fatal(err)
	}
	body := call(server, "GET", "/api/account/activity", "", fresh.bearer()).Body.String()
	if !strings.Contains(body, `"actor":"superuser","ip_address":"","user_agent":""`) {
		t.Fatalf("the superuser's events in the user's list: %s", body)
	}
}

// TestAuditLogIsAppendOnly: no one edits or deletes an event, not even a
// superuser; only the retention prune removes old ones.
func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	root := superuserHeaders(t, app)
	if err := model.Audit(app, model.Event{Action: model.ActionLogin, UserID: annID}); err != nil {
		t.Fatal(err)
	}
	ev := lastEvent(t, app, annID)

	rec := call(server, "POST", "/api/collections/audit_events/records", `{"action":"login","user":"`+annID+`","actor_type":"user"}`, root)
	if rec.Code < 400 {
		t.Errorf("a superuser created an event: %d", rec.Code)
	}
	if rec := call(server, "PATCH", "/api/collections/audit_events/records/"+ev.Id, `{"action":"logout"}`, root); rec.Code < 400 {
		t.Errorf("a superuser edited an event: %d", rec.Code)
	}
	if rec := call(server, "DELETE", "/api/collections/audit_events/records/"+ev.Id, "", root); rec.Code < 400 {
		t.Errorf("a superuser deleted an event: %d", rec.Code)
	}
	if rec := call(server, "GET", "/api/collections/audit_events/records", "", annLogin.bearer()); strings.Contains(rec.Body.String(), ev.Id) {
		t.Error("a user listed the raw collection")
	}
	if lastEvent(t, app, annID).GetString("action") != model.ActionLogin {
		t.Fatal("the event changed")
	}

	// retention: an event older than the setting goes, a recent one stays
	if _, err := app.DB().Update(model.AuditEventsCollection, dbx.Params{"created": "2020-01-01 00:00:00.000Z"}, dbx.HashExp{"id": ev.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	if err := model.Audit(app, model.Event{Action: model.ActionLogout, UserID: annID}); err != nil {
		t.Fatal(err)
	}
	if err := model.PruneAuditEvents(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	if eventCount(t, app, annID, model.ActionLogin) != 0 || eventCount(t, app, annID, model.ActionLogout) != 1 {
		t.Fatal("the prune must delete the old event and keep the recent one")
	}
}

// An event names the credential the request used (or the one it acted on).
func TestEventsNameTheCredential(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	mustStatus(t, call(server, "PATCH", "/api/account/profile", `{"bio":"x"}`, annLogin2.bearer()).Code, 200)
	if got := lastEvent(t, app, annID).GetString("credential_id"); got != annLogin2.id {
		t.Fatalf("credential_id %q, want the token used, %s", got, annLogin2.id)
	}
	mustStatus(t, call(server, "DELETE", "/api/active-device/"+annLogin.id, "", annLogin2.bearer()).Code, 200)
	if got := lastEvent(t, app, annID).GetString("credential_id"); got != annLogin.id {
		t.Fatalf("credential_id %q, want the device revoked, %s", got, annLogin.id)
	}
	body := call(server, "GET", "/api/account/activity", "", annLogin2.bearer()).Body.String()
	if !strings.Contains(body, `"credential_id":"`+annLogin.id+`"`) {
		t.Fatalf("the list does not show the credential: %s", body)
	}
}
