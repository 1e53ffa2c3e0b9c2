package hooks

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/authappliance/appliance/hooks/model"
)

// The request log never sees a reset token or a link signature: what the
// activity logger reads after the handler is a redacted URL.
func TestSecretsStayOutOfTheRequestLog(t *testing.T) {
	t.Parallel()

	for _, c := range []struct {
		name    string
		method  string
		url     func(app *tests.TestApp) (string, string) // URL and the secret in it
		status  int
		content string
	}{
		{"reset token in the path", http.MethodPost, func(app *tests.TestApp) (string, string) {
			token, err := model.CreatePasswordReset(app, mustUser(t, app, annID))
			if err != nil {
				t.Fatal(err)
			}
			return "/api/password/reset/" + token, token
		}, 422, `"email":["The email field is required."]`},
		{"signature of a verification link", http.MethodGet, func(app *tests.TestApp) (string, string) {
			link := mustSign(t, app, verificationPath(mustUser(t, app, unverifID)), url.Values{}, time.Now())
			u, _ := url.Parse(link)
			return link, u.Query().Get("signature")
		}, 200, `"message":"Your email has been successfully verified!"`},
		{"reset token on the reset page", http.MethodGet, func(*tests.TestApp) (string, string) {
			return "/reset-password?token=s3cr3tT0k3nValue&email=ann%40example.com", "s3cr3tT0k3nValue"
		}, 200, `<div id="app">`},
		{"reset token in the Referer of the page's own request", http.MethodGet, func(*tests.TestApp) (string, string) {
			return "/account?token=refererS3cr3t", "refererS3cr3t"
		}, 200, `<div id="app">`},
		{"live reset token with the wrong method", http.MethodGet, func(app *tests.TestApp) (string, string) {
			token, err := model.CreatePasswordReset(app, mustUser(t, app, annID))
			if err != nil {
				t.Fatal(err)
			}
			return "/api/password/reset/" + token, token
		}, 405, `"success":false`},
		{"live reset token with a trailing slash", http.MethodPost, func(app *tests.TestApp) (string, string) {
			token, err := model.CreatePasswordReset(app, mustUser(t, app, annID))
			if err != nil {
				t.Fatal(err)
			}
			return "/api/password/reset/" + token + "/", token
		}, 404, `"success":false`},
		{"a short token after /password/reset/", http.MethodPost, func(*tests.TestApp) (string, string) {
			return "/api/password/reset/shortT0k", "shortT0k"
		}, 422, `"success":false`},
		{"reset token posted to the page", http.MethodPost, func(*tests.TestApp) (string, string) {
			return "/reset-password?token=p0stedS3cr3t", "p0stedS3cr3t"
		}, 404, ""},
		{"secret on any URL", http.MethodGet, func(*tests.TestApp) (string, string) {
			return "/api/health?Secret=anyS3cr3tValue", "anyS3cr3tValue"
		}, 200, ""},
		{"password on PocketBase's records API", http.MethodGet, func(*tests.TestApp) (string, string) {
			return "/api/collections/users/records?password=hunter2hunter2", "hunter2hunter2"
		}, 200, ""},
		{"a token string in an unknown path", http.MethodGet, func(*tests.TestApp) (string, string) {
			return "/api/nothing/" + annLogin.plain(), annLogin.secret()
		}, 404, `"success":false`},
	} {
		var logged string
		app, factory := preparedApp(t, func(*tests.TestApp) {})
		target, secret := c.url(app)
		scenario := tests.ApiScenario{
			Name:            c.name,
			Method:          c.method,
			URL:             target,
			Body:            jsonBody(`{}`),
			Headers:         map[string]string{"Referer": "http://127.0.0.1:8090" + target},
			ExpectedStatus:  c.status,
			ExpectedContent: []string{c.content},
			TestAppFactory:  factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				// stands where the activity logger stands, just outside it
				e.Router.Bind(&hook.Handler[*core.RequestEvent]{
					Priority: apis.DefaultActivityLoggerMiddlewarePriority - 1,
					Func: func(re *core.RequestEvent) error {
						err := re.Next()
						logged = re.Request.URL.RequestURI() + " " + re.Request.Header.Get("Referer")
						return err
					},
				})
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if logged == "" || strings.Contains(logged, secret) || !strings.Contains(logged, "redacted") {
					t.Errorf("the log would see %q", logged)
				}
			},
		}
		scenario.Test(t)
	}
}
