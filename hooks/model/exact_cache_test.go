package model

import "testing"

// A value read while a change dropped its key is not stored: it may be
// older than the change. The next get reads again.
func TestExactCacheDropsARacingRead(t *testing.T) {
	c := newExactCache[string](10)
	reads := 0
	racing := func() (string, []string, error) {
		reads++
		c.forget("k", nil) // the change commits while the read is under way
		return "old", []string{"k"}, nil
	}
	if v, _ := c.get("k", racing); v != "old" {
		t.Fatal("the read's value must still be answered")
	}
	fresh := func() (string, []string, error) { reads++; return "new", []string{"k"}, nil }
	if v, _ := c.get("k", fresh); v != "new" || reads != 2 {
		t.Fatalf("the racing read was stored: got %q after %d reads", v, reads)
	}
	if v, _ := c.get("k", fresh); v != "new" || reads != 2 {
		t.Fatalf("a quiet read was not stored: %d reads", reads)
	}
}

// forget drops every key of the value; past max the map starts over.
func TestExactCacheForgetAndBound(t *testing.T) {
	c := newExactCache[string](4)
	both := func() (string, []string, error) { return "v", []string{"id", "#hash"}, nil }
	_, _ = c.get("id", both)
	c.forget("id", func(string) []string { return []string{"#hash"} })
	if c.len() != 0 {
		t.Fatalf("%d keys left after forget", c.len())
	}
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		_, _ = c.get(k, func() (string, []string, error) { return k, []string{k}, nil })
	}
	if n := c.len(); n > 4 {
		t.Fatalf("%d keys, bound 4", n)
	}
}
