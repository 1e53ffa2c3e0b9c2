package hooks

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

func TestTokensList(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodGet,
			URL:             "/api/profile/api-tokens",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a token without tokens:read",
			Method:          http.MethodGet,
			URL:             "/api/profile/api-tokens",
			Headers:         annPATRead.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:           "the caller's personal access tokens, no secrets, no devices",
			Method:         http.MethodGet,
			URL:            "/api/profile/api-tokens",
			Headers:        annLogin.bearer(),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"message":"All API tokens of the user!"`,
				`"id":"` + annPATRead.id + `","name":"Fixture ` + annPATRead.id + `","abilities":["account:read"]`,
				`"is_expired":false`,
			},
			NotExpectedContent: []string{annLogin.id, bobLogin.id, "token_hash", annPATRead.secret()},
			TestAppFactory:     newTestApp,
		},
		{
			Name:    "switched off: 404",
			Method:  http.MethodGet,
			URL:     "/api/profile/api-tokens",
			Headers: annLogin.bearer(),
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
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

func TestTokensCreate(t *testing.T) {
	t.Parallel()

	future := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)

	var scenarios []tests.ApiScenario
	for _, url := range []string{"/api/profile/api-tokens", "/admin/profile/api-tokens"} {
		scenarios = append(scenarios,
			tests.ApiScenario{
				Name:            url + " guest",
				Method:          http.MethodPost,
				URL:             url,
				Body:            jsonBody(`{"name":"ci"}`),
				ExpectedStatus:  401,
				ExpectedContent: []string{`"success":false`, `"message":"Unauthenticated."`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:           url + " invalid body names every field",
				Method:         http.MethodPost,
				URL:            url,
				Headers:        annLogin.bearer(),
				Body:           jsonBody(`{"abilities":["Account:Read"],"expires_at":"2001-01-01"}`),
				ExpectedStatus: 422,
				ExpectedContent: []string{
					`"name":["The name field is required."]`,
					`"abilities":["The abilities field must be a list of abilities`,
					`"expires_at":["The expiry date field must be a date in the future."]`,
				},
				ExpectedEvents: map[string]int{"OnModelCreate": 0},
				TestAppFactory: newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " unparsable expiry",
				Method:          http.MethodPost,
				URL:             url,
				Headers:         annLogin.bearer(),
				Body:            jsonBody(`{"name":"ci","expires_at":"next tuesday"}`),
				ExpectedStatus:  422,
				ExpectedContent: []string{`"expires_at":["The expiry date field must be a valid date."]`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " a token cannot mint more than it has",
				Method:          http.MethodPost,
				URL:             url,
				Headers:         annPATAll.bearer(),
				Body:            jsonBody(`{"name":"ci"}`),
				ExpectedStatus:  201,
				ExpectedContent: []string{`"abilities":["*"]`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:           url + " success: shown once, stored hashed, usable",
				Method:         http.MethodPost,
				URL:            url,
				Headers:        annLogin.bearer(),
				Body:           jsonBody(`{"name":" deploy bot ","abilities":["account:read","reports:*"],"expires_at":"` + future + `"}`),
				ExpectedStatus: 201,
				ExpectedContent: []string{
					`"message":"API token created successfully. Store this token securely as it will not be shown again."`,
					`"name":"deploy bot"`,
					`"abilities":["account:read","reports:*"]`,
					`"expires_at":"`,
					`"token":"`,
				},
				ExpectedEvents: map[string]int{"OnModelCreate": 2}, // the token, its audit event
				TestAppFactory: newTestApp,
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
					var body struct {
						Data struct {
							ID    string `json:"id"`
							Token string `json:"token"`
						} `json:"data"`
					}
					raw, _ := io.ReadAll(res.Body)
					if err := json.Unmarshal(raw, &body); err != nil {
						t.Fatal(err)
					}
					c := verified(app, body.Data.Token, time.Now())
					if c == nil || c.allows("account:write") || !c.allows("reports:pdf") {
						t.Fatal("the new token must work with exactly its abilities")
					}
					stored, _ := model.FindTokenByID(app, body.Data.ID)
					if stored.GetString("type") != model.TokenTypeAPI {
						t.Fatal("a personal access token is of type api")
					}
					if strings.Contains(stored.GetString("token_hash"), body.Data.Token[16:]) {
						t.Fatal("the secret must not be stored")
					}
				},
			},
		)
	}

	// escalation: a token with account:read cannot create one with more
	scenarios = append(scenarios, tests.ApiScenario{
		Name:            "escalation refused",
		Method:          http.MethodPost,
		URL:             "/api/profile/api-tokens",
		Headers:         narrowToken.bearer(),
		Body:            jsonBody(`{"name":"more","abilities":["account:read","account:write"]}`),
		ExpectedStatus:  422,
		ExpectedContent: []string{`"abilities":["The abilities field asks for abilities this credential does not have."]`},
		ExpectedEvents:  map[string]int{"OnModelCreate": 0},
		TestAppFactory:  narrowTokenApp,
	}, tests.ApiScenario{
		Name:            "the default * is an escalation too for a narrow token",
		Method:          http.MethodPost,
		URL:             "/api/profile/api-tokens",
		Headers:         narrowToken.bearer(),
		Body:            jsonBody(`{"name":"more"}`),
		ExpectedStatus:  422,
		ExpectedContent: []string{`"abilities":["The abilities field asks for abilities this credential does not have."]`},
		TestAppFactory:  narrowTokenApp,
	}, tests.ApiScenario{
		Name:            "a subset is fine",
		Method:          http.MethodPost,
		URL:             "/api/profile/api-tokens",
		Headers:         narrowToken.bearer(),
		Body:            jsonBody(`{"name":"less","abilities":["account:read"]}`),
		ExpectedStatus:  201,
		ExpectedContent: []string{`"abilities":["account:read"]`},
		TestAppFactory:  narrowTokenApp,
	})

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// narrowToken is a personal access token of Ann that may create tokens but
// holds only account:read otherwise; narrowTokenApp seeds it.
var narrowToken = fixtureToken{"annnarrow000001", annID, model.TokenTypeAPI, []string{"tokens:write", "account:read"}, 0}

