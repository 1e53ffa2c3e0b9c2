package credentials

import "testing"

func TestAllows(t *testing.T) {
	t.Parallel()

	cases := []struct {
		held     []string
		required string
		want     bool
	}{
		{[]string{"*"}, "account:read", true},
		{[]string{"account:read"}, "account:read", true},
		{[]string{"account:read"}, "account:write", false},
		{[]string{"account:*"}, "account:write", true},
		{[]string{"account:*"}, "accounts:write", false},
		{[]string{"account:*"}, "account", false},
		{[]string{}, "account:read", false},
		{nil, "account:read", false},
		{[]string{"reports:daily:*"}, "reports:daily:pdf", true},
	}
	for _, c := range cases {
		if got := Allows(c.held, c.required); got != c.want {
			t.Errorf("Allows(%v, %q) = %v", c.held, c.required, got)
		}
	}
}

func TestCovers(t *testing.T) {
	t.Parallel()

	if !Covers([]string{"account:*"}, []string{"account:read", "account:write"}) {
		t.Error("account:* covers its actions")
	}
	if Covers([]string{"account:read"}, []string{"*"}) {
		t.Error("a narrow token must not mint *")
	}
	if Covers([]string{"account:read"}, []string{"account:*"}) {
		t.Error("a narrow token must not mint a wildcard")
	}
	if !Covers([]string{"*"}, []string{"*"}) {
		t.Error("* covers *")
	}
}

func TestValidAbility(t *testing.T) {
	t.Parallel()

	for a, want := range map[string]bool{
		"*": true, "account:read": true, "reports:*": true, "a.b_c-d:e": true,
		"": false, "Account:read": false, "a b": false, ":*": false, "x*": false,
	} {
		if got := ValidAbility(a); got != want {
			t.Errorf("ValidAbility(%q) = %v", a, got)
		}
	}
}
