// Package throttle is a fixed-window rate limiter held in memory, with an
// injected clock so that windows of minutes, hours or days can be tested
// without waiting.
package throttle

import (
	"strconv"
	"sync"
	"time"
)

// Rule allows at most Limit events per Window.
type Rule struct {
	Limit  int
	Window time.Duration
}

// Limiter counts events per bucket in fixed windows. Make one with New.
type Limiter struct {
	now func() time.Time

	mu      sync.Mutex
	windows map[string]*window
}

type window struct {
	start, end time.Time
	count      int
}

// New returns a limiter reading the time from now (time.Now when nil).
func New(now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{now: now, windows: map[string]*window{}}
}

// Result is the outcome of one Allow.
type Result struct {
	OK        bool          // within every rule, and counted
	Limit     int           // the limit of the tightest rule
	Remaining int           // events left under the tightest rule
	RetryIn   time.Duration // until a refusing window ends, in whole seconds (at least one); zero when OK
}

// Allow counts one event in bucket under every rule, atomically: if any
// rule's window is full, nothing is counted and the event is refused.
func (l *Limiter) Allow(bucket string, rules ...Rule) Result {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()

	windows := make([]*window, len(rules))
	res := Result{OK: true, Remaining: -1}
	for i, rule := range rules {
		key := bucket
		if i > 0 {
			key += "#" + strconv.Itoa(i)
		}
		w := l.windows[key]
		if w == nil || !now.Before(w.end) {
			w = &window{start: now, end: now.Add(rule.Window)}
			l.windows[key] = w
		}
		windows[i] = w
		if w.count >= rule.Limit {
			res.OK = false
			res.RetryIn = max(res.RetryIn, ceilSeconds(w.end.Sub(now)))
		}
		if left := rule.Limit - w.count - 1; res.Remaining < 0 || left < res.Remaining {
			res.Limit, res.Remaining = rule.Limit, left
		}
	}
	if !res.OK {
		res.Remaining = 0
		return res
	}
	for _, w := range windows {
		w.count++
	}
	return res
}

// ceilSeconds rounds d up to whole seconds, at least one.
func ceilSeconds(d time.Duration) time.Duration {
	return max((d+time.Second-1)/time.Second*time.Second, time.Second)
}

// Prune forgets the windows that have ended.
func (l *Limiter) Prune() {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	for key, w := range l.windows {
		if !now.Before(w.end) {
			delete(l.windows, key)
		}
	}
}

// Len returns the number of live windows.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.windows)
}
