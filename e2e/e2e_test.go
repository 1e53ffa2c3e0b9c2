// Package e2e runs the real appliance binary on loopback against a real
// SMTP listener started by the test, and walks the account flows a user
// walks, reading the links out of the mails.
package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/pquerna/otp/totp"

	"github.com/authappliance/appliance/e2e/harness"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "appliance_e2e_")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "appliance")
	// -buildvcs=false: a checkout owned by another user (CI containers) cannot
	// be asked for its VCS status, and the test needs none
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-buildvcs=false", "-o", binary, ".")
	build.Dir = ".."
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		panic(fmt.Sprintf("cannot build the appliance: %v", err))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestRegisterVerifyForgotResetLogin(t *testing.T) {
	inbox := startSMTP(t)
	base := startAppliance(t, inbox.addr)

	// register: a login token and a verification mail
	res := post(t, base+"/api/register", "", `{"name":"Eve","email":"eve@example.com","password":"first-password","password_confirmation":"first-password"}`)
	expect(t, res, 201, "Account created successfully!")
	firstToken := res.data["token"].(string)
	expect(t, get(t, base+"/api/account", firstToken, "application/json"), 403, "Your email address is not verified.")

	verify := inbox.link(t, "eve@example.com", "Verify your email address", `/api/verify-email/`)

	// a tampered link changes nothing
	expect(t, get(t, strings.Replace(verify, "signature=", "signature=ff", 1), "", "application/json"), 403, "Invalid or expired verification link.")

	// a browser is sent to the page that shows the result
	browser := getNoRedirect(t, verify, "text/html")
	if browser.StatusCode != http.StatusSeeOther || !strings.Contains(browser.Header.Get("Location"), "/verify-email?") {
		t.Fatalf("browser: %d %q", browser.StatusCode, browser.Header.Get("Location"))
	}
	page := get(t, browser.Header.Get("Location"), "", "text/html")
	if page.status != 200 || !strings.Contains(page.raw, `<div id="app">`) { // rendered in Chromium by TestWebApp
		t.Fatalf("result page: %d", page.status)
	}
	expect(t, get(t, verify, "", "application/json"), 200, "This email address is already verified.")
	expect(t, get(t, base+"/api/account", firstToken, "application/json"), 200, "User profile details!")

	// forgot: neutral for anyone, a mail for Eve
	expect(t, post(t, base+"/api/password/forgot", "", `{"email":"nobody@example.com"}`), 200, "If an account exists")
	expect(t, post(t, base+"/api/password/forgot", "", `{"email":"eve@example.com"}`), 200, "If an account exists")
	reset := inbox.link(t, "eve@example.com", "Reset your password", "/reset-password?")
	u, err := url.Parse(reset)
	if err != nil {
		t.Fatal(err)
	}
	token := u.Query().Get("token")
	if page := get(t, reset, "", "text/html"); page.status != 200 || !strings.Contains(page.raw, `<div id="app">`) {
		t.Fatalf("reset page: %d", page.status)
	}

	body := `{"email":"eve@example.com","token":"` + token + `","password":"second-password","password_confirmation":"second-password"}`
	expect(t, post(t, base+"/api/password/reset/"+token, "", body), 200, "Password updated successfully!")
	expect(t, post(t, base+"/api/password/reset/"+token, "", body), 400, "This password reset token is invalid or has expired.")

	// the old password and the old token are dead; the new password works
	expect(t, post(t, base+"/api/login", "", `{"email":"eve@example.com","password":"first-password"}`), 401, "Invalid login details!")
	expect(t, get(t, base+"/api/account", firstToken, "application/json"), 401, "Unauthenticated.")
	login := post(t, base+"/api/login", "", `{"email":"eve@example.com","password":"second-password"}`)
	expect(t, login, 200, "Login successful!")
	expect(t, get(t, base+"/api/account", login.data["token"].(string), "application/json"), 200, "User profile details!")
}

