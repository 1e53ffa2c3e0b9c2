package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// dashboardShow answers a small summary of the account's credentials.
func dashboardShow(e *core.RequestEvent) error {
	devices, err := model.CountUserTokens(e.App, e.Auth.Id, model.TokenTypeLogin)
	if err != nil {
		return e.InternalServerError("", err)
	}
	tokens, err := model.CountUserTokens(e.App, e.Auth.Id, model.TokenTypeAPI)
	if err != nil {
		return e.InternalServerError("", err)
	}
	keys, err := model.CountUserAPIKeys(e.App, e.Auth.Id)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.Dashboard, struct {
		User    userResource `json:"user"`
		Devices int64        `json:"devices"`
		Tokens  int64        `json:"tokens"`
		Keys    int64        `json:"keys"`
	}{newUserResource(model.AsUser(e.Auth)), devices, tokens, keys})
}
