package credentials

import "strings"

// AllAbilities is the wildcard ability that grants everything.
const AllAbilities = "*"

// MaxAbilityLength bounds the length of one ability name.
const MaxAbilityLength = 100

// ValidAbility reports whether a is "*" or a lowercase ability name made of
// [a-z0-9_.:-], such as "account:read" or "reports:*".
func ValidAbility(a string) bool {
	if a == AllAbilities {
		return true
	}
	if a == "" || len(a) > MaxAbilityLength {
		return false
	}
	name := strings.TrimSuffix(a, ":*")
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && !strings.ContainsRune("_.:-", rune(c)) {
			return false
		}
	}
	return true
}

// Allows reports whether the held abilities grant required. "*" grants
// everything and "resource:*" grants every "resource:action".
func Allows(held []string, required string) bool {
	for _, h := range held {
		if h == AllAbilities || h == required {
			return true
		}
		if resource, ok := strings.CutSuffix(h, ":*"); ok && strings.HasPrefix(required, resource+":") {
			return true
		}
	}
	return false
}

// Covers reports whether held grants every ability of requested, wildcards
// included, so that a credential never mints a stronger one.
func Covers(held, requested []string) bool {
	for _, r := range requested {
		if !Allows(held, r) {
			return false
		}
	}
	return true
}
