package hooks

import (
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

// TestWarmTokensReadNothing: once a token is cached, verifying it again
// reads nothing from the database (the prepared statements count calls).
func TestWarmTokensReadNothing(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	now := time.Now()
	if verified(app, annLogin.plain(), now) == nil {
		t.Fatal("refused")
	}
	before := model.StatementsOf(app).Calls()
	for range 10 {
		if verified(app, annLogin.plain(), now) == nil {
			t.Fatal("refused when warm")
		}
	}
	if after := model.StatementsOf(app).Calls(); after != before {
		t.Fatalf("%d reads for 10 warm verifications", after-before)
	}
	if before == 0 {
		t.Fatal("the cold verification read nothing: this test proves nothing")
	}
}

// TestCacheNeverOutlivesAChange: whatever changes a token or its owner —
// revocation, suspension, expiry, a password change, an admin-UI deletion
// or ability change — the very next request sees it, with the token warm
// in the cache before.
func TestCacheNeverOutlivesAChange(t *testing.T) {
	t.Parallel()

	type change func(t *testing.T, app *tests.TestApp, server http.Handler, root map[string]string)
	cases := []struct {
		name   string
		token  fixtureToken
		path   string
		change change
		status int
	}{
		{"revoked by the user", annPATAll, "/api/account", func(t *testing.T, app *tests.TestApp, server http.Handler, _ map[string]string) {
			mustStatus(t, call(server, "DELETE", "/api/profile/api-tokens/"+annPATAll.id, "", annLogin.bearer()).Code, 200)
		}, 401},
		{"suspended by a superuser", annLogin, "/api/account", func(t *testing.T, app *tests.TestApp, server http.Handler, root map[string]string) {
			mustStatus(t, call(server, "PATCH", "/api/collections/users/records/"+annID, `{"status":"suspended"}`, root).Code, 200)
		}, 401},
		{"deactivated", annLogin2, "/api/keys", func(t *testing.T, app *tests.TestApp, server http.Handler, _ map[string]string) {
			mustStatus(t, call(server, "PATCH", "/api/account/inactive", "", annLogin.bearer()).Code, 200)
		}, 403},
		{"expiry set in the admin UI", annLogin2, "/api/account", func(t *testing.T, app *tests.TestApp, server http.Handler, root map[string]string) {
			mustStatus(t, call(server, "PATCH", "/api/collections/personal_access_tokens/records/"+annLogin2.id,
				`{"expires_at":"2020-01-01 00:00:00.000Z"}`, root).Code, 200)
		}, 401},
		{"a password change signs the other devices out", annLogin2, "/api/account", func(t *testing.T, app *tests.TestApp, server http.Handler, _ map[string]string) {
			mustStatus(t, call(server, "POST", "/api/account/password",
				`{"current_password":"`+fixturePassword+`","new_password":"tulip-harbor-91","new_password_confirmation":"tulip-harbor-91"}`, annLogin.bearer()).Code, 200)
		}, 401},
		{"deleted in the admin UI", annLogin2, "/api/account", func(t *testing.T, app *tests.TestApp, server http.Handler, root map[string]string) {
			mustStatus(t, call(server, "DELETE", "/api/collections/personal_access_tokens/records/"+annLogin2.id, "", root).Code, 204)
		}, 401},
		{"abilities narrowed in the admin UI", annPATAll, "/api/keys", func(t *testing.T, app *tests.TestApp, server http.Handler, root map[string]string) {
			mustStatus(t, call(server, "PATCH", "/api/collections/personal_access_tokens/records/"+annPATAll.id,
				`{"abilities":["account:read"]}`, root).Code, 200)
		}, 403},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := newTestApp(t)
			defer app.Cleanup()
			server := testServer(t, app)
			root := superuserHeaders(t, app)
			mustStatus(t, call(server, "GET", tc.path, "", tc.token.bearer()).Code, 200) // warm
			if model.TokensCacheOf(app).Len() == 0 {
				t.Fatal("nothing cached: this case proves nothing")
			}
			tc.change(t, app, server, root)
			if rec := call(server, "GET", tc.path, "", tc.token.bearer()); rec.Code != tc.status {
				t.Fatalf("the next request after the change: %d %s, want %d", rec.Code, rec.Body, tc.status)
			}
		})
	}

	// expiry by the clock alone: the cached entry holds the expiry
	app := newTestApp(t)
	defer app.Cleanup()
	soon := fixtureToken{"annsoon00000001", annID, model.TokenTypeAPI, []string{"*"}, time.Hour}
	if err := seedToken(app, soon); err != nil {
		t.Fatal(err)
	}
	if verified(app, soon.plain(), time.Now()) == nil {
		t.Fatal("refused before its expiry")
	}
	if verified(app, soon.plain(), time.Now().Add(2*time.Hour)) != nil {
		t.Fatal("a cached token was accepted after its expiry")
	}
}

// TestNoRequestAcceptedAfterARevokeAnswered: readers hammer a token while
// it is revoked; no request sent after the revocation answered is
// accepted. Run with -race.
func TestNoRequestAcceptedAfterARevokeAnswered(t *testing.T) {
	t.Parallel()

	for round := range 5 {
		app := newTestApp(t)
		server := testServer(t, app)
		var answered atomic.Bool
		var late atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					after := answered.Load()
					if rec := call(server, "GET", "/api/account", "", annPATAll.bearer()); rec.Code == 200 && after {
						late.Add(1)
					}
				}
			}()
		}
		time.Sleep(20 * time.Millisecond)
		mustStatus(t, call(server, "DELETE", "/api/profile/api-tokens/"+annPATAll.id, "", annLogin.bearer()).Code, 200)
		answered.Store(true)
		time.Sleep(30 * time.Millisecond)
		close(stop)
		wg.Wait()
		app.Cleanup()
		if n := late.Load(); n > 0 {
			t.Fatalf("round %d: %d requests accepted after the revocation answered", round, n)
		}
	}
}

// A token used by its bare secret (cached under its hash) is refused on
// the next request after its revocation too.
func TestBareSecretRevokedAtOnce(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	bare := map[string]string{"Authorization": "Bearer " + annPATAll.secret()}
	mustStatus(t, call(server, "GET", "/api/account", "", bare).Code, 200) // warm, by hash
	mustStatus(t, call(server, "GET", "/api/account", "", annPATAll.bearer()).Code, 200)
	mustStatus(t, call(server, "DELETE", "/api/profile/api-tokens/"+annPATAll.id, "", annLogin.bearer()).Code, 200)
	if rec := call(server, "GET", "/api/account", "", bare); rec.Code != 401 {
		t.Fatalf("the revoked token's bare secret: %d", rec.Code)
	}
}
