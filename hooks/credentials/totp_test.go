package credentials

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestMatchTOTP(t *testing.T) {
	secret, link, err := NewTOTP("Appliance", "ann@example.com")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Query().Get("secret") != secret {
		t.Fatalf("bad otpauth URL %q", link)
	}
	now := time.Unix(1_800_000_015, 0) // mid-step
	step := now.Unix() / TOTPPeriod
	code := func(at time.Time) string {
		c, err := TOTPCode(secret, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	cases := []struct {
		name     string
		code     string
		lastStep int64
		want     int64 // 0: refused
	}{
		{"current step", code(now), 0, step},
		{"one step early (drift)", code(now.Add(-TOTPPeriod * time.Second)), 0, step - 1},
		{"one step late (drift)", code(now.Add(TOTPPeriod * time.Second)), 0, step + 1},
		{"two steps early", code(now.Add(-2 * TOTPPeriod * time.Second)), 0, 0},
		{"replay of the step just used", code(now), step, 0},
		{"an older step after a newer one was used", code(now.Add(-TOTPPeriod * time.Second)), step, 0},
		{"a newer step after an older one was used", code(now.Add(TOTPPeriod * time.Second)), step, step + 1},
		{"spaces around", " " + code(now) + " ", 0, step},
		{"wrong length", code(now)[:5], 0, 0},
		{"garbage", "abcdef", 0, 0},
	}
	for _, tc := range cases {
		got, ok := MatchTOTP(secret, tc.code, now, tc.lastStep)
		if got != tc.want || ok != (tc.want != 0) {
			t.Errorf("%s: got step %d (%v), want %d", tc.name, got, ok, tc.want)
		}
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes := NewRecoveryCodes()
	if len(codes) != RecoveryCodeCount {
		t.Fatalf("%d codes", len(codes))
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 19 || strings.Count(c, "-") != 3 || strings.ContainsAny(c, "01ilo") {
			t.Fatalf("bad code %q", c)
		}
		if seen[c] {
			t.Fatalf("repeated code %q", c)
		}
		seen[c] = true
		if NormalizeRecoveryCode(" "+strings.ToUpper(c)+" ") != strings.ReplaceAll(c, "-", "") {
			t.Fatalf("normalize %q", c)
		}
	}
}

func TestSealOpen(t *testing.T) {
	key := []byte(strings.Repeat("k", 32))
	sealed, err := Seal(key, "JBSWY3DPEHPK3PXP", "user1")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "JBSWY3DPEHPK3PXP") {
		t.Fatal("sealed value holds the plaintext")
	}
	if got, err := Open(key, sealed, "user1"); err != nil || got != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := Open(key, sealed, "user2"); err == nil {
		t.Fatal("opened with another row's aad")
	}
	if _, err := Open([]byte(strings.Repeat("x", 32)), sealed, "user1"); err == nil {
		t.Fatal("opened with another key")
	}
	if _, err := Open(key, "not base64!", "user1"); err == nil {
		t.Fatal("opened garbage")
	}
}
