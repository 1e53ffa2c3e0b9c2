// Package signedlink signs and verifies the links the appliance mails:
// HMAC-SHA256 over the path and every query parameter, "expires" included,
// with a key that never leaves the server. It is pure: no app, no clock.
package signedlink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"time"
)

// Sign returns path?query with "expires" (Unix seconds) and "signature"
// added to params.
func Sign(key []byte, path string, params url.Values, expires time.Time) string {
	q := url.Values{}
	for k, v := range params {
		q[k] = v
	}
	q.Set("expires", strconv.FormatInt(expires.Unix(), 10))
	q.Set("signature", hex.EncodeToString(mac(key, path, q)))
	return path + "?" + q.Encode()
}

// Verify reports whether path and query carry a signature of key over
// them, and their "expires" has not passed at now.
func Verify(key []byte, path string, query url.Values, now time.Time) bool {
	expires, err := strconv.ParseInt(query.Get("expires"), 10, 64)
	if err != nil || now.Unix() > expires {
		return false
	}
	signatures := query["signature"]
	if len(signatures) != 1 {
		return false
	}
	given, err := hex.DecodeString(signatures[0])
	if err != nil {
		return false
	}
	return hmac.Equal(given, mac(key, path, query))
}

// mac is the HMAC of the path and the sorted query without "signature".
func mac(key []byte, path string, query url.Values) []byte {
	q := url.Values{}
	for k, v := range query {
		if k != "signature" {
			q[k] = v
		}
	}
	h := hmac.New(sha256.New, key)
	h.Write([]byte(path + "?" + q.Encode()))
	return h.Sum(nil)
}
