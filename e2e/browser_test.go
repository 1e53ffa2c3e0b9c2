package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
)

// The browser tests drive the web app of the real binary in Debian's
// headless Chromium. scripts/test.sh installs Chromium and sets
// E2E_BROWSER=required, so that in CI they fail rather than skip when no
// browser can be found. SCREENSHOTS=<dir> saves the README's screenshots.

// chromiumPath finds a Chromium or Chrome binary.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts headless Chromium for one test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("E2E_BROWSER") == "required" {
			t.Fatal("no Chromium found (install Debian's chromium package)")
		}
		t.Skip("no Chromium found; scripts/test.sh installs it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("cannot start Chromium: %v", err)
	}
	return ctx
}

// browser wraps one page of Chromium with the steps the tests take.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b *browser) run(actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		var html string
		_ = chromedp.Run(b.ctx, chromedp.OuterHTML("main", &html, chromedp.ByQuery))
		b.t.Fatalf("browser: %v\npage: %s", err, html)
	}
}

// open loads a path of the app and waits for its main content.
func (b *browser) open(path string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitVisible("main h1", chromedp.ByQuery))
}

// fill types into the fields, by id.
func (b *browser) fill(fields ...string) {
	b.t.Helper()
	for i := 0; i < len(fields); i += 2 {
		sel := "#" + fields[i]
		b.run(chromedp.WaitVisible(sel, chromedp.ByQuery),
			chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).value = ""`, sel), nil),
			chromedp.SendKeys(sel, fields[i+1], chromedp.ByQuery))
	}
}

// choose picks an option of a select, as a keyboard or mouse would.
func (b *browser) choose(selector, value string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(selector, chromedp.ByQuery), chromedp.Evaluate(fmt.Sprintf(
		`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); })()`,
		selector, value), nil))
}

// click clicks the first element matching a CSS selector.
func (b *browser) click(selector string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(selector, chromedp.ByQuery), chromedp.Click(selector, chromedp.ByQuery))
}

// clickText clicks the button whose text is text.
func (b *browser) clickText(text string) {
	b.t.Helper()
	sel := fmt.Sprintf(`//button[normalize-space(.)=%q]`, text)
	b.run(chromedp.WaitVisible(sel, chromedp.BySearch), chromedp.Click(sel, chromedp.BySearch))
}

// waitText waits until the element of selector contains text.
func (b *browser) waitText(selector, text string) string {
	b.t.Helper()
	var got string
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		_ = chromedp.Run(b.ctx, chromedp.Evaluate(fmt.Sprintf(`(document.querySelector(%q)||{}).innerText||""`, selector), &got))
		if strings.Contains(got, text) {
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("%s never showed %q; it shows %q", selector, text, got)
	return ""
}

// text returns the text of the first element matching selector.
func (b *browser) text(selector string) string {
	b.t.Helper()
	var s string
	b.run(chromedp.WaitVisible(selector, chromedp.ByQuery), chromedp.Text(selector, &s, chromedp.ByQuery))
	return strings.TrimSpace(s)
}

// path is the page's current path.
func (b *browser) path() string {
	var p string
	b.run(chromedp.Evaluate(`location.pathname`, &p))
	return p
}

func (b *browser) waitPath(want string) {
	b.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b.path() == want {
			return
		}
	}
	b.t.Fatalf("the app is at %s, want %s", b.path(), want)
}

// sessionCookie reads the httpOnly session cookie through the DevTools
// protocol (no page script can).
func (b *browser) sessionCookie() string {
	b.t.Helper()
	var value string
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		cookies, err := network.GetCookies().WithURLs([]string{b.base + "/api/account"}).Do(ctx)
		for _, c := range cookies {
			if c.Name == "appliance_session" {
				if !c.HTTPOnly || c.SameSite != network.CookieSameSiteStrict {
					b.t.Errorf("session cookie attributes: httpOnly=%v sameSite=%v", c.HTTPOnly, c.SameSite)
				}
				value = c.Value
			}
		}
		return err
	}))
	return value
}

