package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// devicesList answers one entry per login token of the caller, marking the
// one used for this request.
func devicesList(e *core.RequestEvent) error {
	tokens, err := findUserTokens(e.App, e.Auth.Id, tokenTypeLogin)
	if err != nil {
		return e.InternalServerError("", err)
	}
	current := credentialOf(e).id
	usage := usageOf(e.App)

	devices := make([]map[string]any, len(tokens))
	for i, t := range tokens {
		devices[i] = map[string]any{
			"id":           t.Id,
			"name":         t.Name(),
			"attributes":   t.Attributes(),
			"is_current":   t.Id == current,
			"last_used_at": apiTime(usage.lastUsed(tokensCollection, t.Id, t.LastUsedAt())),
			"created_at":   apiTime(t.GetDateTime("created")),
			"expires_at":   apiTime(t.ExpiresAt()),
		}
	}
	return respond(e, http.StatusOK, i18n.ActiveDevices, devices)
}
