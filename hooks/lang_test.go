package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"golang.org/x/text/language"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// TestEveryLanguageEveryWay sends each language through ?lang=,
// Accept-Language and the user's saved locale, and checks the message,
// Content-Language and the subject of a mail (API.md §12).
func TestEveryLanguageEveryWay(t *testing.T) {
	t.Parallel()

	for _, code := range []string{"en", "bn", "es", "ar"} {
		lang := language.MustParse(code)
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			app := newTestApp(t)
			defer app.Cleanup()
			server := testServer(t, app)
			invalidLogin := i18n.Text(lang, i18n.InvalidLogin, nil)
			wrong := `{"email":"ann@example.com","password":"not-the-password"}`

			expect := func(how string, rec interface {
				Result() *http.Response
			}, body, want string) {
				t.Helper()
				res := rec.Result()
				if !strings.Contains(body, `"message":"`+want+`"`) || res.Header.Get("Content-Language") != code {
					t.Errorf("%s: Content-Language %q, body %s; want %s %q", how, res.Header.Get("Content-Language"), body, code, want)
				}
			}
			rec := call(server, "POST", "/api/login?lang="+code, wrong, nil)
			expect("?lang=", rec, rec.Body.String(), invalidLogin)
			rec = call(server, "POST", "/api/login", wrong, map[string]string{"Accept-Language": code + "-XX," + code + ";q=0.9,en;q=0.1"})
			expect("Accept-Language", rec, rec.Body.String(), invalidLogin)

			// the saved locale: answers to a request that names no language,
			// and the mails, even when a request without the user sends them
			ann := mustUser(t, app, annID)
			ann.Set("locale", code)
			if err := app.Save(ann); err != nil {
				t.Fatal(err)
			}
			rec = call(server, "GET", "/api/account", "", annLogin.bearer())
			expect("saved locale", rec, rec.Body.String(), i18n.Text(lang, i18n.UserProfile, nil))
			rec = call(server, "GET", "/api/keys", "", annPATRead.bearer()) // a refusal, after the guard knows the user
			expect("saved locale, refused", rec, rec.Body.String(), i18n.Text(lang, i18n.MissingAbility, nil))

			mustStatus(t, call(server, "POST", "/api/password/forgot", `{"email":"ann@example.com"}`, map[string]string{"Accept-Language": "fr"}).Code, 200)
			mail := lastMailTo(t, app, "ann@example.com")
			if mail.Subject != i18n.Text(lang, i18n.MailResetSubject, nil) {
				t.Errorf("reset mail subject %q, want the %s one", mail.Subject, code)
			}
			if wantDir := `dir="` + i18n.Dir(lang) + `"`; !strings.Contains(mail.HTML, wantDir) || !strings.Contains(mail.HTML, `lang="`+code+`"`) {
				t.Errorf("the mail's HTML is not marked %s, %s", code, wantDir)
			}
			if !strings.Contains(mail.Text, i18n.Plural(lang, i18n.Minutes, 60, nil)) {
				t.Errorf("the mail does not say 60 minutes the %s way: %s", code, mail.Text)
			}

			// ?lang= wins over the saved locale
			other := "es"
			if code == "es" {
				other = "ar"
			}
			rec = call(server, "GET", "/api/account?lang="+other, "", annLogin.bearer())
			if rec.Header().Get("Content-Language") != other {
				t.Errorf("?lang=%s did not win over the saved %s", other, code)
			}
		})
	}
}

