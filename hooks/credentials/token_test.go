package credentials

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"
)

func TestParseToken(t *testing.T) {
	t.Parallel()

	secret := NewTokenSecret("")
	prefixed := NewTokenSecret("app_")
	id := "abcdefghij12345"

	cases := []struct {
		name, value, id, secret string
		ok                      bool
	}{
		{"id and secret", id + "|" + secret, id, secret, true},
		{"bare secret", secret, "", secret, true},
		{"prefixed secret", id + "|" + prefixed, id, prefixed, true},
		{"bad checksum", id + "|" + secret[:47] + flip(secret[47]), "", "", false},
		{"changed random part", id + "|" + flip(secret[0]) + secret[1:], "", "", false},
		{"id too short", "abc|" + secret, "", "", false},
		{"id with uppercase", "ABCDEFGHIJ12345|" + secret, "", "", false},
		{"secret too short", id + "|" + secret[:20], "", "", false},
		{"prefix too long", id + "|" + strings.Repeat("p", MaxPrefixLength+1) + secret, "", "", false},
		{"bad prefix char", id + "|" + "a-b" + secret, "", "", false},
		{"empty", "", "", "", false},
		{"a JWT", "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IngifQ.sig", "", "", false},
	}
	for _, c := range cases {
		gotID, gotSecret, err := ParseToken(c.value)
		if (err == nil) != c.ok || gotID != c.id || gotSecret != c.secret {
			t.Errorf("%s: got (%q, %q, %v)", c.name, gotID, gotSecret, err)
		}
	}
}

func flip(c byte) string {
	if c == 'a' {
		return "b"
	}
	return "a"
}

func TestNewTokenSecretShape(t *testing.T) {
	t.Parallel()

	s := NewTokenSecret("")
	if len(s) != TokenRandomLength+checksumLength || !ValidTokenSecret(s) {
		t.Fatalf("bad secret %q", s)
	}
	if NewTokenSecret("") == s {
		t.Fatal("two secrets must differ")
	}
	if h := Hash(s); len(h) != 64 || strings.Contains(h, s) {
		t.Fatalf("bad hash %q", h)
	}
}

func TestBearerValue(t *testing.T) {
	t.Parallel()

	for in, want := range map[string]string{
		"Bearer abc":   "abc",
		"bearer  abc ": "abc",
		"BEARER abc":   "abc",
		"api k:s":      "",
		"abc":          "",
		"":             "",
	} {
		if got := BearerValue(in); got != want {
			t.Errorf("BearerValue(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseToken(f *testing.F) {
	f.Add("abcdefghij12345|" + NewTokenSecret(""))
	f.Add(NewTokenSecret("pfx_"))
	f.Add("1|abc")
	f.Add("|||")
	f.Add("")
	f.Fuzz(func(t *testing.T, value string) {
		id, secret, err := ParseToken(value)
		if err != nil {
			if id != "" || secret != "" {
				t.Fatal("a refused token must not return parts")
			}
			return
		}
		// anything accepted has the exact shape, so it is safe to look up
		if id != "" && !IsRecordID(id) {
			t.Fatalf("accepted bad id %q", id)
		}
		if !ValidTokenSecret(secret) {
			t.Fatalf("accepted bad secret %q", secret)
		}
		if id != "" && FormatToken(id, secret) != value {
			t.Fatalf("parts do not rebuild the token %q", value)
		}
	})
}

func BenchmarkParseToken(b *testing.B) {
	value := "abcdefghij12345|" + NewTokenSecret("")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ParseToken(value); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	secret := NewTokenSecret("")
	b.ReportAllocs()
	for b.Loop() {
		Hash(secret)
	}
}

// The allocation-free Hash and checksum give what the standard library
// gives, for short and long inputs.
func TestHashAndChecksumMatchTheLibrary(t *testing.T) {
	for _, s := range []string{"", "a", strings.Repeat("x", 48), strings.Repeat("y", 128), strings.Repeat("z", 500)} {
		sum := sha256.Sum256([]byte(s))
		if Hash(s) != hex.EncodeToString(sum[:]) {
			t.Fatalf("Hash(%d chars) differs from sha256", len(s))
		}
		if got, want := checksum(s), fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(s))); got != want {
			t.Fatalf("checksum(%d chars) = %s, want %s", len(s), got, want)
		}
	}
}
