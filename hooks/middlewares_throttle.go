package hooks

import (
	"net/http"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
	"github.com/authappliance/appliance/hooks/throttle"
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

// throttleWindow is the window of the request groups.
const throttleWindow = time.Minute

// The limits that guard accounts and inboxes rather than the server
// (API.md §10). They stay on when an operator turns throttling off.
var (
	verificationMailRule = []throttle.Rule{{Limit: 1, Window: time.Minute}}
	resetMailRules       = []throttle.Rule{{Limit: 1, Window: 2 * time.Minute}, {Limit: 5, Window: 24 * time.Hour}}
	emailChangeMailRules = []throttle.Rule{{Limit: 3, Window: time.Hour}}
	passwordCheckRules   = []throttle.Rule{{Limit: 10, Window: 15 * time.Minute}}
)

const throttleStoreKey = "appThrottle"

// limiterOf returns the app's one limiter.
func limiterOf(app core.App) *throttle.Limiter {
	return app.Store().GetOrSet(throttleStoreKey, func() any {
		return throttle.New(time.Now)
	}).(*throttle.Limiter)
}

// throttleGroup limits the requests of one group. It is on by default and set
// in appliance_settings; a throttled request gets 429 with Retry-After.
func throttleGroup(group string) *hook.Handler[*core.RequestEvent] {
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
	settings := model.SettingsOf(e.App)
	// the verification-mail limit guards inboxes, not the server: it stays
	// on when an operator turns throttling off
	if !settings.ThrottleEnabled && group != throttleVerificationMail {
		return nil
	}
	rules, bucket := throttleBucket(e, settings, group)
	res := limiterOf(e.App).Allow(bucket, rules...)

	h := e.Response.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(res.Limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(res.Remaining))
	return tooManyRequests(e, res)
}

// tooManyRequests is the 429 of a refused result, with Retry-After; nil
// when the result is within its limits.
func tooManyRequests(e *core.RequestEvent, res throttle.Result) error {
	if res.OK {
		return nil
	}
	e.Response.Header().Set("Retry-After", strconv.Itoa(int(res.RetryIn/time.Second)))
	return failure(http.StatusTooManyRequests, i18n.TooManyRequests)
}

func throttleBucket(e *core.RequestEvent, s *model.Settings, group string) ([]throttle.Rule, string) {
	perMinute := func(n int) []throttle.Rule { return []throttle.Rule{{Limit: n, Window: throttleWindow}} }
	c := credentialOf(e)
	switch group {
	case throttleUser:
		// only a token spends its owner's bucket: a key holder must not be
		// able to lock the owner out
		if c != nil && c.kind == kindToken {
			return perMinute(s.ThrottleUser), group + "|" + c.user.Id
		}
		return perMinute(s.ThrottleUser), group + "|ip|" + e.RealIP()
	case throttleVerificationMail:
		return verificationMailRule, group + "|" + c.user.Id
	case throttleAPIKey:
		if c != nil && c.kind == kindAPIKey {
			return perMinute(s.ThrottleKey), group + "|" + c.id
		}
		return perMinute(s.ThrottleKey), group + "|ip|" + e.RealIP()
	}
	// e.Request.Pattern is the route ("POST /api/login"): one bucket per route
	return perMinute(s.ThrottlePublic), group + "|" + e.Request.Pattern + "|" + e.RealIP()
}
