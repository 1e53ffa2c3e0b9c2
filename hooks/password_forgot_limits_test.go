package hooks

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
	"github.com/authappliance/appliance/hooks/throttle"
)

// testClock is a clock the tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// withClock gives app a limiter on a clock the test moves.
func withClock(app *tests.TestApp) *testClock {
	clock := &testClock{t: time.Now()}
	app.Store().Set(throttleStoreKey, throttle.New(clock.now))
	return clock
}

// resetTokenOf reads the token of a reset mail's link.
func resetTokenOf(t testing.TB, app *tests.TestApp, email string) string {
	t.Helper()
	u, err := url.Parse(linkIn(t, lastMailTo(t, app, email), "/reset-password?"))
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("token")
}

// TestResetMailBombing: a burst of reset requests for one address sends
// one mail, answers every request the same, and leaves the mailed link
// valid; over a day at most five mails go out.
func TestResetMailBombing(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	clock := withClock(app)
	server := testServer(t, app)
	forgot := func(email string) string {
		rec := call(server, http.MethodPost, "/api/password/forgot", `{"email":"`+email+`"}`, nil)
		if rec.Code != 200 {
			t.Fatalf("forgot %s: %d %s", email, rec.Code, rec.Body.String())
		}
		return rec.Body.String()
	}
	mailsTo := func(address string) int {
		n := 0
		for _, m := range app.TestMailer.Messages() {
			if m.To[0].Address == address {
				n++
			}
		}
		return n
	}

	first := forgot("ann@example.com")
	token := resetTokenOf(t, app, "ann@example.com")
	for range 50 {
		if body := forgot("Ann@Example.com"); body != first {
			t.Fatalf("answers differ inside the limit:\n%s\n%s", first, body)
		}
		if body := forgot("nobody@example.com"); body != first {
			t.Fatalf("an unknown address answers differently:\n%s\n%s", first, body)
		}
	}
	if n := mailsTo("ann@example.com"); n != 1 {
		t.Fatalf("%d reset mails in a burst, want 1", n)
	}
	if valid, err := model.ValidPasswordReset(app, token, annID, time.Now()); !valid || err != nil {
		t.Fatal("the burst killed the mailed link")
	}

	// one more every two minutes, five in a day
	for range 10 {
		clock.advance(2 * time.Minute)
		forgot("ann@example.com")
	}
	if n := mailsTo("ann@example.com"); n != 5 {
		t.Fatalf("%d reset mails in a day, want 5", n)
	}
	clock.advance(24 * time.Hour)
	forgot("ann@example.com")
	if n := mailsTo("ann@example.com"); n != 6 {
		t.Fatalf("the next day: %d mails, want 6", n)
	}

	// the last mailed link works
	newest := resetTokenOf(t, app, "ann@example.com")
	rec := call(server, http.MethodPost, "/api/password/reset/"+newest,
		`{"email":"ann@example.com","password":"tulip-harbor-91","password_confirmation":"tulip-harbor-91"}`, nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"success":true`) {
		t.Fatalf("reset with the mailed link: %d %s", rec.Code, rec.Body.String())
	}
}
