package hooks

import "github.com/pocketbase/pocketbase/tools/types"

// apiTime formats a time as API.md §1 says (UTC, microseconds, "Z"), or
// nil when unset.
func apiTime(dt types.DateTime) any {
	if dt.IsZero() {
		return nil
	}
	return dt.Time().UTC().Format("2006-01-02T15:04:05.000000Z")
}
