package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestDashboardShow(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodGet,
			URL:             "/api/dashboard",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "unverified",
			Method:          http.MethodGet,
			URL:             "/api/dashboard",
			Headers:         unverifLogin.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your email address is not verified."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "inactive may not",
			Method:          http.MethodGet,
			URL:             "/api/dashboard",
			Headers:         inactiveLogin.bearer(),
			ExpectedStatus:  403,
			ExpectedContent: []string{`"message":"Your account is inactive. Reactivate it to continue."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:           "counts of the caller's credentials",
			Method:         http.MethodGet,
			URL:            "/api/dashboard",
			Headers:        annLogin.bearer(),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"success":true`,
				`"devices":3`,
				`"tokens":2`,
				`"keys":0`,
			},
			TestAppFactory: newTestApp,
		},
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