// TestTwoFactorSignIn turns two-factor on as an authenticator app user
// would, then signs in with a TOTP code and with a recovery code, and reads
// the account's activity.
func TestTwoFactorSignIn(t *testing.T) {
	inbox := startSMTP(t)
	base := startAppliance(t, inbox.addr)

	res := post(t, base+"/api/register", "", `{"name":"Tom","email":"tom@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`)
	expect(t, res, 201, "Account created successfully!")
	token := res.data["token"].(string)
	expect(t, get(t, inbox.link(t, "tom@example.com", "Verify your email address", `/api/verify-email/`), "", "application/json"), 200, "successfully verified")

	setup := post(t, base+"/api/account/two-factor", token, `{"password":"tulip-harbor-91"}`)
	expect(t, setup, 200, "authenticator app")
	secret := setup.data["secret"].(string)
	if !strings.HasPrefix(setup.data["otpauth_url"].(string), "otpauth://totp/") {
		t.Fatalf("otpauth_url: %v", setup.data["otpauth_url"])
	}
	now := time.Now()
	code, err := totp.GenerateCode(secret, now) // what an authenticator app shows
	if err != nil {
		t.Fatal(err)
	}
	confirm := post(t, base+"/api/account/two-factor/confirm", token, `{"code":"`+code+`"}`)
	expect(t, confirm, 200, "Two-factor authentication is on.")
	recovery := confirm.data["recovery_codes"].([]any)
	if len(recovery) != 10 {
		t.Fatalf("%d recovery codes", len(recovery))
	}

	// the password alone earns a challenge, not a token
	login := post(t, base+"/api/login", "", `{"email":"tom@example.com","password":"tulip-harbor-91"}`)
	expect(t, login, 200, "Enter the code")
	if _, ok := login.data["token"]; ok || login.data["two_factor"] != true {
		t.Fatalf("a token without the second factor: %s", login.raw)
	}
	challenge := login.data["challenge"].(string)
	// the code that confirmed is spent; the next step's code (one step of
	// drift) signs in
	expectError(t, post(t, base+"/api/login/two-factor", "", `{"challenge":"`+challenge+`","code":"`+code+`"}`), 422, "invalid or has already been used")
	next, _ := totp.GenerateCode(secret, now.Add(30*time.Second))
	signedIn := post(t, base+"/api/login/two-factor", "", `{"challenge":"`+challenge+`","code":"`+next+`"}`)
	expect(t, signedIn, 200, "Login successful!")
	expect(t, get(t, base+"/api/account", signedIn.data["token"].(string), "application/json"), 200, "User profile details!")

	// a recovery code works once
	challenge = post(t, base+"/api/login", "", `{"email":"tom@example.com","password":"tulip-harbor-91"}`).data["challenge"].(string)
	expect(t, post(t, base+"/api/login/two-factor", "", `{"challenge":"`+challenge+`","recovery_code":"`+recovery[0].(string)+`"}`), 200, "Login successful!")
	challenge = post(t, base+"/api/login", "", `{"email":"tom@example.com","password":"tulip-harbor-91"}`).data["challenge"].(string)
	expectError(t, post(t, base+"/api/login/two-factor", "", `{"challenge":"`+challenge+`","recovery_code":"`+recovery[0].(string)+`"}`), 422, "invalid or has already been used")

	activity := get(t, base+"/api/account/activity", token, "application/json")
	expect(t, activity, 200, "Account activity!")
	for _, action := range []string{"register", "email_verified", "two_factor_enabled", "login", "recovery_code_used", "two_factor_failed"} {
		if !strings.Contains(activity.raw, `"action":"`+action+`"`) {
			t.Errorf("no %s event in %s", action, activity.raw)
		}
	}
}

// --- the appliance ---------------------------------------------------

func startAppliance(t *testing.T, smtpAddr string) string {
	t.Helper()
	port := freePort(t)
	base := "http://127.0.0.1:" + port
	smtpHost, smtpPort, _ := net.SplitHostPort(smtpAddr)

	cmd := exec.Command(binary, "serve", "--http", "127.0.0.1:"+port, "--dir", t.TempDir())
	cmd.Env = append(os.Environ(),
		"APPLIANCE_APP_URL="+base,
		"APPLIANCE_APP_NAME=E2E",
		"APPLIANCE_SMTP_HOST="+smtpHost,
		"APPLIANCE_SMTP_PORT="+smtpPort,
		"APPLIANCE_MAIL_FROM_ADDRESS=no-reply@example.com",
		"APPLIANCE_MAIL_FROM_NAME=E2E",
	)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("appliance output:\n%s", logs.String())
		}
	})

	if err := harness.WaitHealthy(base, 60*time.Second); err != nil {
		t.Fatalf("the appliance did not start: %v\n%s", err, logs.String())
	}
	return base
}

func freePort(t *testing.T) string {
	port, err := harness.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// --- HTTP ------------------------------------------------------------

type response struct {
	status  int
	raw     string
	message string
	data    map[string]any
}

func do(t *testing.T, req *http.Request, client *http.Client) response {
	t.Helper()
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, raw: string(raw)}
	var env struct {
		Message string         `json:"message"`
		Data    map[string]any `json:"data"`
	}
	if json.Unmarshal(raw, &env) == nil {
		out.message, out.data = env.Message, env.Data
	}
	return out
}

func post(t *testing.T, url, token, body string) response {
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req, http.DefaultClient)
}

func get(t *testing.T, url, token, accept string) response {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept", accept)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req, http.DefaultClient)
}

