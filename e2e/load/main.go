// Command load measures the appliance's hot path side by side in one
// process, so that any maintainer can rerun the figures of the README:
//
//	./scripts/load.sh            # 5 rounds of 5 s per target
//
// It builds the binary, serves it on loopback (throttling off, a fresh
// data directory), and drives it with wrk (Debian's wrk package; 2
// threads, 32 connections) in alternating rounds over:
//   - GET /api/health, unauthenticated (the router's ceiling);
//   - GET /api/account with one of our login tokens;
//   - GET /api/collections/users/records/{id} with PocketBase's own JWT
//     (a superuser's: PocketBase's password login is off for users);
//   - POST /api/login against PocketBase's superuser password auth
//     (both bcrypt-bound, at PocketBase's default cost), in 4 s rounds.
//
// It prints each round, the medians and the ratios, how often data.db and
// its WAL changed while tokens were verified, and the process's resident
// memory idle and after the load.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/authappliance/appliance/e2e/harness"
)

const (
	rounds   = 5
	duration = "5s"
)

// -logs sets PocketBase's request log for the run: "default" leaves the
// appliance's setting, "all" logs every request (PocketBase's default),
// "failures" only those that fail.
var logs = flag.String("logs", "default", "request log: default, all or failures")

func main() {
	flag.Parse()
	if _, err := exec.LookPath("wrk"); err != nil {
		fail("wrk is not installed (Debian: apt-get install -y wrk)")
	}
	dir, err := os.MkdirTemp("", "appliance_load_")
	check(err)
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "appliance")
	run("go", "build", "-o", bin, ".")
	data := filepath.Join(dir, "pb_data")
	run(bin, "superuser", "upsert", "root@example.com", "root-password-123", "--dir", data)

	port, err := harness.FreePort()
	check(err)
	base := "http://127.0.0.1:" + port
	server := exec.Command(bin, "serve", "--http", "127.0.0.1:"+port, "--dir", data)
	server.Env = append(os.Environ(), "APPLIANCE_THROTTLE_ENABLED=false", "APPLIANCE_NEW_DEVICE_ALERT=false")
	server.Stdout, server.Stderr = nil, nil
	check(server.Start())
	defer func() {
		_ = server.Process.Signal(syscall.SIGTERM)
		_, _ = server.Process.Wait()
	}()
	check(harness.WaitHealthy(base, 30*time.Second))

	// an account, verified by the superuser, and a login token
	root := postJSON(base+"/api/collections/_superusers/auth-with-password", "", `{"identity":"root@example.com","password":"root-password-123"}`)
	jwt := root["token"].(string)
	// PocketBase's own rate limiter guards /api/health and its records API:
	// off too, to measure the router rather than the limiter
	patch(base+"/api/settings", jwt, `{"rateLimits":{"enabled":false}}`)
	switch *logs {
	case "all":
		patch(base+"/api/settings", jwt, `{"logs":{"minLevel":0}}`)
	case "failures":
		patch(base+"/api/settings", jwt, `{"logs":{"minLevel":4}}`)
	}
	reg := postJSON(base+"/api/register", "", `{"name":"Load","email":"load@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`)
	user := reg["data"].(map[string]any)["user"].(map[string]any)
	userID := user["id"].(string)
	patch(base+"/api/collections/users/records/"+userID, jwt, `{"verified":true}`)
	login := postJSON(base+"/api/login", "", `{"email":"load@example.com","password":"tulip-harbor-91"}`)
	token := login["data"].(map[string]any)["token"].(string)

	fmt.Printf("appliance pid %d; wrk -t2 -c32 -d%s, %d alternating rounds; request log: %s\n", server.Process.Pid, duration, rounds, *logs)
	idleRSS := rss(server.Process.Pid)

	targets := []struct {
		name, url, header string
	}{
		{"health", base + "/api/health", ""},
		{"our token: GET /api/account", base + "/api/account", "Authorization: Bearer " + token},
		{"PocketBase JWT: GET record", base + "/api/collections/users/records/" + userID, "Authorization: " + jwt},
	}
	results := make([][]float64, len(targets))
	var total atomic.Int64
	rss100k := 0
	watch := watchFiles(filepath.Join(data, "data.db"), filepath.Join(data, "data.db-wal"))
	for r := 1; r <= rounds; r++ {
		for i, tg := range targets {
			rps, n := wrk(tg.url, tg.header, "", duration)
			results[i] = append(results[i], rps)
			total.Add(n)
			fmt.Printf("round %d  %-30s %9.0f req/s\n", r, tg.name, rps)
			if rss100k == 0 && total.Load() >= 100000 {
				rss100k = rss(server.Process.Pid)
				fmt.Printf("         RSS after %d requests: %d MB\n", total.Load(), rss100k/1024)
			}
		}
	}
	changes := watch()
	loadRSS := rss(server.Process.Pid)

	// logins, bcrypt-bound: shorter rounds
	loginScript := filepath.Join(dir, "login.lua")
	check(os.WriteFile(loginScript, []byte(`wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BODY")
`), 0o644))
	var ours, theirs []float64
	for r := 1; r <= rounds; r++ {
		rps, _ := wrk(base+"/api/login", "", loginScript+"|"+`{"email":"load@example.com","password":"tulip-harbor-91"}`, "4s")
		ours = append(ours, rps)
		rps, _ = wrk(base+"/api/collections/_superusers/auth-with-password", "", loginScript+"|"+`{"identity":"root@example.com","password":"root-password-123"}`, "4s")
		theirs = append(theirs, rps)
		fmt.Printf("round %d  login: ours %6.0f req/s, PocketBase's %6.0f req/s\n", r, ours[r-1], theirs[r-1])
	}

	m := make([]float64, len(results))
	for i := range results {
		m[i] = harness.Median(results[i])
	}
	fmt.Println()
	fmt.Printf("medians: health %.0f, our token %.0f, PocketBase JWT %.0f req/s\n", m[0], m[1], m[2])
	fmt.Printf("our token / health:          %.2f\n", m[1]/m[0])
	fmt.Printf("our token / PocketBase JWT:  %.2f\n", m[1]/m[2])
	fmt.Printf("login ours / PocketBase's:   %.2f\n", harness.Median(ours)/harness.Median(theirs))
	fmt.Printf("data.db and WAL changes seen while serving %d requests: %d\n", total.Load(), changes)
	fmt.Printf("RSS idle %d MB, after the load %d MB\n", idleRSS/1024, loadRSS/1024)
}

