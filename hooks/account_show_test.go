package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestAccountShow(t *testing.T) {
	t.Parallel()

	var scenarios []tests.ApiScenario
	for _, url := range []string{"/api/account", "/api/profile"} {
		scenarios = append(scenarios,
			tests.ApiScenario{
				Name:            url + " guest",
				Method:          http.MethodGet,
				URL:             url,
				ExpectedStatus:  401,
				ExpectedContent: []string{`"message":"Unauthenticated."`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " malformed token (bad checksum)",
				Method:          http.MethodGet,
				URL:             url,
				Headers:         map[string]string{"Authorization": "Bearer " + annLogin.plain()[:30] + "x" + annLogin.plain()[31:]},
				ExpectedStatus:  401,
				ExpectedContent: []string{`"message":"Unauthenticated."`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " expired token",
				Method:          http.MethodGet,
				URL:             url,
				Headers:         annExpired.bearer(),
				ExpectedStatus:  401,
				ExpectedContent: []string{`"message":"Your session has expired. Please sign in again."`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " unverified email",
				Method:          http.MethodGet,
				URL:             url,
				Headers:         unverifLogin.bearer(),
				ExpectedStatus:  403,
				ExpectedContent: []string{`"message":"Your email address is not verified."`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " suspended",
				Method:          http.MethodGet,
				URL:             url,
				Headers:         suspendLogin.bearer(),
				ExpectedStatus:  403,
				ExpectedContent: []string{`"message":"Your account has been suspended."`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " inactive may read its account",
				Method:          http.MethodGet,
				URL:             url,
				Headers:         inactiveLogin.bearer(),
				ExpectedStatus:  200,
				ExpectedContent: []string{`"status":"inactive"`},
				TestAppFactory:  newTestApp,
			},
			tests.ApiScenario{
				Name:           url + " a bare secret without id works too",
				Method:         http.MethodGet,
				URL:            url,
				Headers:        map[string]string{"Authorization": "bearer " + annLogin.secret()},
				ExpectedStatus: 200,
				ExpectedContent: []string{
					`"id":"` + annID + `"`,
				},
				TestAppFactory: newTestApp,
			},
			tests.ApiScenario{
				Name:           url + " success",
				Method:         http.MethodGet,
				URL:            url,
				Headers:        annPATRead.bearer(),
				ExpectedStatus: 200,
				ExpectedContent: []string{
					`"success":true`,
					`"message":"User profile details!"`,
					`"data":{"id":"` + annID + `","name":"Ann","email":"ann@example.com","email_verified_at":"`,
					`Z","status":"active","two_factor_enabled":false,"locale":"en","profile":{`,
					`"errors":[]`,
				},
				ExpectedEvents: map[string]int{"OnModelUpdate": 0, "OnModelCreate": 0},
				TestAppFactory: newTestApp,
			},
			tests.ApiScenario{
				Name:            url + " another user's token answers that user",
				Method:          http.MethodGet,
				URL:             url,
				Headers:         bobLogin.bearer(),
				ExpectedStatus:  200,
				ExpectedContent: []string{`"id":"` + bobID + `"`},
				NotExpectedContent: []string{
					annID,
				},
				TestAppFactory: newTestApp,
			},
		)
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
