package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// TestBodiesThatAreNotObjects sends every kind of non-object body to every
// route that reads one: each is a 400 with the body message, never a 500,
// and nothing changes.
func TestBodiesThatAreNotObjects(t *testing.T) {
	t.Parallel()

	routes := []struct{ method, url string }{
		{http.MethodPost, "/api/register"},
		{http.MethodPost, "/api/login"},
		{http.MethodPost, "/api/password/forgot"},
		{http.MethodPost, "/api/password/reset/abc"},
		{http.MethodPatch, "/api/account/profile"},
		{http.MethodPatch, "/api/account/email"},
		{http.MethodPost, "/api/account/password"},
		{http.MethodPatch, "/api/account/suspend"},
		{http.MethodDelete, "/api/active-device"},
		{http.MethodPost, "/api/profile/api-tokens"},
		{http.MethodDelete, "/api/profile/api-tokens"},
		{http.MethodPost, "/admin/profile/api-tokens"},
		{http.MethodPost, "/api/keys"},
	}
	for _, r := range routes {
		for _, body := range []string{`null`, `[]`, `[{"name":"x"}]`, `42`, `"text"`, `true`, `{"name":`, `{"name":"a"} {"name":"b"}`} {
			scenario := tests.ApiScenario{
				Name:            r.method + " " + r.url + " " + body,
				Method:          r.method,
				URL:             r.url,
				Headers:         annLogin.bearer(),
				Body:            jsonBody(body),
				ExpectedStatus:  400,
				ExpectedContent: []string{`"success":false`, `"message":"The request body could not be read. Send JSON or form data."`},
				ExpectedEvents:  map[string]int{"OnModelCreate": 0, "OnModelUpdate": 0, "OnModelDelete": 0},
				TestAppFactory:  newTestApp,
			}
			scenario.Test(t)
		}
	}
}

func TestFieldsOfTheWrongType(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "a number for a string: 422 on that field",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"name":123}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"errors":{"name":["The name field must be a string."]}`},
			ExpectedEvents:  map[string]int{"OnModelCreate": 0},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "a string for a list: 422 on that field",
			Method:          http.MethodPost,
			URL:             "/api/profile/api-tokens",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"name":"ci","abilities":"x"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"errors":{"abilities":["The abilities field must be a list."]}`},
			ExpectedEvents:  map[string]int{"OnModelCreate": 0},
			TestAppFactory:  newTestApp,
		},
		{
			Name:           "every wrong field is named",
			Method:         http.MethodPost,
			URL:            "/api/register",
			Body:           jsonBody(`{"name":{"a":1},"email":["x"],"password":true,"password_confirmation":null}`),
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"name":["The name field must be a string."]`,
				`"email":["The email field must be a string."]`,
				`"password":["The password field must be a string."]`,
			},
			NotExpectedContent: []string{`password_confirmation`},
			ExpectedEvents:     map[string]int{"OnModelCreate": 0},
			TestAppFactory:     newTestApp,
		},
		{
			Name:            "form-encoded abilities, comma-separated",
			Method:          http.MethodPost,
			URL:             "/api/profile/api-tokens",
			Headers:         map[string]string{"Authorization": annLogin.bearer()["Authorization"], "Content-Type": "application/x-www-form-urlencoded"},
			Body:            strings.NewReader("name=ci&abilities=account:read,+devices:read"),
			ExpectedStatus:  201,
			ExpectedContent: []string{`"abilities":["account:read","devices:read"]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "form-encoded abilities, repeated",
			Method:          http.MethodPost,
			URL:             "/api/profile/api-tokens",
			Headers:         map[string]string{"Authorization": annLogin.bearer()["Authorization"], "Content-Type": "application/x-www-form-urlencoded"},
			Body:            strings.NewReader("name=ci&abilities=account:read&abilities=devices:read"),
			ExpectedStatus:  201,
			ExpectedContent: []string{`"abilities":["account:read","devices:read"]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "an empty body is an empty object",
			Method:          http.MethodPost,
			URL:             "/api/keys",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"errors":{"name":["The name field is required."]}`},
			TestAppFactory:  newTestApp,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
