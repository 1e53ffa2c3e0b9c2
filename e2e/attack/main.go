// Command attack re-measures the attacks of the hardening review against
// a real appliance binary, so that any maintainer can rerun them:
//
//	./scripts/attack.sh
//
// It builds the binary, serves it on loopback with a fresh data directory
// and a counting SMTP listener, and reports:
//   - spray: password checks evaluated against one account when 40
//     loopback IPs (127.0.0.2–41) try 10 passwords each, throttling on;
//   - mail burst: reset mails that reach one inbox from 200 requests;
//   - forgot timing: the median answer time for a known and an unknown
//     address, alternating;
//   - malformed sweep: 5xx answers over non-object and wrong-typed bodies
//     sent to every route (throttling off, so that every request counts).
package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/authappliance/appliance/e2e/harness"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "attack:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := os.MkdirTemp("", "appliance_attack_")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	binary := filepath.Join(dir, "appliance")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	box, err := startSMTP()
	if err != nil {
		return err
	}

	// spray and mail burst: the appliance as shipped, throttling on
	base, stop, err := serve(binary, filepath.Join(dir, "on"), box.addr)
	if err != nil {
		return err
	}
	const victim = "victim@example.com"
	if code, body := send(nil, http.MethodPost, base+"/api/register",
		`{"name":"Victim","email":"`+victim+`","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`); code != 201 {
		stop()
		return fmt.Errorf("register: %d %s", code, body)
	}
	evaluated, refused := spray(base, victim)
	fmt.Printf("spray: 40 IPs x 10 guesses: %d password checks evaluated, %d refused with 429\n", evaluated, refused)
	ownerCode, _ := send(client("127.0.0.1"), http.MethodPost, base+"/api/login", `{"email":"`+victim+`","password":"tulip-harbor-91"}`)
	fmt.Printf("spray: the owner, from the IP that registered: %d\n", ownerCode)

	before := box.count(victim)
	for i := range 200 {
		send(client(fmt.Sprintf("127.0.1.%d", i%200+1)), http.MethodPost, base+"/api/password/forgot", `{"email":"`+victim+`"}`)
	}
	time.Sleep(2 * time.Second) // mails go out after the answer
	fmt.Printf("mail burst: 200 reset requests from 200 IPs: %d mail(s) reached the inbox\n", box.count(victim)-before)
	stop()

	// timing and sweep: throttling off, so that every request is measured
	base, stop, err = serve(binary, filepath.Join(dir, "off"), box.addr, "APPLIANCE_THROTTLE_ENABLED=false")
	if err != nil {
		return err
	}
	defer stop()
	send(nil, http.MethodPost, base+"/api/register",
		`{"name":"Victim","email":"`+victim+`","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`)
	known, unknown := forgotTiming(base, victim, 500)
	fmt.Printf("forgot timing (p50 over 500 each, alternating): known %.3f ms, unknown %.3f ms\n", known, unknown)
	total, fives := sweep(base)
	fmt.Printf("malformed sweep: %d requests to every route, %d answered 5xx\n", total, fives)
	return nil
}

