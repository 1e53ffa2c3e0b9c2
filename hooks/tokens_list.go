package hooks

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// tokensList answers the caller's personal access tokens (never their
// secrets).
func tokensList(e *core.RequestEvent) error {
	tokens, err := model.FindUserTokens(e.App, e.Auth.Id, model.TokenTypeAPI)
	if err != nil {
		return e.InternalServerError("", err)
	}
	now := time.Now()
	out := make([]tokenItem, len(tokens))
	for i, t := range tokens {
		out[i] = tokenItem{
			ID:         t.Id,
			Name:       t.Name(),
			Abilities:  t.Abilities(),
			LastUsedAt: apiTime(t.LastUsedAt(e.App)),
			ExpiresAt:  apiTime(t.ExpiresAt()),
			CreatedAt:  apiTime(t.GetDateTime("created")),
			IsExpired:  t.IsExpired(now),
		}
	}
	return respond(e, http.StatusOK, i18n.Tokens, out)
}

// tokenItem is one personal access token of GET /api/profile/api-tokens.
type tokenItem struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Abilities  []string `json:"abilities"`
	LastUsedAt any      `json:"last_used_at"`
	ExpiresAt  any      `json:"expires_at"`
	CreatedAt  any      `json:"created_at"`
	IsExpired  bool     `json:"is_expired"`
}
