package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// apiDataShow is the seed's demo route for API keys: it answers who the
// key belongs to.
func apiDataShow(e *core.RequestEvent) error {
	c := credentialOf(e)
	return respond(e, http.StatusOK, i18n.APIDataTest, struct {
		User      userResource `json:"user"`
		Key       string       `json:"key"`
		Abilities []string     `json:"abilities"`
	}{newUserResource(c.user), c.apiKey, c.abilities})
}