// spray sends 10 wrong passwords from each of 40 loopback IPs.
func spray(base, email string) (evaluated, refused int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client(fmt.Sprintf("127.0.0.%d", i+2))
			for j := range 10 {
				code, _ := send(c, http.MethodPost, base+"/api/login", fmt.Sprintf(`{"email":"%s","password":"guess-%d-%d"}`, email, i, j))
				mu.Lock()
				switch code {
				case 401:
					evaluated++
				case 429:
					refused++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return evaluated, refused
}

// forgotTiming returns the median answer times, in ms, of forgot-password
// for a known and an unknown address.
func forgotTiming(base, known string, n int) (float64, float64) {
	c := client("127.0.0.1")
	measure := func(email string) float64 {
		start := time.Now()
		send(c, http.MethodPost, base+"/api/password/forgot", `{"email":"`+email+`"}`)
		return float64(time.Since(start).Microseconds()) / 1000
	}
	var k, u []float64
	for range n {
		k = append(k, measure(known))
		u = append(u, measure("nobody-here@example.com"))
	}
	return harness.Median(k), harness.Median(u)
}

// routes are the appliance's routes with a body or an id (routes.go).
var routes = []string{
	"POST /api/register", "POST /api/login", "GET /api/verify-email/x/y", "GET /api/verify-new-email",
	"POST /api/password/forgot", "POST /api/password/reset/x", "POST /api/resend-verification-email",
	"POST /api/logout", "POST /api/logout-all", "GET /api/dashboard", "GET /api/active-device",
	"DELETE /api/active-device/x", "DELETE /api/active-device", "GET /api/account", "GET /api/profile",
	"PATCH /api/account/profile", "PATCH /api/account/email", "POST /api/account/password",
	"PATCH /api/account/inactive", "PATCH /api/account/active", "PATCH /api/account/reactive",
	"PATCH /api/account/suspend", "GET /api/keys", "POST /api/keys", "PATCH /api/keys/x", "DELETE /api/keys/x",
	"GET /api/api-data-test", "GET /api/profile/api-tokens", "POST /api/profile/api-tokens",
	"DELETE /api/profile/api-tokens", "DELETE /api/profile/api-tokens/x", "POST /admin/profile/api-tokens",
}

var malformed = []string{
	`null`, `[]`, `42`, `"text"`, `true`, `{`, `{"a":1}{`, `{"name":123}`, `{"abilities":"x","name":"n"}`,
	`{"email":{"a":1},"password":[1]}`, `{"password":null,"current_password":7}`, `{"expires_at":false,"name":"n"}`,
	`{"bio":123,"name":null}`, strings.Repeat(`{"a":`, 5000), `{"name":"` + strings.Repeat("x", 70000) + `"}`,
}

// sweep sends every malformed body to every route, as a guest and with a
// fresh account's token, and counts the 5xx answers.
func sweep(base string) (total, fives int) {
	code, body := send(nil, http.MethodPost, base+"/api/login", `{"email":"victim@example.com","password":"tulip-harbor-91"}`)
	token := ""
	if code == 200 {
		_, rest, _ := strings.Cut(body, `"token":"`)
		token, _, _ = strings.Cut(rest, `"`)
	}
	c := client("127.0.0.1")
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		for _, payload := range malformed {
			for _, auth := range []string{"", "Bearer " + token} {
				req, _ := http.NewRequest(method, base+path, strings.NewReader(payload))
				req.Header.Set("Content-Type", "application/json")
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				res, err := c.Do(req)
				total++
				if err != nil {
					fives++
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode >= 500 {
					fives++
					fmt.Printf("  5xx: %s %.40q -> %d\n", route, payload, res.StatusCode)
				}
			}
		}
	}
	return total, fives
}

// client is an HTTP client whose connections leave from ip.
func client(ip string) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 10 * time.Second}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: dialer.DialContext}}
}

func send(c *http.Client, method, url, body string) (int, string) {
	if c == nil {
		c = client("127.0.0.1")
	}
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// serve starts the binary on a free loopback port and waits for it.
func serve(binary, dataDir, smtpAddr string, env ...string) (string, func(), error) {
	httpPort, err := harness.FreePort()
	if err != nil {
		return "", nil, err
	}
	addr := "127.0.0.1:" + httpPort
	host, port, _ := net.SplitHostPort(smtpAddr)
	cmd := exec.Command(binary, "serve", "--http", addr, "--dir", dataDir)
	cmd.Env = append(append(os.Environ(), "APPLIANCE_APP_URL=http://"+addr, "APPLIANCE_SMTP_HOST="+host,
		"APPLIANCE_SMTP_PORT="+port, "APPLIANCE_MAIL_FROM_ADDRESS=no-reply@example.com"), env...)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}
	base := "http://" + addr
	if err := harness.WaitHealthy(base, 60*time.Second); err != nil {
		stop()
		return "", nil, fmt.Errorf("the appliance did not start: %v\n%s", err, logs.String())
	}
	return base, stop, nil
}

// inbox counts the mails an SMTP listener on loopback receives.
type inbox struct {
	addr string
	mu   sync.Mutex
	to   map[string]int
}

func startSMTP() (*inbox, error) {
	box := &inbox{to: map[string]int{}}
	server := smtp.NewServer(box)
	server.Domain = "localhost"
	server.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	box.addr = l.Addr().String()
	go func() { _ = server.Serve(l) }()
	return box, nil
}

func (b *inbox) count(address string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.to[address]
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
	_, _ = io.Copy(io.Discard, r)
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	for _, to := range s.to {
		s.box.to[to]++
	}
	return nil
}
