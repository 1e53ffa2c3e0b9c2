package hooks

import (
	"net/http"
	"testing"

	"github.com/authappliance/appliance/hooks/model"
)

// Every built-in route checks its ability: a personal access token that
// holds only an unrelated ability is refused with 403, and one that holds
// the route's ability (or its resource wildcard) gets past the guard.
func TestAbilitiesOnEveryRoute(t *testing.T) {
	t.Parallel()

	routes := []struct {
		method, url, ability string
	}{
		{http.MethodGet, "/api/dashboard", "account:read"},
		{http.MethodGet, "/api/account", "account:read"},
		{http.MethodGet, "/api/profile", "account:read"},
		{http.MethodPatch, "/api/account/profile", "account:write"},
		{http.MethodPatch, "/api/account/email", "account:write"},
		{http.MethodPost, "/api/account/password", "account:write"},
		{http.MethodPatch, "/api/account/inactive", "account:write"},
		{http.MethodGet, "/api/active-device", "devices:read"},
		{http.MethodDelete, "/api/active-device/" + annLogin2.id, "devices:write"},
		{http.MethodDelete, "/api/active-device", "devices:write"},
		{http.MethodGet, "/api/profile/api-tokens", "tokens:read"},
		{http.MethodPost, "/api/profile/api-tokens", "tokens:write"},
		{http.MethodDelete, "/api/profile/api-tokens/" + annPATRead.id, "tokens:write"},
		{http.MethodDelete, "/api/profile/api-tokens", "tokens:write"},
		{http.MethodGet, "/api/keys", "keys:read"},
		{http.MethodPost, "/api/keys", "keys:write"},
		{http.MethodPatch, "/api/keys/nokey0000000001", "keys:write"},
		{http.MethodDelete, "/api/keys/nokey0000000001", "keys:write"},
	}

	unrelated := fixtureToken{"annunrelated001", annID, model.TokenTypeAPI, []string{"reports:read"}, 0}
	exact := fixtureToken{"annexact0000001", annID, model.TokenTypeAPI, nil, 0}
	wildcard := fixtureToken{"annwildcard0001", annID, model.TokenTypeAPI, nil, 0}

	for _, r := range routes {
		app := newTestApp(t)
		exact.abilities = []string{r.ability}
		wildcard.abilities = []string{r.ability[:len(r.ability)-len("read")] + "*"}
		if r.ability[len(r.ability)-5:] == "write" {
			wildcard.abilities = []string{r.ability[:len(r.ability)-len("write")] + "*"}
		}
		for _, f := range []fixtureToken{unrelated, exact, wildcard} {
			if err := seedToken(app, f); err != nil {
				t.Fatal(err)
			}
		}
		server := testServer(t, app)

		if rec := call(server, r.method, r.url, "{}", unrelated.bearer()); rec.Code != http.StatusForbidden {
			t.Errorf("%s %s without %s: %d %s", r.method, r.url, r.ability, rec.Code, rec.Body)
		}
		for _, f := range []fixtureToken{exact, wildcard} {
			if rec := call(server, r.method, r.url, "{}", f.bearer()); rec.Code == http.StatusForbidden || rec.Code == http.StatusUnauthorized {
				t.Errorf("%s %s with %v: %d %s", r.method, r.url, f.abilities, rec.Code, rec.Body)
			}
		}
		app.Cleanup()
	}
}
