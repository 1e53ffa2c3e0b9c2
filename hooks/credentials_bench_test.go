package hooks

import (
	"testing"
	"time"
)

// BenchmarkAuthenticateToken measures a full token verification: parse,
// checksum, two indexed reads, constant-time compare, status, in-memory
// use. Run with: go test ./hooks -run '^$' -bench Authenticate -benchmem
func BenchmarkAuthenticateToken(b *testing.B) {
	app := newTestApp(b)
	defer app.Cleanup()
	value := annLogin.plain()
	now := time.Now()

	b.ReportAllocs()
	for b.Loop() {
		if c, _ := authenticateToken(app, value, now); c == nil {
			b.Fatal("refused")
		}
	}
}

// BenchmarkAuthenticateTokenBadChecksum shows that a forged token costs no
// database work.
func BenchmarkAuthenticateTokenBadChecksum(b *testing.B) {
	app := newTestApp(b)
	defer app.Cleanup()
	value := annLogin.plain()
	value = value[:len(value)-1] + "x"
	now := time.Now()

	b.ReportAllocs()
	for b.Loop() {
		if c, _ := authenticateToken(app, value, now); c != nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkAccountRequest measures a whole authenticated request through
// PocketBase's router: middleware chain, token verification, envelope.
func BenchmarkAccountRequest(b *testing.B) {
	app := newTestApp(b)
	defer app.Cleanup()
	server := testServer(b, app)
	headers := annLogin.bearer()

	b.ReportAllocs()
	for b.Loop() {
		if rec := call(server, "GET", "/api/account", "", headers); rec.Code != 200 {
			b.Fatalf("status %d: %s %v", rec.Code, rec.Body, rec.Header())
		}
	}
}

// BenchmarkHealthRequest is the router's ceiling in the same harness:
// PocketBase's unauthenticated /api/health.
func BenchmarkHealthRequest(b *testing.B) {
	app := newTestApp(b)
	defer app.Cleanup()
	app.Settings().RateLimits.Enabled = false // PocketBase's limiter guards /api/health
	server := testServer(b, app)

	b.ReportAllocs()
	for b.Loop() {
		if rec := call(server, "GET", "/api/health", "", nil); rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
