// Package credentials holds the pure crypto and parsing of the appliance's
// credentials: Sanctum-style tokens, API keys and abilities. It touches no
// database, so every parser here can be fuzzed and benchmarked alone.
package credentials

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"strings"

	"github.com/pocketbase/pocketbase/tools/security"
)

// TokenRandomLength is the number of random base62 characters of a token
// secret (Sanctum's figure: about 238 bits).
const TokenRandomLength = 40

const checksumLength = 8

// MaxPrefixLength bounds the optional token prefix used by secret scanners.
const MaxPrefixLength = 16

// RecordIDLength is the length of a PocketBase record id.
const RecordIDLength = 15

// ErrMalformed is returned for any credential string that cannot be ours.
var ErrMalformed = errors.New("malformed credential")

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// RandomBase62 returns n characters drawn uniformly from [0-9A-Za-z] with
// crypto/rand.
func RandomBase62(n int) string {
	return security.RandomString(n) // PocketBase's: crypto/rand, same alphabet
}

// NewTokenSecret returns a fresh token secret:
// <prefix><40 random base62><8 hex chars of the crc32b of the 40>.
func NewTokenSecret(prefix string) string {
	return TokenSecret(prefix, RandomBase62(TokenRandomLength))
}

// TokenSecret builds the secret of a given random part; tests use it for
// fixed fixtures.
func TokenSecret(prefix, random string) string {
	return prefix + random + checksum(random)
}

func checksum(random string) string {
	var out [checksumLength]byte
	return string(appendChecksum(out[:0], random))
}

// appendChecksum appends the 8 hex characters of the crc32b of random,
// without allocating: verification runs on every request.
func appendChecksum(dst []byte, random string) []byte {
	var buf [64]byte
	sum := crc32.ChecksumIEEE(append(buf[:0], random...))
	var raw [4]byte
	binary.BigEndian.PutUint32(raw[:], sum)
	return hex.AppendEncode(dst, raw[:])
}

// FormatToken joins a token record id and its secret into the string the
// client keeps.
func FormatToken(id, secret string) string {
	return id + "|" + secret
}

// ParseToken splits a bearer value into its record id (empty for a bare
// secret) and its secret, and checks the checksum, so that a mistyped or
// forged token is refused before any database work.
func ParseToken(value string) (id, secret string, err error) {
	id, secret, found := strings.Cut(value, "|")
	if !found {
		id, secret = "", value
	} else if !IsRecordID(id) {
		return "", "", ErrMalformed
	}
	if !ValidTokenSecret(secret) {
		return "", "", ErrMalformed
	}
	return id, secret, nil
}

// ValidTokenSecret reports whether secret has the token shape and a correct
// checksum. The prefix is not compared with the current setting, so that
// changing the setting does not log every device out.
func ValidTokenSecret(secret string) bool {
	n := len(secret)
	if n < TokenRandomLength+checksumLength || n > TokenRandomLength+checksumLength+MaxPrefixLength {
		return false
	}
	prefix := secret[:n-TokenRandomLength-checksumLength]
	random := secret[len(prefix) : n-checksumLength]
	sum := secret[n-checksumLength:]
	if !ValidPrefix(prefix) || !isBase62(random) {
		return false
	}
	var want [checksumLength]byte
	return subtle.ConstantTimeCompare([]byte(sum), appendChecksum(want[:0], random)) == 1
}

// ValidPrefix reports whether p may prefix a token: at most
// MaxPrefixLength characters of [A-Za-z0-9_].
func ValidPrefix(p string) bool {
	if len(p) > MaxPrefixLength {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '_' && strings.IndexByte(base62, c) < 0 {
			return false
		}
	}
	return true
}

// IsRecordID reports whether s looks like a PocketBase record id.
func IsRecordID(s string) bool {
	if len(s) != RecordIDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func isBase62(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// Hash returns the hex SHA-256 of a secret, the only form kept at rest.
// A plain hash is enough: secrets carry at least 238 random bits. It
// allocates only the result: it runs on every request.
func Hash(secret string) string {
	var buf [128]byte
	var sum [sha256.Size]byte
	if len(secret) <= len(buf) {
		sum = sha256.Sum256(append(buf[:0], secret...))
	} else {
		sum = sha256.Sum256([]byte(secret))
	}
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}

// Equal compares two strings in constant time.
func Equal(a, b string) bool {
	return security.Equal(a, b)
}

// BearerValue returns what follows "Bearer " (any case) in an
// Authorization header, or "" when the scheme is another one.
func BearerValue(authorization string) string {
	scheme, value, found := strings.Cut(strings.TrimSpace(authorization), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(value)
}
