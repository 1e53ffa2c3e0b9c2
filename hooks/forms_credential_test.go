package hooks

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

// annSoon is a personal access token of Ann's that expires in two minutes.
var annSoon = fixtureToken{"annpatsoon00001", annID, model.TokenTypeAPI, []string{"*"}, 2 * time.Minute}

func soonApp(t testing.TB) *tests.TestApp {
	app := newTestApp(t)
	if err := seedToken(app, annSoon); err != nil {
		t.Fatal(err)
	}
	return app
}

// TestNewCredentialsNeverOutliveTheirCreator: a token that expires soon
// mints tokens and keys that expire with it, by default and at most.
func TestNewCredentialsNeverOutliveTheirCreator(t *testing.T) {
	t.Parallel()

	inAnHour := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	inAMinute := time.Now().Add(time.Minute).UTC().Format(time.RFC3339)
	expiresWithCreator := func(t testing.TB, app *tests.TestApp, res *http.Response) {
		var body struct {
			Data struct {
				ExpiresAt *string `json:"expires_at"`
			}
		}
		raw, _ := io.ReadAll(res.Body)
		if err := json.Unmarshal(raw, &body); err != nil || body.Data.ExpiresAt == nil {
			t.Fatalf("no expiry in %s", raw)
		}
		got, err := time.Parse(time.RFC3339Nano, *body.Data.ExpiresAt)
		creator, _ := model.FindTokenByID(app, annSoon.id)
		if err != nil || !got.Equal(creator.ExpiresAt().Time()) {
			t.Fatalf("expires_at %s, want the creator's %s", *body.Data.ExpiresAt, creator.ExpiresAt())
		}
	}

	scenarios := []tests.ApiScenario{
		{
			Name:            "token: no expiry asked defaults to the creator's",
			Method:          http.MethodPost,
			URL:             "/api/profile/api-tokens",
			Headers:         annSoon.bearer(),
			Body:            jsonBody(`{"name":"child"}`),
			ExpectedStatus:  201,
			ExpectedContent: []string{`"expires_at":"`},
			TestAppFactory:  soonApp,
			AfterTestFunc:   expiresWithCreator,
		},
		{
			Name:            "token: a later expiry is refused",
			Method:          http.MethodPost,
			URL:             "/api/profile/api-tokens",
			Headers:         annSoon.bearer(),
			Body:            jsonBody(`{"name":"child","expires_at":"` + inAnHour + `"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"expires_at":["The expiry date field must not be later than `, `when the credential making this request expires."]`},
			ExpectedEvents:  map[string]int{"OnModelCreate": 0},
			TestAppFactory:  soonApp,
		},
		{
			Name:            "token: an earlier expiry is kept",
			Method:          http.MethodPost,
			URL:             "/api/profile/api-tokens",
			Headers:         annSoon.bearer(),
			Body:            jsonBody(`{"name":"child","expires_at":"` + inAMinute + `"}`),
			ExpectedStatus:  201,
			ExpectedContent: []string{`"expires_at":"` + inAMinute[:16]},
			TestAppFactory:  soonApp,
		},
		{
			Name:            "key: the 90-day default is cut to the creator's",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annSoon.bearer(),
			Body:            jsonBody(`{"name":"child"}`),
			ExpectedStatus:  201,
			ExpectedContent: []string{`"secret":"`},
			TestAppFactory:  soonApp,
			AfterTestFunc:   expiresWithCreator,
		},
		{
			Name:            "key: a later expiry is refused",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annSoon.bearer(),
			Body:            jsonBody(`{"name":"child","expires_at":"` + inAnHour + `"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"expires_at":["The expiry date field must not be later than `},
			ExpectedEvents:  map[string]int{"OnModelCreate": 0},
			TestAppFactory:  soonApp,
		},
		{
			Name:            "key: regenerate renews only up to the creator's expiry",
			Method:          http.MethodPatch,
			URL:             "/api/keys/" + annKey.id,
			Headers:         annSoon.bearer(),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"secret":"`},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := keysApp(t)
				if err := seedToken(app, annSoon); err != nil {
					t.Fatal(err)
				}
				return app
			},
			AfterTestFunc: expiresWithCreator,
		},
		{
			Name:            "a token without expiry still mints tokens without expiry",
			Method:          http.MethodPost,
			URL:             "/api/profile/api-tokens",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"name":"child"}`),
			ExpectedStatus:  201,
			ExpectedContent: []string{`"expires_at":null`},
			TestAppFactory:  newTestApp,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
