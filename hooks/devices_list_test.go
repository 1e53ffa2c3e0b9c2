package hooks

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestDevicesList(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodGet,
			URL:             "/api/active-device",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "revoked (unknown) token",
			Method:          http.MethodGet,
			URL:             "/api/active-device",
			Headers:         fixtureToken{id: "gone00000000001"}.bearer(),
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "unverified",
			Method:          http.MethodGet,
			URL:             "/api/active-device",
			Headers:         unverifLogin.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your email address is not verified."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a personal access token without devices:read",
			Method:          http.MethodGet,
			URL:             "/api/active-device",
			Headers:         annPATRead.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"This credential does not have the ability to perform this action."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:           "one entry per login token of the caller, the current one marked",
			Method:         http.MethodGet,
			URL:            "/api/active-device",
			Headers:        annLogin2.bearer(),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"message":"Active devices!"`,
				`"attributes":{"device_name":"Desktop","browser":"Firefox","platform":"Linux","ip_address":"127.0.0.1","user_agent":"fixture"}`,
			},
			NotExpectedContent: []string{bobLogin.id, annPATRead.id},
			TestAppFactory:     newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				var body struct {
					Data []struct {
						ID         string  `json:"id"`
						IsCurrent  bool    `json:"is_current"`
						LastUsedAt *string `json:"last_used_at"`
					} `json:"data"`
				}
				raw, _ := io.ReadAll(res.Body)
				if err := json.Unmarshal(raw, &body); err != nil {
					t.Fatalf("%v: %s", err, raw)
				}
				if len(body.Data) != 3 {
					t.Fatalf("want 3 devices, got %d", len(body.Data))
				}
				for _, d := range body.Data {
					if d.IsCurrent != (d.ID == annLogin2.id) {
						t.Errorf("device %s is_current=%v", d.ID, d.IsCurrent)
					}
					if d.ID == annLogin2.id && d.LastUsedAt == nil {
						t.Error("the current device was just used: last_used_at must be set")
					}
				}
			},
		},
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
