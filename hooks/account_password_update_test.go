package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestAccountPasswordUpdate(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodPost,
			URL:             "/api/account/password",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:           "empty body",
			Method:         http.MethodPost,
			URL:            "/api/account/password",
			Headers:        annLogin.bearer(),
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"current_password":["The current password field is required."]`,
				`"new_password":["The new password field is required."]`,
			},
			TestAppFactory: newTestApp,
		},
		{
			Name:            "a wrong current password is a 422 on current_password",
			Method:          http.MethodPost,
			URL:             "/api/account/password",
			Headers:         annLogin.bearer(),
			Body:            jsonBody(`{"current_password":"wrong","new_password":"another-password","new_password_confirmation":"another-password"}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"current_password":["The current password is incorrect."]`},
			ExpectedEvents:  map[string]int{"OnModelUpdate": 0},
			TestAppFactory:  newTestApp,
		},
		{
			Name:           "success: other login tokens revoked, this one and personal access tokens stay",
			Method:         http.MethodPost,
			URL:            "/api/account/password",
			Headers:        annLogin.bearer(),
			Body:           jsonBody(`{"current_password":"` + fixturePassword + `","new_password":"another-password","new_password_confirmation":"another-password"}`),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"message":"Your password has been updated successfully."`,
			},
			TestAppFactory: newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if !mustUser(t, app, annID).ValidatePassword("another-password") {
					t.Error("new password not set")
				}
				if tokenExists(t, app, annLogin2.id) {
					t.Error("other login tokens must be revoked")
				}
				if !tokenExists(t, app, annLogin.id) || !tokenExists(t, app, annPATAll.id) {
					t.Error("the current token and personal access tokens stay")
				}
			},
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}
