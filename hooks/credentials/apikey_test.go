package credentials

import (
	"strings"
	"testing"
)

func TestParseAPIKey(t *testing.T) {
	t.Parallel()

	key, secret := NewAPIKey()
	cases := []struct {
		name                    string
		auth, hKey, hSecret     string
		wantPresent, wantOK     bool
		wantKey, wantSecretPart string
	}{
		{"authorization", "api " + key + ":" + secret, "", "", true, true, key, secret},
		{"scheme in any case", "API " + key + ":" + secret, "", "", true, true, key, secret},
		{"headers", "", key, secret, true, true, key, secret},
		{"missing secret", "api " + key, "", "", true, false, "", ""},
		{"short key", "api abc:" + secret, "", "", true, false, "", ""},
		{"non-base62", "api " + key[:31] + "!:" + secret, "", "", true, false, "", ""},
		{"only one header", "", key, "", true, false, "", ""},
		{"nothing", "", "", "", false, false, "", ""},
		{"a bearer token is not a key", "Bearer x", "", "", false, false, "", ""},
	}
	for _, c := range cases {
		k, s, present, ok := ParseAPIKey(c.auth, c.hKey, c.hSecret)
		if present != c.wantPresent || ok != c.wantOK || (ok && (k != c.wantKey || s != c.wantSecretPart)) {
			t.Errorf("%s: got (%q, %q, %v, %v)", c.name, k, s, present, ok)
		}
	}
}

func FuzzParseAPIKey(f *testing.F) {
	key, secret := NewAPIKey()
	f.Add("api "+key+":"+secret, "", "")
	f.Add("", key, secret)
	f.Add("Api :", "x", "")
	f.Fuzz(func(t *testing.T, auth, hKey, hSecret string) {
		k, s, present, ok := ParseAPIKey(auth, hKey, hSecret)
		if ok && !present {
			t.Fatal("ok without present")
		}
		if ok && (len(k) != APIKeyLength || len(s) != APIKeySecretLen || strings.ContainsAny(k+s, ": \t|")) {
			t.Fatalf("accepted a malformed pair %q %q", k, s)
		}
	})
}

func BenchmarkParseAPIKey(b *testing.B) {
	key, secret := NewAPIKey()
	header := "api " + key + ":" + secret
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, ok := ParseAPIKey(header, "", ""); !ok {
			b.Fatal("refused")
		}
	}
}
