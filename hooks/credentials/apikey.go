package credentials

import "strings"

// Lengths of the two halves of an API key (API.md §6).
const (
	APIKeyLength    = 32
	APIKeySecretLen = 64
)

// NewAPIKey returns a fresh public key and its secret.
func NewAPIKey() (key, secret string) {
	return RandomBase62(APIKeyLength), RandomBase62(APIKeySecretLen)
}

// ParseAPIKey reads an API key pair from either
// "Authorization: api <key>:<secret>" (scheme in any case) or the
// X-API-KEY and X-API-SECRET headers. present reports whether the request
// tried to use an API key at all; ok whether the pair is well formed.
func ParseAPIKey(authorization, headerKey, headerSecret string) (key, secret string, present, ok bool) {
	if scheme, value, found := strings.Cut(strings.TrimSpace(authorization), " "); found && strings.EqualFold(scheme, "api") {
		key, secret, _ = strings.Cut(strings.TrimSpace(value), ":")
		present = true
	} else if headerKey != "" || headerSecret != "" {
		key, secret = strings.TrimSpace(headerKey), strings.TrimSpace(headerSecret)
		present = true
	}
	if !present {
		return "", "", false, false
	}
	ok = len(key) == APIKeyLength && len(secret) == APIKeySecretLen && isBase62(key) && isBase62(secret)
	return key, secret, true, ok
}
