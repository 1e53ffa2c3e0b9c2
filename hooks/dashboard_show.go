package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// dashboardShow answers a small summary of the account's credentials.
func dashboardShow(e *core.RequestEvent) error {
	devices, err := countUserTokens(e.App, e.Auth.Id, tokenTypeLogin)
	if err != nil {
		return e.InternalServerError("", err)
	}
	tokens, err := countUserTokens(e.App, e.Auth.Id, tokenTypeAPI)
	if err != nil {
		return e.InternalServerError("", err)
	}
	keys, err := countUserAPIKeys(e.App, e.Auth.Id)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.Dashboard, struct {
		User    userResource `json:"user"`
		Devices int64        `json:"devices"`
		Tokens  int64        `json:"tokens"`
		Keys    int64        `json:"keys"`
	}{newUserResource(asUser(e.Auth)), devices, tokens, keys})
}
