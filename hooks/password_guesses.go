package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/model"
)

// checkPasswordGuesses counts a password check against the account of
// email (normalized, whether or not an account has it), unless the client
// IP signed in to that account in the last 30 days. Past the limit it
// answers 429 with Retry-After, the same for every email, and the caller
// must not check the password (API.md §10).
func checkPasswordGuesses(e *core.RequestEvent, email, userID string) error {
	known, err := model.SignedInFrom(e.App, userID, e.RealIP(), time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	if known {
		return nil
	}
	return tooManyRequests(e, limiterOf(e.App).Allow("password-check|"+model.NormalizeEmail(email), passwordCheckRules...))
}
