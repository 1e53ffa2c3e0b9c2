package credentials

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP as API.md §11 fixes it: RFC 6238 with SHA-1, 6 digits, 30-second
// steps, and one step of clock drift either way. pquerna/otp computes the
// codes; this file adds what it lacks: which step matched, so that an
// accepted code can never be accepted again.
const (
	TOTPPeriod = 30
	totpDrift  = 1
)

var totpOpts = totp.ValidateOpts{Period: TOTPPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// NewTOTP makes a new secret (20 random bytes, base32) and its otpauth://
// URL for an authenticator app.
func NewTOTP(issuer, account string) (secret, url string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer: issuer, AccountName: account, Period: TOTPPeriod,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1, SecretSize: 20,
	})
	if err != nil {
		return "", "", err
	}
	return key.Secret(), key.URL(), nil
}

// TOTPCode returns the code of secret at t (for tests and tools).
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totpOpts)
}

// MatchTOTP checks code against the steps around now and returns the step
// it matched. Steps up to lastStep were used already and never match, so
// a replayed code, or an older one, is refused.
func MatchTOTP(secret, code string, now time.Time, lastStep int64) (step int64, ok bool) {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return 0, false
	}
	current := now.Unix() / TOTPPeriod
	matched := int64(0)
	for s := current - totpDrift; s <= current+totpDrift; s++ {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*TOTPPeriod, 0), totpOpts)
		// every step is compared, in constant time, whatever matched before
		if err == nil && Equal(want, code) && s > lastStep {
			matched = s
		}
	}
	return matched, matched != 0
}

// RecoveryCodeCount is how many recovery codes a user gets at a time.
const RecoveryCodeCount = 10

// recoveryAlphabet leaves out the characters people misread (0 o 1 l i).
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// NewRecoveryCodes returns RecoveryCodeCount codes of 16 characters
// (about 79 bits each), grouped by four: "abcd-efgh-jkmn-pqrs".
func NewRecoveryCodes() []string {
	codes := make([]string, RecoveryCodeCount)
	for i := range codes {
		raw := rand.Text() // 26 base32 characters from crypto/rand
		var b strings.Builder
		for j := range 16 {
			if j > 0 && j%4 == 0 {
				b.WriteByte('-')
			}
			b.WriteByte(recoveryAlphabet[int(raw[j])%len(recoveryAlphabet)])
		}
		codes[i] = b.String()
	}
	return codes
}

// NormalizeRecoveryCode is how a typed code is compared: lowercase,
// without dashes or spaces.
func NormalizeRecoveryCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(code)))
}

// Seal encrypts plaintext with AES-256-GCM under key, bound to aad (for
// example the id of the row that holds it, so a sealed value copied into
// another row does not open), and returns base64 text.
func Seal(key []byte, plaintext, aad string) (string, error) {
	gcm, err := newGCM(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	sealed := gcm.Seal(nonce, nonce, []byte(plaintext), []byte(aad))
	return base64.RawStdEncoding.EncodeToString(sealed), nil
}

// Open decrypts what Seal returned for the same key and aad.
func Open(key []byte, sealed, aad string) (string, error) {
	gcm, err := newGCM(key)
	if err != nil {
		return "", err
	}
	raw, err := base64.RawStdEncoding.DecodeString(sealed)
	if err != nil || len(raw) < gcm.NonceSize() {
		return "", errors.New("credentials: not a sealed value")
	}
	plain, err := gcm.Open(nil, raw[:gcm.NonceSize()], raw[gcm.NonceSize():], []byte(aad))
	if err != nil {
		return "", errors.New("credentials: the sealed value does not open with this key")
	}
	return string(plain), nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
