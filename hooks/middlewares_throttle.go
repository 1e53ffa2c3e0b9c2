package hooks

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/authappliance/appliance/hooks/i18n"
)

// Throttle groups (API.md §7). Each has its own buckets: a group never
// shares a bucket with another.
const (
	throttlePublic = "public" // per route and client IP
	throttleUser   = "user"   // per user (per IP for a guest)
	throttleAPIKey = "key"    // per API key (per IP without one)

	// throttleVerificationMail allows one verification mail a minute per
	// user, whatever the user group allows and even with throttling off.
	throttleVerificationMail = "verification-mail"
)

const throttleWindow = time.Minute

const throttleStoreKey = "appThrottle"

// rateLimiter is a fixed-window counter per bucket, held in memory.
type rateLimiter struct {
	mu      sync.Mutex
	windows map[string]*rateWindow
}

type rateWindow struct {
	start time.Time
	count int
}

func limiterOf(app core.App) *rateLimiter {
	return app.Store().GetOrSet(throttleStoreKey, func() any {
		return &rateLimiter{windows: map[string]*rateWindow{}}
	}).(*rateLimiter)
}

// allow counts one request in bucket and reports whether it is within
// limit, with what remains and when the window ends.
func (l *rateLimiter) allow(bucket string, limit int, now time.Time) (remaining int, reset time.Time, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[bucket]
	if w == nil || now.Sub(w.start) >= throttleWindow {
		w = &rateWindow{start: now}
		l.windows[bucket] = w
	}
	reset = w.start.Add(throttleWindow)
	if w.count >= limit {
		return 0, reset, false
	}
	w.count++
	return limit - w.count, reset, true
}

// prune forgets windows that have ended.
func (l *rateLimiter) prune(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for bucket, w := range l.windows {
		if now.Sub(w.start) >= throttleWindow {
			delete(l.windows, bucket)
		}
	}
}

// throttle limits the requests of one group. It is on by default and set
// in appliance_settings; a throttled request gets 429 with Retry-After.
func throttle(group string) *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Func: func(e *core.RequestEvent) error {
			if err := checkThrottle(e, group); err != nil {
				return err
			}
			return e.Next()
		},
	}
}

// checkThrottle counts the request in its group's bucket, sets the
// X-RateLimit headers and answers 429 with Retry-After past the limit.
func checkThrottle(e *core.RequestEvent, group string) error {
	settings := settingsOf(e.App)
	// the verification-mail limit guards inboxes, not the server: it stays
	// on when an operator turns throttling off
	if !settings.ThrottleEnabled && group != throttleVerificationMail {
		return nil
	}
	limit, bucket := throttleBucket(e, settings, group)
	now := time.Now()
	remaining, reset, ok := limiterOf(e.App).allow(bucket, limit, now)

	h := e.Response.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	if !ok {
		retry := int(reset.Sub(now).Seconds() + 0.999)
		h.Set("Retry-After", strconv.Itoa(max(retry, 1)))
		return failure(http.StatusTooManyRequests, i18n.TooManyRequests)
	}
	return nil
}

func throttleBucket(e *core.RequestEvent, s *applianceSettings, group string) (int, string) {
	c := credentialOf(e)
	switch group {
	case throttleUser:
		// only a token spends its owner's bucket: a key holder must not be
		// able to lock the owner out
		if c != nil && c.kind == kindToken {
			return s.ThrottleUser, group + "|" + c.user.Id
		}
		return s.ThrottleUser, group + "|ip|" + e.RealIP()
	case throttleVerificationMail:
		return 1, group + "|" + c.user.Id
	case throttleAPIKey:
		if c != nil && c.kind == kindAPIKey {
			return s.ThrottleKey, group + "|" + c.id
		}
		return s.ThrottleKey, group + "|ip|" + e.RealIP()
	}
	// e.Request.Pattern is the route ("POST /api/login"): one bucket per route
	return s.ThrottlePublic, group + "|" + e.Request.Pattern + "|" + e.RealIP()
}
