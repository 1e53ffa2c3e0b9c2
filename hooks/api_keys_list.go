package hooks

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// apiKeysList answers the caller's API keys: the public key, never the
// secret.
func apiKeysList(e *core.RequestEvent) error {
	keys, err := model.FindUserAPIKeys(e.App, e.Auth.Id)
	if err != nil {
		return e.InternalServerError("", err)
	}
	now := time.Now()
	out := make([]apiKeyListItem, len(keys))
	for i, k := range keys {
		out[i] = apiKeyListItem{
			ID:         k.Id,
			Name:       k.Name(),
			Key:        k.Key(),
			Abilities:  k.Abilities(),
			ExpiresAt:  apiTime(k.ExpiresAt()),
			LastUsedAt: apiTime(k.LastUsedAt(e.App)),
			CreatedAt:  apiTime(k.GetDateTime("created")),
			IsExpired:  k.IsExpired(now),
		}
	}
	return respond(e, http.StatusOK, i18n.APIKeys, out)
}

// apiKeyListItem is one key of GET /api/keys.
type apiKeyListItem struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Key        string   `json:"key"`
	Abilities  []string `json:"abilities"`
	ExpiresAt  any      `json:"expires_at"`
	LastUsedAt any      `json:"last_used_at"`
	CreatedAt  any      `json:"created_at"`
	IsExpired  bool     `json:"is_expired"`
}

// apiKeyCreated is the answer of create and regenerate, the only two that
// show the secret.
type apiKeyCreated struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Key       string   `json:"key"`
	Secret    string   `json:"secret"`
	Abilities []string `json:"abilities"`
	ExpiresAt any      `json:"expires_at"`
}

func apiKeyResource(k *model.APIKey, secret string) apiKeyCreated {
	return apiKeyCreated{k.Id, k.Name(), k.Key(), secret, k.Abilities(), apiTime(k.ExpiresAt())}
}