var rpsPattern = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
var totalPattern = regexp.MustCompile(`(\d+) requests in`)

// wrk runs one round and returns requests per second and the request
// count. script is "path|body" for a POST.
func wrk(url, header, script, d string) (float64, int64) {
	args := []string{"-t2", "-c32", "-d" + d, "--latency"}
	if header != "" {
		args = append(args, "-H", header)
	}
	cmd := exec.Command("wrk", append(args, url)...)
	if script != "" {
		path, body, _ := strings.Cut(script, "|")
		cmd.Args = append(cmd.Args[:1], append([]string{"-s", path}, cmd.Args[1:]...)...)
		cmd.Env = append(os.Environ(), "BODY="+body)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		fail(fmt.Sprintf("wrk: %v\n%s", err, out))
	}
	if strings.Contains(string(out), "Non-2xx") {
		fail(fmt.Sprintf("wrk saw failures on %s:\n%s", url, out))
	}
	rps, _ := strconv.ParseFloat(rpsPattern.FindStringSubmatch(string(out))[1], 64)
	n, _ := strconv.ParseInt(totalPattern.FindStringSubmatch(string(out))[1], 10, 64)
	return rps, n
}

// watchFiles samples the size and modification time of files every 20 ms
// until the returned function is called, which returns how many changes
// it saw.
func watchFiles(paths ...string) func() int {
	var mu sync.Mutex
	changes := 0
	stop := make(chan struct{})
	state := func() string {
		var b strings.Builder
		for _, p := range paths {
			if fi, err := os.Stat(p); err == nil {
				fmt.Fprintf(&b, "%d/%d;", fi.Size(), fi.ModTime().UnixNano())
			}
		}
		return b.String()
	}
	go func() {
		last := state()
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if s := state(); s != last {
				mu.Lock()
				changes++
				mu.Unlock()
				last = s
			}
		}
	}()
	return func() int {
		close(stop)
		mu.Lock()
		defer mu.Unlock()
		return changes
	}
}

func rss(pid int) int {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	check(err)
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(rest)[0])
			return kb
		}
	}
	return 0
}

func postJSON(url, auth, body string) map[string]any {
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	return send(req, auth)
}

func patch(url, auth, body string) map[string]any {
	req, _ := http.NewRequest(http.MethodPatch, url, strings.NewReader(body))
	return send(req, auth)
}

func send(req *http.Request, auth string) map[string]any {
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	check(err)
	defer res.Body.Close()
	var out map[string]any
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	if res.StatusCode >= 300 || json.Unmarshal(buf.Bytes(), &out) != nil {
		fail(fmt.Sprintf("%s %s: %d %s", req.Method, req.URL, res.StatusCode, buf.String()))
	}
	return out
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fail(fmt.Sprintf("%s %v: %v", name, args, err))
	}
}

func check(err error) {
	if err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "load:", msg)
	os.Exit(1)
}
