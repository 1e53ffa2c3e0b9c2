package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// devicesList answers one entry per login token of the caller, marking the
// one used for this request.
func devicesList(e *core.RequestEvent) error {
	tokens, err := model.FindUserTokens(e.App, e.Auth.Id, model.TokenTypeLogin)
	if err != nil {
		return e.InternalServerError("", err)
	}
	current := credentialOf(e).id

	devices := make([]deviceItem, len(tokens))
	for i, t := range tokens {
		devices[i] = deviceItem{
			ID:         t.Id,
			Name:       t.Name(),
			Attributes: t.Attributes(),
			IsCurrent:  t.Id == current,
			LastUsedAt: apiTime(t.LastUsedAt(e.App)),
			CreatedAt:  apiTime(t.GetDateTime("created")),
			ExpiresAt:  apiTime(t.ExpiresAt()),
		}
	}
	return respond(e, http.StatusOK, i18n.ActiveDevices, devices)
}

// deviceItem is one entry of GET /api/active-device.
type deviceItem struct {
	ID         string                 `json:"id"`
	Name       string                 `json:"name"`
	Attributes model.DeviceAttributes `json:"attributes"`
	IsCurrent  bool                   `json:"is_current"`
	LastUsedAt any                    `json:"last_used_at"`
	CreatedAt  any                    `json:"created_at"`
	ExpiresAt  any                    `json:"expires_at"`
}
