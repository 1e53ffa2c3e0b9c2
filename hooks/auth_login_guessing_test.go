package hooks

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/authappliance/appliance/hooks/model"
)

// TestPasswordSprayFromManyIPs: 40 IPs spraying one account get at most 10
// password checks in 15 minutes; past that the right password is refused
// without being checked, with the same 429 for a known and an unknown
// email, while the owner signs in from an IP that signed in before.
func TestPasswordSprayFromManyIPs(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	login := func(ip, email, password string) (int, string, string) {
		rec := callFrom(server, ip, http.MethodPost, "/api/login", `{"email":"`+email+`","password":"`+password+`"}`, nil)
		return rec.Code, rec.Body.String(), rec.Header().Get("Retry-After")
	}

	// the owner signed in from home last week
	if err := model.RememberSignIn(app, annID, "198.51.100.1", time.Now().Add(-7*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	// and a month and a half ago from a café, which no longer counts
	if err := model.RememberSignIn(app, annID, "198.51.100.2", time.Now().Add(-45*24*time.Hour)); err != nil {
		t.Fatal(err)
	}

	checked := 0
	var refusedKnown, refusedUnknown string
	for i := range 40 {
		ip := fmt.Sprintf("203.0.113.%d", i+1)
		code, body, retry := login(ip, "ANN@example.com ", "wrong-guess-"+strconv.Itoa(i))
		switch code {
		case 401:
			checked++
		case 429:
			if n, err := strconv.Atoi(retry); err != nil || n < 1 || n > 15*60 {
				t.Fatalf("Retry-After = %q", retry)
			}
			refusedKnown = body
		default:
			t.Fatalf("attempt %d: %d %s", i, code, body)
		}
	}
	if checked != 10 {
		t.Fatalf("%d password checks from 40 IPs, want 10", checked)
	}

	// past the limit the right password is not even checked
	if code, _, _ := login("203.0.113.200", "ann@example.com", fixturePassword); code != 429 {
		t.Fatalf("the right password from a new IP past the limit: %d, want 429", code)
	}

	// an unknown email gets the same answer
	for i := range 11 {
		code, body, _ := login(fmt.Sprintf("203.0.113.%d", i+1), "nobody@example.com", "guess")
		if i == 10 {
			if code != 429 {
				t.Fatalf("unknown email past the limit: %d", code)
			}
			refusedUnknown = body
		}
	}
	if refusedKnown != refusedUnknown {
		t.Fatalf("429 bodies differ:\n%s\n%s", refusedKnown, refusedUnknown)
	}

	// the owner is never locked out from an IP that signed in before
	if code, body, _ := login("198.51.100.1", "ann@example.com", fixturePassword); code != 200 {
		t.Fatalf("owner locked out: %d %s", code, body)
	}
	if code, _, _ := login("198.51.100.2", "ann@example.com", fixturePassword); code != 429 {
		t.Fatalf("an IP last seen 45 days ago is still exempt: %d", code)
	}

	// another account is not affected
	if code, body, _ := login("203.0.113.1", "bob@example.com", fixturePassword); code != 200 {
		t.Fatalf("bob: %d %s", code, body)
	}
}

// TestGuessingLimitStaysOnWithThrottlingOff: the account limit guards the
// account, not the server; turning throttling off leaves it on.
func TestGuessingLimitStaysOnWithThrottlingOff(t *testing.T) {
	t.Parallel()

	app := newTestApp(t) // throttling is off in test apps
	defer app.Cleanup()
	server := testServer(t, app)
	codes := map[int]int{}
	for i := range 12 {
		rec := callFrom(server, fmt.Sprintf("203.0.113.%d", i+1), http.MethodPost, "/api/login", `{"email":"bob@example.com","password":"nope"}`, nil)
		codes[rec.Code]++
	}
	if codes[401] != 10 || codes[429] != 2 {
		t.Fatalf("answers %v, want 10×401 and 2×429", codes)
	}
}
