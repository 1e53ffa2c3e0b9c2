package throttle

import (
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

var perMinute3 = Rule{Limit: 3, Window: time.Minute}

func TestAllowCountsWithinTheWindow(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := New(c.now)
	for i, want := range []int{2, 1, 0} {
		r := l.Allow("b", perMinute3)
		if !r.OK || r.Remaining != want || r.Limit != 3 || r.RetryIn != 0 {
			t.Fatalf("event %d: %+v, want OK with %d remaining", i, r, want)
		}
	}
	c.advance(20500 * time.Millisecond)
	r := l.Allow("b", perMinute3)
	if r.OK || r.Remaining != 0 {
		t.Fatalf("fourth event: %+v, want refused", r)
	}
	if r.RetryIn != 40*time.Second {
		t.Fatalf("RetryIn = %v, want 40s (39.5s rounded up)", r.RetryIn)
	}
	// the window ends a minute after its first event, refusals or not
	c.advance(39500 * time.Millisecond)
	if r := l.Allow("b", perMinute3); !r.OK || r.Remaining != 2 {
		t.Fatalf("new window: %+v", r)
	}
}

func TestBucketsAreSeparate(t *testing.T) {
	c := &clock{t: time.Unix(0, 0)}
	l := New(c.now)
	hourly := Rule{Limit: 1, Window: time.Hour}
	if !l.Allow("a", hourly).OK || l.Allow("a", hourly).OK {
		t.Fatal("bucket a: want one event an hour")
	}
	if !l.Allow("b", hourly).OK {
		t.Fatal("bucket b shares a's count")
	}
	c.advance(59 * time.Minute)
	if l.Allow("a", hourly).OK {
		t.Fatal("an hour's window ended after 59 minutes")
	}
	c.advance(time.Minute)
	if !l.Allow("a", hourly).OK {
		t.Fatal("an hour's window did not end after an hour")
	}
}

func TestSeveralRulesCountTogetherOrNotAtAll(t *testing.T) {
	c := &clock{t: time.Unix(0, 0)}
	l := New(c.now)
	rules := []Rule{{Limit: 1, Window: 2 * time.Minute}, {Limit: 3, Window: 24 * time.Hour}}
	allowed := 0
	for range 24 * 30 { // every two minutes for a day
		if r := l.Allow("mail", rules...); r.OK {
			allowed++
		} else if r.RetryIn <= 0 {
			t.Fatalf("refusal without RetryIn: %+v", r)
		}
		// a refusal by the 2-minute rule must not spend the day's
		if r := l.Allow("mail", rules...); r.OK {
			t.Fatal("two events within two minutes")
		}
		c.advance(2 * time.Minute)
	}
	if allowed != 3 {
		t.Fatalf("%d events allowed in a day, want 3", allowed)
	}
	r := l.Allow("mail", rules...)
	if !r.OK || r.Limit != 1 || r.Remaining != 0 {
		t.Fatalf("next day: %+v, want OK under the tightest rule", r)
	}
}

func TestPruneForgetsEndedWindows(t *testing.T) {
	c := &clock{t: time.Unix(0, 0)}
	l := New(c.now)
	l.Allow("short", Rule{Limit: 1, Window: time.Minute})
	l.Allow("long", Rule{Limit: 1, Window: 24 * time.Hour})
	c.advance(time.Minute)
	l.Prune()
	if l.Len() != 1 {
		t.Fatalf("after a minute %d windows remain, want 1 (the day's)", l.Len())
	}
	if l.Allow("long", Rule{Limit: 1, Window: 24 * time.Hour}).OK {
		t.Fatal("prune dropped a live window")
	}
}

func BenchmarkAllow(b *testing.B) {
	l := New(nil)
	rule := Rule{Limit: 1 << 30, Window: time.Minute}
	for b.Loop() {
		l.Allow("bench", rule)
	}
}
