package hooks

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"golang.org/x/crypto/bcrypt"

	"github.com/authappliance/appliance/hooks/model"
)

// TestDatabaseFailuresAreNotNotFound: when a lookup fails for a reason
// other than a missing row, the answer is a 500, never the "not found"
// answer of the route (API.md §10).
func TestDatabaseFailuresAreNotNotFound(t *testing.T) {
	t.Parallel()

	dropTable := func(table string) func(*tests.TestApp) {
		return func(app *tests.TestApp) {
			if _, err := app.DB().NewQuery("DROP TABLE " + table).Execute(); err != nil {
				t.Fatal(err)
			}
		}
	}
	serverError := []string{`"success":false`, `"message":"Something went wrong! Please try again."`}

	var scenarios []tests.ApiScenario
	{
		_, factory := preparedApp(t, dropTable("users"))
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "login",
			Method:          http.MethodPost,
			URL:             "/api/login",
			Body:            jsonBody(`{"email":"ann@example.com","password":"` + fixturePassword + `"}`),
			ExpectedStatus:  500,
			ExpectedContent: serverError,
			TestAppFactory:  factory,
		})
	}
	{
		_, factory := preparedApp(t, dropTable("password_resets"))
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "password reset",
			Method:          http.MethodPost,
			URL:             "/api/password/reset/sometoken",
			Body:            jsonBody(`{"email":"ann@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`),
			ExpectedStatus:  500,
			ExpectedContent: serverError,
			TestAppFactory:  factory,
		})
	}
	{
		app := newTestApp(t)
		link := mustSign(t, app, verificationPath(mustUser(t, app, unverifID)), url.Values{}, time.Now())
		dropTable("users")(app)
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "verify email",
			Method:          http.MethodGet,
			URL:             link,
			ExpectedStatus:  500,
			ExpectedContent: serverError,
			TestAppFactory:  func(testing.TB) *tests.TestApp { return app },
		})
	}
	{
		app := newTestApp(t)
		link := mustSign(t, app, "/api/verify-new-email", url.Values{"user": {annID}, "email": {"new@example.com"}}, time.Now())
		dropTable("users")(app)
		scenarios = append(scenarios, tests.ApiScenario{
			Name:            "confirm new email",
			Method:          http.MethodGet,
			URL:             link,
			ExpectedStatus:  500,
			ExpectedContent: serverError,
			TestAppFactory:  func(testing.TB) *tests.TestApp { return app },
		})
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// TestEmailFreeFailsLoudly: the uniqueness rule reports a failed lookup
// as an internal error, which validateForm returns as it is.
func TestEmailFreeFailsLoudly(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	defer app.Cleanup()
	if _, err := app.DB().NewQuery("DROP TABLE users").Execute(); err != nil {
		t.Fatal(err)
	}
	form := &registerForm{app: app, Name: "Zed", Email: "zed@example.com", Password: "tulip-harbor-91", PasswordConfirmation: "tulip-harbor-91"}
	err := form.validate()
	if err == nil {
		t.Fatal("a failed lookup passed as a free email")
	}
	if status := classify(err).status; status != http.StatusInternalServerError {
		t.Fatalf("a failed lookup answers %d, want 500", status)
	}
}

// TestDummyPasswordCheckUsesTheCollectionsCost: an unknown email costs a
// bcrypt check at the users collection's own cost.
func TestDummyPasswordCheckUsesTheCollectionsCost(t *testing.T) {
	t.Parallel()
	app := newTestApp(t)
	defer app.Cleanup()
	users, err := app.FindCollectionByNameOrId(model.UsersCollection)
	if err != nil {
		t.Fatal(err)
	}
	for _, cost := range []int{5, 6} {
		users.Fields.GetByName("password").(*core.PasswordField).Cost = cost
		if err := app.Save(users); err != nil {
			t.Fatal(err)
		}
		if err := dummyPasswordCheck(app, "guess"); err != nil {
			t.Fatal(err)
		}
		d := app.Store().Get(dummyUserStoreKey).(dummyUser)
		hash := d.user.GetRaw("password").(*core.PasswordFieldValue).Hash
		got, err := bcrypt.Cost([]byte(hash))
		if err != nil || got != cost {
			t.Fatalf("dummy check at cost %d (%v), want the collection's %d", got, err, cost)
		}
	}
}
