// Package harness holds what the end-to-end tests and the measuring
// commands (e2e/attack, e2e/load) share to run the real binary on
// loopback.
package harness

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"time"
)

// FreePort returns a TCP port free on 127.0.0.1 just now.
func FreePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port, nil
}

// WaitHealthy waits, at most d, until base answers GET /api/health with 200.
func WaitHealthy(base string, d time.Duration) error {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(base + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("%s did not answer /api/health within %s", base, d)
}

// Median returns the median of xs, which it leaves as they are.
func Median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
