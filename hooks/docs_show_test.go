package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestReferenceIsServed(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "the OpenAPI document, as a plain JSON object",
			Method:          http.MethodGet,
			URL:             "/api/openapi.json",
			ExpectedStatus:  200,
			ExpectedContent: []string{`"openapi":"3.1.0"`, `"/api/account/two-factor"`, `"x-ability":"tokens:write"`, `"bearerToken"`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "the readable reference at /docs, with the pages' headers",
			Method:          http.MethodGet,
			URL:             "/docs",
			ExpectedStatus:  200,
			ExpectedContent: []string{"<title>Auth appliance API</title>", `href="/docs.css"`, "/api/password/reset/{token}", "ability <code>keys:write</code>"},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if res.Header.Get("Content-Security-Policy") == "" {
					t.Error("/docs has no CSP")
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