func narrowTokenApp(t testing.TB) *tests.TestApp {
	app := newTestApp(t)
	if err := seedToken(app, narrowToken); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestTokensRevoke(t *testing.T) {
	t.Parallel()

	var scenarios []tests.ApiScenario
	for _, url := range []string{"/api/profile/api-tokens/", "/admin/profile/api-tokens/"} {
		scenarios = append(scenarios,
			tests.ApiScenario{
				Name:            url + " guest",
				Method:          http.MethodDelete,
				URL:             url + annPATRead.id,
				ExpectedStatus:  401,
				ExpectedContent: []string{`"message":"Unauthenticated."`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " another user's token is 404",
				Method:          http.MethodDelete,
				URL:             url + annPATRead.id,
				Headers:         bobLogin.bearer(),
				ExpectedStatus:  404,
				ExpectedContent: []string{`"message":"The requested resource was not found."`},
				ExpectedEvents:  map[string]int{"OnModelDelete": 0},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " a device is not a personal access token",
				Method:          http.MethodDelete,
				URL:             url + annLogin2.id,
				Headers:         annLogin.bearer(),
				ExpectedStatus:  404,
				ExpectedContent: []string{`"success":false`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " revoked: refused on the next request",
				Method:          http.MethodDelete,
				URL:             url + annPATRead.id,
				Headers:         annLogin.bearer(),
				ExpectedStatus:  200,
				ExpectedContent: []string{`"message":"API token revoked successfully!"`},
				ExpectedEvents:  map[string]int{"OnModelDelete": 1},
				TestAppFactory:  newTestApp,
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
					if verified(app, annPATRead.plain(), time.Now()) != nil {
						t.Fatal("revoked token accepted")
					}
				},
			},
		)
	}
	scenarios = append(scenarios,
		tests.ApiScenario{
			Name:            "revoke all with a wrong password",
			Method:          http.MethodDelete,
			URL:             "/api/profile/api-tokens",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"password":"wrong"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"password":["The password is incorrect."]`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !tokenExists(t, app, annPATRead.id) {
					t.Fatal("nothing may be revoked")
				}
			},
		},
		tests.ApiScenario{
			Name:            "revoke all: personal access tokens go, devices stay",
			Method:          http.MethodDelete,
			URL:             "/admin/profile/api-tokens",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"password":"` + fixturePassword + `"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"message":"All API tokens revoked successfully!"`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if tokenExists(t, app, annPATRead.id) || tokenExists(t, app, annPATAll.id) {
					t.Error("personal access tokens must be revoked")
				}
				if !tokenExists(t, app, annLogin.id) || !tokenExists(t, app, annLogin2.id) {
					t.Error("devices stay")
				}
			},
		},
	)
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
