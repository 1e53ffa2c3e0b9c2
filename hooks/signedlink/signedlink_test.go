package signedlink

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

var (
	key   = []byte("0123456789abcdef0123456789abcdef")
	now   = time.Unix(1_800_000_000, 0)
	later = now.Add(time.Hour)
)

func split(t testing.TB, link string) (string, url.Values) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path, u.Query()
}

func TestSignedLinkVerifies(t *testing.T) {
	path, q := split(t, Sign(key, "/api/verify-new-email", url.Values{"user": {"u1"}, "email": {"a@b.c"}}, later))
	if !Verify(key, path, q, now) {
		t.Fatal("a fresh link does not verify")
	}
	if !Verify(key, path, q, later) {
		t.Fatal("a link does not verify at its expiry second")
	}
	if Verify(key, path, q, later.Add(time.Second)) {
		t.Fatal("an expired link verifies")
	}
}

// TestEveryPartIsSigned: changing the path, any query value, the expiry,
// or the key breaks the signature.
func TestEveryPartIsSigned(t *testing.T) {
	path, q := split(t, Sign(key, "/api/verify-new-email", url.Values{"user": {"u1"}, "email": {"a@b.c"}}, later))
	tamper := map[string]func(url.Values) (string, url.Values){
		"path":           func(q url.Values) (string, url.Values) { return "/api/verify-email/u1/x", q },
		"a query value":  func(q url.Values) (string, url.Values) { q.Set("email", "evil@b.c"); return path, q },
		"another user":   func(q url.Values) (string, url.Values) { q.Set("user", "u2"); return path, q },
		"an added param": func(q url.Values) (string, url.Values) { q.Set("admin", "1"); return path, q },
		"a later expiry": func(q url.Values) (string, url.Values) { q.Set("expires", "9999999999"); return path, q },
		"a second signature": func(q url.Values) (string, url.Values) {
			q.Add("signature", q.Get("signature"))
			return path, q
		},
	}
	for name, change := range tamper {
		copied := url.Values{}
		for k, v := range q {
			copied[k] = append([]string(nil), v...)
		}
		p, changed := change(copied)
		if Verify(key, p, changed, now) {
			t.Errorf("tampering with %s still verifies", name)
		}
	}
	if Verify([]byte("another key of thirty-two bytes!"), path, q, now) {
		t.Error("another key verifies")
	}
}

func FuzzVerify(f *testing.F) {
	link := Sign(key, "/api/verify-email/u1/abc", url.Values{}, later)
	f.Add("/api/verify-email/u1/abc", strings.SplitN(link, "?", 2)[1])
	f.Add("/", "expires=1&signature=zz")
	f.Add("/x", "expires=99999999999&signature=")
	f.Fuzz(func(t *testing.T, path, rawQuery string) {
		q, err := url.ParseQuery(rawQuery)
		if err != nil {
			return
		}
		if !Verify(key, path, q, now) {
			return
		}
		// anything that verifies must be a link Sign would make (hex of
		// either case decodes to the same signature)
		expires := q.Get("expires")
		params := url.Values{}
		for k, v := range q {
			if k != "signature" && k != "expires" {
				params[k] = v
			}
		}
		resigned := Sign(key, path, params, unix(t, expires))
		_, rq := split(t, "http://h"+resigned)
		if !strings.EqualFold(rq.Get("signature"), q.Get("signature")) {
			t.Fatalf("%s?%s verifies but is not a signed link", path, rawQuery)
		}
	})
}

func unix(t *testing.T, s string) time.Time {
	var secs int64
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("expires %q verified", s)
		}
		secs = secs*10 + int64(c-'0')
	}
	return time.Unix(secs, 0)
}

func BenchmarkVerify(b *testing.B) {
	path, q := split(b, Sign(key, "/api/verify-email/u1/abc", url.Values{}, later))
	for b.Loop() {
		Verify(key, path, q, now)
	}
}
