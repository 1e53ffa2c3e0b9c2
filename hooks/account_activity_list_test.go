package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

// withEvents is a test app where Ann has 25 events and Bob one.
func withEvents(t testing.TB) func(testing.TB) *tests.TestApp {
	_, factory := preparedApp(t, func(app *tests.TestApp) {
		for i := range 25 {
			ev := model.Event{Action: model.ActionLogin, UserID: annID, IP: "192.0.2.1", Details: map[string]any{"n": i}}
			if err := model.Audit(app, ev); err != nil {
				t.Fatal(err)
			}
		}
		if err := model.Audit(app, model.Event{Action: model.ActionLogout, UserID: bobID, IP: "203.0.113.9"}); err != nil {
			t.Fatal(err)
		}
	})
	return factory
}

func TestAccountActivityList(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodGet,
			URL:             "/api/account/activity",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:               "first page: newest first, twenty, only the caller's",
			Method:             http.MethodGet,
			URL:                "/api/account/activity",
			Headers:            annLogin.bearer(),
			ExpectedStatus:     200,
			ExpectedContent:    []string{`"message":"Account activity!"`, `"page":1`, `"per_page":20`, `"total_items":25`, `"total_pages":2`, `"details":{"n":24}`, `"actor":"user"`},
			NotExpectedContent: []string{`"details":{"n":4}`, `203.0.113.9`},
			TestAppFactory:     withEvents(t),
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				body := string(readAll(t, res))
				if strings.Index(body, `"n":24`) > strings.Index(body, `"n":23`) {
					t.Fatal("not newest first")
				}
				if n := strings.Count(body, `"action":"login"`); n != 20 {
					t.Fatalf("%d items", n)
				}
			},
		},
		{
			Name:               "second page",
			Method:             http.MethodGet,
			URL:                "/api/account/activity?page=2&per_page=20",
			Headers:            annLogin.bearer(),
			ExpectedStatus:     200,
			ExpectedContent:    []string{`"page":2`, `"details":{"n":4}`, `"details":{"n":0}`},
			NotExpectedContent: []string{`"details":{"n":5}`},
			TestAppFactory:     withEvents(t),
		},
		{
			Name:               "Bob sees his own only",
			Method:             http.MethodGet,
			URL:                "/api/account/activity",
			Headers:            bobLogin.bearer(),
			ExpectedStatus:     200,
			ExpectedContent:    []string{`"total_items":1`, `"action":"logout"`},
			NotExpectedContent: []string{`"action":"login"`},
			TestAppFactory:     withEvents(t),
		},
		{
			Name:            "per_page above 100",
			Method:          http.MethodGet,
			URL:             "/api/account/activity?per_page=101",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"per_page":["The per page field must be between 1 and 100."]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "page not a number",
			Method:          http.MethodGet,
			URL:             "/api/account/activity?page=abc",
			Headers:         annLogin.bearer(),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"page":["The page field must be a whole number."]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "needs account:read",
			Method:          http.MethodGet,
			URL:             "/api/account/activity",
			Headers:         map[string]string{"Authorization": "Bearer " + annPATRead.plain()},
			ExpectedStatus:  200,
			TestAppFactory:  newTestApp,
			ExpectedContent: []string{`"total_items":0`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
