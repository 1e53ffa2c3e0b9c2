package passwords

import (
	"strings"
	"testing"
)

func TestTheListHoldsTenThousandPasswords(t *testing.T) {
	if n := count(); n < 9900 || n > 10000 {
		t.Fatalf("%d distinct common passwords, want about 10,000", n)
	}
}

func TestIsCommon(t *testing.T) {
	for _, pw := range []string{"password", "password123", "PASSWORD123", "qwertyuiop", "iloveyou", "12345678"} {
		if !IsCommon(pw) {
			t.Errorf("%q is not found common", pw)
		}
	}
	for _, pw := range []string{"correct horse battery staple", "Tr0ub4dor&3-x", "€€€€€€€€", ""} {
		if IsCommon(pw) {
			t.Errorf("%q is found common", pw)
		}
	}
}

func TestContainsLocalPart(t *testing.T) {
	cases := []struct {
		password, email string
		want            bool
	}{
		{"ann.smith-2024!", "ann.smith@example.com", true},
		{"xxANN.SMITHxx", "ann.smith@example.com", true},
		{"a long unrelated phrase", "ann.smith@example.com", false},
		{"jo jo jo jo jo", "jo@example.com", false}, // too short to judge
		{"anything", "not-an-email", false},
	}
	for _, c := range cases {
		if got := ContainsLocalPart(c.password, c.email); got != c.want {
			t.Errorf("ContainsLocalPart(%q, %q) = %v", c.password, c.email, got)
		}
	}
}

func TestLengthCountsCharacters(t *testing.T) {
	if n := Length(strings.Repeat("€", 24)); n != 24 {
		t.Fatalf("24 euro signs are %d characters", n)
	}
}

func BenchmarkIsCommon(b *testing.B) {
	IsCommon("warm")
	for b.Loop() {
		IsCommon("Some-Password-2026")
	}
}
