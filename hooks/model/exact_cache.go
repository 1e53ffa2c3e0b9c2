package model

import "sync"

// exactCache is the mechanism of the hot path's caches (users, tokens): a
// map that record hooks keep exact, never a TTL. forget bumps a generation
// under the lock, and a value read from the database while a forget ran is
// not stored, as it may predate the change. Past max entries the map
// starts over.
type exactCache[V any] struct {
	mu         sync.RWMutex
	generation uint64
	entries    map[string]V
	max        int
}

func newExactCache[V any](max int) *exactCache[V] {
	return &exactCache[V]{entries: map[string]V{}, max: max}
}

// get returns the value cached under key, else the one read returns, which
// it stores under every key read names (a token is found by id and by
// hash).
func (c *exactCache[V]) get(key string, read func() (V, []string, error)) (V, error) {
	c.mu.RLock()
	v, ok := c.entries[key]
	generation := c.generation
	c.mu.RUnlock()
	if ok {
		return v, nil
	}
	v, keys, err := read()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.generation == generation {
		if len(c.entries)+len(keys) > c.max {
			c.entries = map[string]V{}
		}
		for _, k := range keys {
			c.entries[k] = v
		}
	}
	c.mu.Unlock()
	return v, nil
}

// forget drops key and, when it was cached, the other keys its value is
// stored under (also, which may be nil).
func (c *exactCache[V]) forget(key string, also func(V) []string) {
	c.mu.Lock()
	c.generation++
	if v, ok := c.entries[key]; ok {
		delete(c.entries, key)
		if also != nil {
			for _, k := range also(v) {
				delete(c.entries, k)
			}
		}
	}
	c.mu.Unlock()
}

// len is how many keys are cached.
func (c *exactCache[V]) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}