// Translated sentences read with translated field names.
func TestFieldNamesAreTranslated(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "Spanish",
			Method:          http.MethodPost,
			URL:             "/api/password/forgot?lang=es",
			Body:            jsonBody(`{}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"errors":{"email":["El campo correo electrónico es obligatorio."]}`, `"message":"El campo correo electrónico es obligatorio."`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "Arabic",
			Method:          http.MethodPost,
			URL:             "/api/password/forgot",
			Headers:         map[string]string{"Accept-Language": "ar-EG"},
			Body:            jsonBody(`{}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"email":["حقل البريد الإلكتروني مطلوب."]`},
			TestAppFactory:  newTestApp,
		},
		{
			Name:            "Bengali",
			Method:          http.MethodPost,
			URL:             "/api/password/forgot?lang=bn",
			Body:            jsonBody(`{}`),
			ExpectedStatus:  422,
			ExpectedContent: []string{`"email":["ইমেইল ঘরটি আবশ্যক।"]`},
			TestAppFactory:  newTestApp,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// TestValidationMessage: a 422's message is its first error, plus
// "(and N more error(s))" in the request's language, as Laravel says it.
func TestValidationMessage(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	cases := []struct {
		url, body, want string
	}{
		{"/api/password/forgot", `{}`, "The email field is required."},
		{"/api/register", `{"name":"Zed","email":"zed@example.com","password":"tulip-harbor-91"}`,
			"The password field confirmation does not match."},
		{"/api/register", `{"name":"Zed"}`, "The email field is required. (and 1 more error)"},
		{"/api/register", `{}`, "The name field is required. (and 2 more errors)"},
		{"/api/register?lang=es", `{}`, "El campo nombre es obligatorio. " + i18n.Plural(language.Spanish, i18n.MoreErrors, 2, nil)},
		{"/api/register?lang=ar", `{"name":"Zed"}`, i18n.Text(language.Arabic, i18n.ValidationRequired, map[string]string{"field": "البريد الإلكتروني"}) +
			" " + i18n.Plural(language.Arabic, i18n.MoreErrors, 1, nil)},
	}
	for _, c := range cases {
		rec := call(server, "POST", c.url, c.body, nil)
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `"message":"`+c.want+`"`) {
			t.Errorf("%s %s: %d %s, want %q", c.url, c.body, rec.Code, rec.Body, c.want)
		}
	}
}

// TestErrorsComeInRequestOrder: the keys of errors follow the request's
// fields, then the form's, and never change between identical requests.
func TestErrorsComeInRequestOrder(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	keysOf := func(body string, form bool) string {
		headers := map[string]string(nil)
		if form {
			headers = map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
		}
		rec := call(server, "POST", "/api/register", body, headers)
		raw := rec.Body.String()
		return raw[strings.Index(raw, `"errors":{`):]
	}
	long := strings.Repeat("x", 300)
	forward := `{"device_name":"` + long + `","password":"short","email":"not-an-email","name":"` + long + `"}`
	first := keysOf(forward, false)
	for range 20 {
		if again := keysOf(forward, false); again != first {
			t.Fatalf("two identical requests answered differently:\n%s\n%s", first, again)
		}
	}
	order := func(errs string, fields ...string) bool {
		last := -1
		for _, f := range fields {
			i := strings.Index(errs, `"`+f+`":[`)
			if i < last {
				return false
			}
			last = i
		}
		return true
	}
	if !order(first, "device_name", "password", "email", "name") {
		t.Errorf("not in the request's order: %s", first)
	}
	reversed := keysOf(`{"name":"`+long+`","email":"not-an-email","password":"short","device_name":"`+long+`"}`, false)
	if !order(reversed, "name", "email", "password", "device_name") {
		t.Errorf("not in the request's order: %s", reversed)
	}
	// form-encoded bodies keep their order too; a missing field comes after
	// the sent ones, in the form's order
	formBody := keysOf("password=short&email=not-an-email", true)
	if !order(formBody, "password", "email", "name") {
		t.Errorf("form body not in the request's order: %s", formBody)
	}
}

// TestLocaleIsSavedAndChanged: register saves the request's language as
// the user's locale; the profile route changes it.
func TestLocaleIsSavedAndChanged(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	body := `{"name":"Rahim","email":"rahim@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`
	rec := call(server, "POST", "/api/register", body, map[string]string{"Accept-Language": "bn-BD,bn;q=0.9"})
	mustStatus(t, rec.Code, 201)
	if !strings.Contains(rec.Body.String(), `"locale":"bn"`) || rec.Header().Get("Content-Language") != "bn" {
		t.Fatalf("register: %s", rec.Body)
	}
	rahim, err := model.FindUserByEmail(app, "rahim@example.com")
	if err != nil || rahim.Locale() != "bn" {
		t.Fatalf("the saved locale: %v %q", err, rahim.Locale())
	}
	if mail := lastMailTo(t, app, "rahim@example.com"); mail.Subject != i18n.Text(language.Bengali, i18n.MailVerifySubject, nil) {
		t.Errorf("the verification mail is not in Bengali: %q", mail.Subject)
	}

	rec = call(server, "PATCH", "/api/account/profile", `{"locale":"es-MX"}`, annLogin.bearer())
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"locale":"es"`) || mustUser(t, app, annID).Locale() != "es" {
		t.Fatalf("profile locale: %d %s", rec.Code, rec.Body)
	}
	rec = call(server, "PATCH", "/api/account/profile?lang=en", `{"locale":"xx"}`, annLogin.bearer())
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), `"locale":["The selected language is invalid."]`) {
		t.Fatalf("a bad locale: %d %s", rec.Code, rec.Body)
	}
}

func TestPageStrings(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "Arabic, right to left, with every language named in itself",
			Method:          http.MethodGet,
			URL:             "/api/i18n?lang=ar",
			ExpectedStatus:  200,
			ExpectedContent: []string{`"lang":"ar"`, `"dir":"rtl"`, `"name":"বাংলা"`, `"name":"Español"`, `"name":"العربية"`, `"page_reset_title":"`, `"email_verified":"`},
			TestAppFactory:  newTestApp,
			AfterTestFunc:   contentLanguage("ar"),
		},
		{
			Name:            "a page says its language",
			Method:          http.MethodGet,
			URL:             "/reset-password",
			Headers:         map[string]string{"Accept-Language": "es-ES"},
			ExpectedStatus:  200,
			ExpectedContent: []string{`<div id="app">`},
			TestAppFactory:  newTestApp,
			AfterTestFunc:   contentLanguage("es"),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// contentLanguage checks a scenario's Content-Language.
func contentLanguage(want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		if got := res.Header.Get("Content-Language"); got != want {
			t.Errorf("Content-Language %q, want %q", got, want)
		}
	}
}
