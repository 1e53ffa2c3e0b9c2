package hooks

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/pb_public"
)

// TestPagesAreServedWithSecurityHeaders: every page, and a missing one,
// carries the §10 headers.
func TestPagesAreServedWithSecurityHeaders(t *testing.T) {
	t.Parallel()

	for _, c := range []struct {
		url    string
		status int
	}{
		{"/", 200},
		{"/reset-password?token=abc&email=a%40b.c", 200},
		{"/verify-email?result=email_verified", 200},
		{"/account/devices", 200},
		{"/no-such-page", 200}, // the app's own "not found"
	} {
		scenario := tests.ApiScenario{
			Name:           c.url,
			Method:         http.MethodGet,
			URL:            c.url,
			ExpectedStatus: c.status,
			TestAppFactory: newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				for name, want := range pageHeaders {
					if got := res.Header.Get(name); got != want {
						t.Errorf("%s: %s = %q, want %q", c.url, name, got, want)
					}
				}
				csp := res.Header.Get("Content-Security-Policy")
				for _, part := range []string{"default-src 'self'", "frame-ancestors 'none'"} {
					if !strings.Contains(csp, part) {
						t.Errorf("CSP lacks %q", part)
					}
				}
				if strings.Contains(csp, "unsafe-inline") {
					t.Error("CSP allows inline script")
				}
			},
		}
		scenario.ExpectedContent = []string{""} // any body
		scenario.Test(t)
	}
}

// TestPagesHaveNoInlineScriptNorURLText: the CSP forbids inline script, so
// no page may rely on one; and the result page shows only texts of its
// own, chosen by a key, never one read from its URL.
func TestPagesHaveNoInlineScriptNorURLText(t *testing.T) {
	t.Parallel()

	inline := regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`)
	handlers := regexp.MustCompile(`\son[a-z]+\s*=`)
	err := fs.WalkDir(pb_public.Files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(name, ".html") {
			return err
		}
		page, _ := fs.ReadFile(pb_public.Files, name)
		if inline.Match(page) || handlers.Match(page) {
			t.Errorf("%s has an inline script or event handler", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// the app's sources render text, never HTML, and read from the URL
	// only what they look up (a token, an email, a result key)
	err = filepath.WalkDir("../web/src", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		for _, banned := range []string{"{@html", "innerHTML", `get("message")`, "localStorage.setItem(\"token"} {
			if strings.Contains(string(src), banned) {
				t.Errorf("%s uses %s", name, banned)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTheAppIsBuilt: the embedded build is there, and it is the build of
// the committed sources' entry (index.html loads one module script).
func TestTheAppIsBuilt(t *testing.T) {
	index, err := fs.ReadFile(pb_public.Files, "index.html")
	if err != nil {
		t.Fatal("pb_public/dist/index.html is missing: run ./scripts/build-web.sh")
	}
	script := regexp.MustCompile(`<script type="module" crossorigin src="/(assets/[^"]+\.js)">`).FindSubmatch(index)
	if script == nil {
		t.Fatalf("index.html loads no module script: %s", index)
	}
	if _, err := fs.Stat(pb_public.Files, string(script[1])); err != nil {
		t.Fatalf("index.html loads %s, which is not embedded", script[1])
	}
}

// TestOurAnswersAreNeverCached: every answer of ours, success or error,
// says no-store and its language.
func TestOurAnswersAreNeverCached(t *testing.T) {
	t.Parallel()

	for _, c := range []struct {
		method, url string
		headers     map[string]string
		status      int
	}{
		{http.MethodPost, "/api/register", nil, 422},
		{http.MethodGet, "/api/account", annLogin.bearer(), 200},
		{http.MethodGet, "/api/account", nil, 401},
		{http.MethodPost, "/api/profile/api-tokens", annLogin.bearer(), 201},
		{http.MethodGet, "/api/no-such-route", nil, 404},
	} {
		scenario := tests.ApiScenario{
			Name:            c.method + " " + c.url,
			Method:          c.method,
			URL:             c.url,
			Headers:         c.headers,
			Body:            jsonBody(`{"name":"ci"}`),
			ExpectedStatus:  c.status,
			ExpectedContent: []string{`"success":`},
			TestAppFactory:  newTestApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if got := res.Header.Get("Cache-Control"); got != "no-store" {
					t.Errorf("Cache-Control = %q", got)
				}
				if got := res.Header.Get("Content-Language"); got != "en" {
					t.Errorf("Content-Language = %q", got)
				}
			},
		}
		scenario.Test(t)
	}
}