// screenshot saves the page into $SCREENSHOTS, when set.
func (b *browser) screenshot(name string) {
	dir := os.Getenv("SCREENSHOTS")
	if dir == "" {
		return
	}
	var png []byte
	b.run(chromedp.FullScreenshot(&png, 100)) // quality 100: PNG
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// call sends one HTTP request from the test, as a script or curl would.
func call(t *testing.T, method, url string, headers map[string]string, body string) response {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return do(t, req, http.DefaultClient)
}

// TestWebApp walks every page of the web app in Chromium, as a new user
// would, and checks from outside what each step did.
func TestWebApp(t *testing.T) {
	inbox := startSMTP(t)
	base := startAppliance(t, inbox.addr)
	b := &browser{t: t, ctx: newBrowser(t), base: base}
	const email, password = "web@example.com", "tulip-harbor-91"

	// register: the session is a cookie no script can read; the email
	// still needs verifying
	b.open("/register")
	b.screenshot("register")
	b.fill("name", "Wendy", "email", email, "password", password, "password_confirmation", password)
	b.click(`main button[type="submit"]`)
	b.waitText("main", "Your email address is not verified.")
	var visible string
	b.run(chromedp.Evaluate(`document.cookie`, &visible))
	if strings.Contains(visible, "appliance_session") || b.sessionCookie() == "" {
		t.Fatalf("the session cookie must exist and be invisible to scripts (document.cookie=%q)", visible)
	}
	b.clickText("Send the verification email again")
	b.waitText("main", "An email verification link has been sent")

	// the mailed link opens the result page, then the account
	b.run(chromedp.Navigate(inbox.link(t, email, "Verify your email address", "/api/verify-email/")))
	b.waitText("main", "Your email has been successfully verified!")
	b.open("/account")
	if got := b.text("main h1"); got != "Profile" {
		t.Fatalf("profile page: %q", got)
	}

	// profile
	b.fill("name", "Wendy Web", "mobile", "+1 555 0100")
	b.click(`main button[type="submit"]`)
	b.waitText("main", "Profile updated successfully!")
	b.screenshot("profile")

	// tokens: one ability, shown once, usable from outside, then revoked
	b.open("/account/tokens")
	b.fill("token_name", "ci")
	b.click(`input[value="account:read"]`)
	b.clickText("Create token")
	token := b.text(`[data-testid="new-token"]`)
	b.screenshot("tokens")
	if res := get(t, base+"/api/account", token, "application/json"); res.status != 200 {
		t.Fatalf("the new token is refused where it may read: %d %s", res.status, res.raw)
	}
	if res := get(t, base+"/api/keys", token, "application/json"); res.status != 403 {
		t.Fatalf("the new token reaches a route beyond its ability: %d", res.status)
	}
	b.waitText(`[data-testid="tokens"]`, "account:read")
	b.click(`[data-testid="tokens"] li button.danger`)
	b.waitText("main", "API token revoked successfully!")
	if res := get(t, base+"/api/account", token, "application/json"); res.status != 401 {
		t.Fatalf("a revoked token still works: %d", res.status)
	}

	// API keys: create, use, regenerate, revoke
	b.open("/account/keys")
	b.fill("key_name", "server")
	b.clickText("Create key")
	key, secret := b.text(`[data-testid="new-key"]`), b.text(`[data-testid="new-secret"]`)
	apiKey := map[string]string{"X-API-KEY": key, "X-API-SECRET": secret}
	if res := call(t, "GET", base+"/api/api-data-test", apiKey, ""); res.status != 200 {
		t.Fatalf("the new key is refused: %d %s", res.status, res.raw)
	}
	b.click(`[data-testid="keys"] li button.secondary`)
	b.waitText("main", "API key regenerated successfully!")
	if res := call(t, "GET", base+"/api/api-data-test", apiKey, ""); res.status != 401 {
		t.Fatalf("the old pair still works after regenerate: %d", res.status)
	}
	newKey := map[string]string{"X-API-KEY": b.text(`[data-testid="new-key"]`), "X-API-SECRET": b.text(`[data-testid="new-secret"]`)}
	if res := call(t, "GET", base+"/api/api-data-test", newKey, ""); res.status != 200 {
		t.Fatalf("the regenerated pair is refused: %d", res.status)
	}
	b.screenshot("keys")
	b.click(`[data-testid="keys"] li button.danger`)
	b.waitText("main", "API key revoked successfully!")
	if res := call(t, "GET", base+"/api/api-data-test", newKey, ""); res.status != 401 {
		t.Fatalf("a revoked key still works: %d", res.status)
	}

	// devices: this one is marked; another sign-in shows up and goes
	other := post(t, base+"/api/login", "", `{"email":"`+email+`","password":"`+password+`","device_name":"phone"}`)
	b.open("/account/devices")
	b.waitText(`[data-testid="devices"]`, "This device")
	b.waitText(`[data-testid="devices"]`, "phone")
	b.screenshot("devices")
	b.fill("others_password", password)
	b.clickText("Sign out every other device")
	b.waitText("main", "Logged out successfully from all other devices!")
	if res := get(t, base+"/api/account", other.data["token"].(string), "application/json"); res.status != 401 {
		t.Fatalf("the other device is still signed in: %d", res.status)
	}

	// a page on another origin of the same host cannot use the session:
	// SameSite lets the cookie through (same site), the API refuses it
	cookie := b.sessionCookie()
	crossSite := call(t, "GET", base+"/api/account", map[string]string{"Cookie": "appliance_session=" + cookie, "Sec-Fetch-Site": "cross-site"}, "")
	if crossSite.status != 403 {
		t.Fatalf("a cross-site request with the cookie: %d %s", crossSite.status, crossSite.raw)
	}
	evil := evilPage(t, base)
	b.run(chromedp.Navigate(evil))
	var done string
	b.run(chromedp.Poll(`window.evilDone`, &done, chromedp.WithPollingTimeout(15*time.Second)))
	bob := post(t, base+"/api/login", "", `{"email":"`+email+`","password":"`+password+`"}`)
	list := get(t, base+"/api/profile/api-tokens", bob.data["token"].(string), "application/json")
	if strings.Contains(list.raw, "evil") {
		t.Fatalf("a page on another origin created a token with the session: %s", list.raw)
	}

	// two-factor: set up with the QR code's secret, recovery codes once
	b.open("/account/security")
	b.fill("tf_password", password)
	b.clickText("Set up two-factor authentication")
	totpSecret := b.text(`[data-testid="totp-secret"]`)
	b.run(chromedp.WaitVisible(`img.qr`, chromedp.ByQuery))
	b.screenshot("security")
	code, _ := totp.GenerateCode(totpSecret, time.Now())
	b.fill("tf_code", code)
	b.clickText("Turn on two-factor authentication")
	codes := b.waitText(`[data-testid="recovery-codes"]`, "-")
	if n := len(strings.Fields(codes)); n != 10 {
		t.Fatalf("%d recovery codes shown", n)
	}

	// sign out, and in again with the second step, by keyboard alone
	b.clickText("Sign out")
	b.waitPath("/")
	if b.sessionCookie() != "" {
		t.Fatal("signing out left the cookie")
	}
	if res := call(t, "GET", base+"/api/account", map[string]string{"Cookie": "appliance_session=" + cookie}, ""); res.status != 401 {
		t.Fatalf("the signed-out session's token still works: %d", res.status)
	}
	b.screenshot("sign-in")
	b.fill("email", email, "password", password+"\n")
	next, _ := totp.GenerateCode(totpSecret, time.Now().Add(30*time.Second))
	b.fill("code", next+"\n")
	b.waitPath("/account")

	// activity lists what happened
	b.open("/account/activity")
	b.waitText(`[data-testid="activity"]`, "Two-factor turned on")
	b.waitText(`[data-testid="activity"]`, "Signed in")
	b.screenshot("activity")

	// Arabic, right to left, from the switcher
	b.choose("#lang", "ar")
	var ar struct {
		Data struct {
			Messages map[string]string `json:"messages"`
		} `json:"data"`
	}
	res := get(t, base+"/api/i18n?lang=ar", "", "application/json")
	if err := json.Unmarshal([]byte(res.raw), &ar); err != nil {
		t.Fatal(err)
	}
	b.waitText("main h1", ar.Data.Messages["page_nav_activity"])
	var dir, lang string
	b.run(chromedp.Evaluate(`document.documentElement.dir`, &dir), chromedp.Evaluate(`document.documentElement.lang`, &lang))
	if dir != "rtl" || lang != "ar" {
		t.Fatalf("Arabic page: dir=%q lang=%q", dir, lang)
	}
	b.screenshot("activity-ar")
	b.choose("#lang", "en")
	b.waitText("main h1", "Activity")

	// a 360 px phone: nothing wider than the screen
	b.run(chromedp.EmulateViewport(360, 740))
	for _, p := range []string{"/account", "/account/tokens", "/account/security"} {
		b.open(p)
		var width int
		b.run(chromedp.Evaluate(`document.documentElement.scrollWidth`, &width))
		if width > 360 {
			t.Errorf("%s is %d px wide on a 360 px screen", p, width)
		}
	}
	b.run(chromedp.EmulateViewport(1280, 900))

	// forgot and reset through the mailed link, then sign in with the new
	// password (and a recovery code)
	b.clickText("Sign out")
	b.waitPath("/")
	b.open("/forgot-password")
	b.fill("email", email)
	b.clickText("Send the reset link")
	b.waitText("main", "If an account exists")
	b.run(chromedp.Navigate(inbox.link(t, email, "Reset your password", "/reset-password?")))
	b.run(chromedp.WaitVisible("#password", chromedp.ByQuery))
	var address string
	b.run(chromedp.Evaluate(`location.href`, &address))
	if strings.Contains(address, "token=") {
		t.Fatalf("the reset token stays in the address bar: %s", address)
	}
	b.fill("password", "harbor-tulip-19", "password_confirmation", "harbor-tulip-19")
	b.click(`main button[type="submit"]`)
	b.waitText("main", "Password updated successfully!")
	b.open("/")
	b.fill("email", email, "password", "harbor-tulip-19\n")
	b.clickText("Use a recovery code instead")
	b.fill("code", strings.Fields(codes)[0]+"\n")
	b.waitPath("/account")

	// sign out everywhere: this browser's session ends too
	cookie = b.sessionCookie()
	b.open("/account/devices")
	b.clickText("Sign out everywhere, this device too")
	b.waitPath("/")
	if res := call(t, "GET", base+"/api/account", map[string]string{"Cookie": "appliance_session=" + cookie}, ""); res.status != 401 {
		t.Fatalf("the session survived signing out everywhere: %d", res.status)
	}
}

// evilPage serves, on another port of 127.0.0.1 (another origin, the same
// site), a page that tries to use the appliance's session: it creates a
// token with a form-free fetch that needs no CORS preflight.
func evilPage(t *testing.T, target string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<!DOCTYPE html><html><body><script>
Promise.allSettled([
  fetch(%[1]q + "/api/profile/api-tokens", {method: "POST", mode: "no-cors", credentials: "include",
    headers: {"Content-Type": "text/plain"}, body: JSON.stringify({name: "evil"})}),
  fetch(%[1]q + "/api/logout-all", {method: "POST", mode: "no-cors", credentials: "include"}),
]).then(() => { window.evilDone = "yes"; });
</script></body></html>`, target)
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return "http://" + l.Addr().String() + "/"
}