func getNoRedirect(t *testing.T, url, accept string) *http.Response {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept", accept)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func expect(t *testing.T, r response, status int, message string) {
	t.Helper()
	if r.status != status || !strings.Contains(r.message, message) {
		t.Fatalf("want %d %q, got %d: %s", status, message, r.status, r.raw)
	}
}

// expectError checks a failure's status and a field error's text.
func expectError(t *testing.T, r response, status int, fieldError string) {
	t.Helper()
	if r.status != status || !strings.Contains(r.raw, fieldError) {
		t.Fatalf("want %d with %q, got %d: %s", status, fieldError, r.status, r.raw)
	}
}

// --- SMTP ------------------------------------------------------------

// inbox is a real SMTP server on loopback that keeps what it receives.
type inbox struct {
	addr string
	mu   sync.Mutex
	mail []received
}

type received struct {
	to      string
	subject string
	text    string
}

func startSMTP(t *testing.T) *inbox {
	t.Helper()
	box := &inbox{}
	server := smtp.NewServer(box)
	server.Domain = "localhost"
	server.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	box.addr = l.Addr().String()
	go func() { _ = server.Serve(l) }()
	t.Cleanup(func() { server.Close() })
	return box
}

// NewSession implements smtp.Backend.
func (b *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{box: b}, nil }

type session struct {
	box *inbox
	to  []string
}

func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *session) Reset()        { s.to = nil }
func (s *session) Logout() error { return nil }
func (s *session) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	text, err := plainText(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	if err != nil {
		return err
	}
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	for _, to := range s.to {
		s.box.mail = append(s.box.mail, received{to: to, subject: subject, text: text})
	}
	return nil
}

// plainText returns the decoded text/plain part of a body.
func plainText(contentType, encoding string, body io.Reader) (string, error) {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", err
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		parts := multipart.NewReader(body, params["boundary"])
		for {
			part, err := parts.NextRawPart()
			if err != nil {
				return "", errors.New("no text/plain part")
			}
			text, err := plainText(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part)
			if err == nil && text != "" {
				return text, nil
			}
		}
	}
	if mediaType != "text/plain" {
		return "", nil
	}
	if strings.EqualFold(encoding, "quoted-printable") {
		body = quotedprintable.NewReader(body)
	}
	raw, err := io.ReadAll(body)
	return string(raw), err
}

var linkPattern = regexp.MustCompile(`https?://[^\s"<>]+`)

// link waits for a mail to `to` with subject and returns its link that
// contains part.
func (b *inbox) link(t *testing.T, to, subject, part string) string {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		b.mu.Lock()
		for i := len(b.mail) - 1; i >= 0; i-- {
			m := b.mail[i]
			if m.to == to && m.subject == subject {
				for _, l := range linkPattern.FindAllString(m.text, -1) {
					if strings.Contains(l, part) {
						b.mu.Unlock()
						return l
					}
				}
			}
		}
		b.mu.Unlock()
	}
	t.Fatalf("no %q mail to %s with a %q link", subject, to, part)
	return ""
}

// TestTheBinaryExplainsItself: --version names the build, --help every
// variable, and a bad value stops the start by name.
func TestTheBinaryExplainsItself(t *testing.T) {
	out, err := exec.Command(binary, "--version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "appliance ") || !strings.Contains(string(out), "built ") {
		t.Fatalf("--version: %v %s", err, out)
	}
	out, err = exec.Command(binary, "--help").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "APPLIANCE_THROTTLE_PUBLIC_PER_MINUTE") || !strings.Contains(string(out), "default: 5") {
		t.Fatalf("--help: %v %s", err, out)
	}

	cmd := exec.Command(binary, "serve", "--http", "127.0.0.1:"+freePort(t), "--dir", t.TempDir())
	cmd.Env = append(os.Environ(), "APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES=ten", "APPLIANCE_API_TOKENS_ENABLED=maybe")
	done := make(chan []byte, 1)
	go func() { out, _ := cmd.CombinedOutput(); done <- out }()
	select {
	case out := <-done:
		for _, want := range []string{"APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES", "whole number", "APPLIANCE_API_TOKENS_ENABLED", "boolean"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("the refusal does not say %q:\n%s", want, out)
			}
		}
		if cmd.ProcessState.ExitCode() == 0 {
			t.Error("a bad configuration must stop the start with a failure")
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the appliance started with a bad configuration")
	}

	// without SMTP, the console says so at start
	cmd = exec.Command(binary, "serve", "--http", "127.0.0.1:"+freePort(t), "--dir", t.TempDir())
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && !strings.Contains(logs.String(), "mail is not configured"); {
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "mail is not configured") {
		t.Fatalf("no warning about mail:\n%s", logs.String())
	}
}

// syncBuffer is a buffer a running process writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
