package model

import (
	"time"

	"github.com/pocketbase/pocketbase/tools/types"
)

// DateTimeIn returns now + d as a PocketBase date.
func DateTimeIn(d time.Duration) types.DateTime {
	dt, _ := types.ParseDateTime(time.Now().Add(d))
	return dt
}

// IsPast reports whether an optional expiry has passed.
func IsPast(expiresAt types.DateTime, now time.Time) bool {
	return !expiresAt.IsZero() && !expiresAt.Time().After(now)
}
