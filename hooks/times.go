package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/tools/types"
)

// dateTimeIn returns now + d as a PocketBase date.
func dateTimeIn(d time.Duration) types.DateTime {
	dt, _ := types.ParseDateTime(time.Now().Add(d))
	return dt
}

// isPast reports whether an optional expiry has passed.
func isPast(expiresAt types.DateTime, now time.Time) bool {
	return !expiresAt.IsZero() && !expiresAt.Time().After(now)
}

// apiTime formats a time as API.md §1 says (UTC, microseconds, "Z"), or
// nil when unset.
func apiTime(dt types.DateTime) any {
	if dt.IsZero() {
		return nil
	}
	return dt.Time().UTC().Format("2006-01-02T15:04:05.000000Z")
}
