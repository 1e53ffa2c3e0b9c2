package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

func TestAuthRegister(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:           "empty body names every field",
			Method:         http.MethodPost,
			URL:            "/api/register",
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"success":false`,
				`"message":"The name field is required. (and 2 more errors)"`,
				`"errors":{"name":["The name field is required."],"email":["The email field is required."],"password":["The password field is required."]}`,
				`"data":null`,
				`"name":["The name field is required."]`,
				`"email":["The email field is required."]`,
				`"password":["The password field is required."]`,
			},
			ExpectedEvents: map[string]int{"OnModelCreate": 0},
			TestAppFactory: newTestApp,
		},
		{
			Name:           "blank strings count as missing, bad email, short and unconfirmed password",
			Method:         http.MethodPost,
			URL:            "/api/register",
			Body:           jsonBody(`{"name":"   ","email":"not-an-email","password":"short","password_confirmation":"other"}`),
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"name":["The name field is required."]`,
				`"email":["The email field must be a valid email address."]`,
				`"password":["The password field must be between 8 and 64 characters."]`,
			},
			ExpectedEvents: map[string]int{"OnModelCreate": 0},
			TestAppFactory: newTestApp,
		},
		{
			Name:           "an email already taken, in another case",
			Method:         http.MethodPost,
			URL:            "/api/register",
			Body:           jsonBody(`{"name":"Ann 2","email":"ANN@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`),
			ExpectedStatus: 422,
			ExpectedContent: []string{
				`"email":["The email has already been taken."]`,
			},
			NotExpectedContent: []string{`"name":`, `"password":`},
			ExpectedEvents:     map[string]int{"OnModelCreate": 0},
			TestAppFactory:     newTestApp,
		},
		{
			Name:            "malformed JSON",
			Method:          http.MethodPost,
			URL:             "/api/register",
			Body:            jsonBody(`{"name":`),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"success":false`, `"message":"The request body could not be read. Send JSON or form data."`, `"errors":[]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "body over the limit",
			Method:          http.MethodPost,
			URL:             "/api/register",
			Body:            jsonBody(`{"name":"` + strings.Repeat("a", maxBodySize) + `"}`),
			ExpectedStatus:  413,
			ExpectedContent: []string{`"success":false`, `"message":"The request body is too large."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:   "success: account, hashed login token, verification mail",
			Method: http.MethodPost,
			URL:    "/api/register",
			Body:   jsonBody(`{"name":" Zoe ","email":" Zoe@Example.COM ","password":" spaces kept ","password_confirmation":" spaces kept ","device_name":"Zoe's phone"}`),
			Headers: map[string]string{
				"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
			},
			ExpectedStatus: 201,
			ExpectedContent: []string{
				`"success":true`,
				`"message":"Account created successfully! Please check your email to verify your account."`,
				`"name":"Zoe"`,
				`"email":"zoe@example.com"`,
				`"email_verified_at":null`,
				`"status":"active"`,
				`"profile":{"profile_picture":null,"mobile":null,"address":null,"dob":null,"gender":null,"bio":null}`,
				`"token":"`,
				`"errors":[]`,
			},
			ExpectedEvents: map[string]int{"OnModelCreate": 4}, // user, login token, known sign-in, audit event,
			TestAppFactory: newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				user, err := model.FindUserByEmail(app, "zoe@example.com")
				if err != nil {
					t.Fatal(err)
				}
				if !user.ValidatePassword(" spaces kept ") {
					t.Error("the password must be kept as sent, spaces included")
				}
				tokens, err := model.FindUserTokens(app, user.Id, model.TokenTypeLogin)
				if err != nil || len(tokens) != 1 {
					t.Fatalf("want one login token, got %d (%v)", len(tokens), err)
				}
				tok := tokens[0]
				if tok.Name() != "Zoe's phone" {
					t.Errorf("token name = %q", tok.Name())
				}
				if a := tok.Attributes(); a.Browser != "Firefox" || a.Platform != "Linux" || a.DeviceName != "Desktop" {
					t.Errorf("attributes = %+v", a)
				}
				if h := tok.GetString("token_hash"); len(h) != 64 {
					t.Errorf("token hash %q is not a SHA-256", h)
				}

				if app.TestMailer.TotalSend() != 1 {
					t.Fatalf("want 1 mail, got %d", app.TestMailer.TotalSend())
				}
				msg := app.TestMailer.LastMessage()
				if msg.To[0].Address != "zoe@example.com" || !strings.Contains(msg.HTML, "/api/verify-email/"+user.Id+"/") {
					t.Errorf("unexpected verification mail to %v: %s", msg.To, msg.Text)
				}
			},
		},
		{
			Name:           "form-encoded body",
			Method:         http.MethodPost,
			URL:            "/api/register",
			Body:           strings.NewReader("name=Yan&email=yan%40example.com&password=tulip-harbor-91&password_confirmation=tulip-harbor-91"),
			Headers:        map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			ExpectedStatus: 201,
			ExpectedContent: []string{
				`"email":"yan@example.com"`,
			},
			ExpectedEvents: nil,
			TestAppFactory: newTestApp,
		},
	}

	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// The public sign-up of PocketBase's own records API is closed.
func TestPocketBaseSignUpClosed(t *testing.T) {
	t.Parallel()

	scenario := tests.ApiScenario{
		Method:          http.MethodPost,
		URL:             "/api/collections/users/records",
		Body:            jsonBody(`{"email":"x@example.com","password":"password123","passwordConfirm":"password123"}`),
		ExpectedStatus:  403,
		ExpectedContent: []string{`"status":403`},
		ExpectedEvents:  map[string]int{"OnModelCreate": 0},
		TestAppFactory:  newTestApp,
	}
	scenario.Test(t)

	login := tests.ApiScenario{
		Method:         http.MethodPost,
		URL:            "/api/collections/users/auth-with-password",
		Body:           jsonBody(`{"identity":"sam@example.com","password":"` + fixturePassword + `"}`),
		ExpectedStatus: 403,
		ExpectedContent: []string{
			`"status":403`,
		},
		NotExpectedContent: []string{`"token"`},
		ExpectedEvents:     nil,
		TestAppFactory:     newTestApp,
	}
	login.Test(t)
}
