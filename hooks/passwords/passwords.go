// Package passwords holds the password policy of API.md §10 that is not a
// plain length: the 10,000 most common passwords, embedded in the binary,
// and the check against the account's own email.
package passwords

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// MinLength and MaxLength bound a new password, in characters.
const (
	MinLength = 8
	MaxLength = 64
)

// MaxBytes is bcrypt's bound: it ignores every byte past the 72nd.
const MaxBytes = 72

// minLocalPart is the shortest local part of an email that a password may
// not contain: a one- or two-letter local part is inside too many good
// passwords to say anything.
const minLocalPart = 3

//go:embed common.txt
var commonList string

var common = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 10000)
	for _, line := range strings.Split(commonList, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			set[strings.ToLower(line)] = struct{}{}
		}
	}
	return set
})

// Length is the length of a password in characters, as people count them.
func Length(password string) int {
	return utf8.RuneCountInString(password)
}

// IsCommon reports whether the password, ignoring case, is one of the
// 10,000 most common ones.
func IsCommon(password string) bool {
	_, ok := common()[strings.ToLower(password)]
	return ok
}

// ContainsLocalPart reports whether the password contains the local part
// of email (the part before the @), ignoring case.
func ContainsLocalPart(password, email string) bool {
	local, _, found := strings.Cut(email, "@")
	if !found || utf8.RuneCountInString(local) < minLocalPart {
		return false
	}
	return strings.Contains(strings.ToLower(password), strings.ToLower(local))
}

// count is the size of the embedded list, for the test.
func count() int { return len(common()) }
