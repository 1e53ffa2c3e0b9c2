package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

// TestRevocationsPassRecordHooks: every way of revoking credentials
// deletes through the app, so PocketBase's record hooks see each revoked
// token and key (what the usage tracker, the activity log and any cache of
// credentials rely on). A raw DELETE would make the count fall short.
func TestRevocationsPassRecordHooks(t *testing.T) {
	t.Parallel()

	password := `{"password":"` + fixturePassword + `"}`
	cases := []struct {
		name string
		act  func(t *testing.T, app *tests.TestApp, server http.Handler)
	}{
		{"logout-all", func(t *testing.T, app *tests.TestApp, server http.Handler) {
			mustStatus(t, call(server, "POST", "/api/logout-all", "", annLogin.bearer()).Code, 200)
		}},
		{"revoke other devices", func(t *testing.T, app *tests.TestApp, server http.Handler) {
			mustStatus(t, call(server, "DELETE", "/api/active-device", password, annLogin.bearer()).Code, 200)
		}},
		{"revoke all personal access tokens", func(t *testing.T, app *tests.TestApp, server http.Handler) {
			mustStatus(t, call(server, "DELETE", "/api/profile/api-tokens", password, annLogin.bearer()).Code, 200)
		}},
		{"password change", func(t *testing.T, app *tests.TestApp, server http.Handler) {
			body := `{"current_password":"` + fixturePassword + `","new_password":"tulip-harbor-91","new_password_confirmation":"tulip-harbor-91"}`
			mustStatus(t, call(server, "POST", "/api/account/password", body, annLogin.bearer()).Code, 200)
		}},
		{"password reset", func(t *testing.T, app *tests.TestApp, server http.Handler) {
			mustStatus(t, call(server, "POST", "/api/password/forgot", `{"email":"ann@example.com"}`, nil).Code, 200)
			token := resetTokenOf(t, app, "ann@example.com")
			body := `{"email":"ann@example.com","token":"` + token + `","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`
			mustStatus(t, call(server, "POST", "/api/password/reset/"+token, body, nil).Code, 200)
		}},
		{"suspension by the user", func(t *testing.T, app *tests.TestApp, server http.Handler) {
			mustStatus(t, call(server, "PATCH", "/api/account/suspend", password, annLogin.bearer()).Code, 200)
		}},
		{"suspension by a superuser", func(t *testing.T, app *tests.TestApp, server http.Handler) {
			ann := mustUser(t, app, annID)
			ann.SetStatus(model.StatusSuspended)
			if err := app.Save(ann); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := keysApp(t)
			defer app.Cleanup()
			seen := 0
			app.OnRecordAfterDeleteSuccess(model.TokensCollection, model.APIKeysCollection).BindFunc(func(e *core.RecordEvent) error {
				seen++
				return e.Next()
			})
			server := testServer(t, app)

			before := credentialRows(t, app)
			tc.act(t, app, server)
			gone := before - credentialRows(t, app)
			if gone == 0 {
				t.Fatal("nothing was revoked: this case proves nothing")
			}
			if seen != gone {
				t.Fatalf("record hooks saw %d of %d revoked credentials", seen, gone)
			}
		})
	}
}

// credentialRows counts Ann's tokens and keys.
func credentialRows(t testing.TB, app core.App) int {
	t.Helper()
	tokens, err := app.CountRecords(model.TokensCollection, dbx.HashExp{"user": annID})
	if err != nil {
		t.Fatal(err)
	}
	keys, err := app.CountRecords(model.APIKeysCollection, dbx.HashExp{"user": annID})
	if err != nil {
		t.Fatal(err)
	}
	return int(tokens + keys)
}

func mustStatus(t testing.TB, got, want int) {
	t.Helper()
	if got != want {
		t.Fatalf("status %d, want %d", got, want)
	}
}
