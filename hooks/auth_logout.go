package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// authLogout revokes the token used for this request.
func authLogout(e *core.RequestEvent) error {
	token, err := model.FindTokenByID(e.App, credentialOf(e).id)
	if err != nil {
		return notFoundOr500(e, err)
	}
	err = withAudit(e, ptr(auditEvent(e, model.ActionLogout, e.Auth.Id)), func(txApp core.App) error {
		return txApp.Delete(token)
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	if credentialOf(e).viaCookie {
		clearSessionCookie(e)
	}
	return respond(e, http.StatusOK, i18n.LoggedOut, nil)
}

// authLogoutAll revokes every login token of the user, the current one
// too; personal access tokens and API keys stay.
func authLogoutAll(e *core.RequestEvent) error {
	ev := auditEvent(e, model.ActionLogoutAll, e.Auth.Id)
	err := withAudit(e, &ev, func(txApp core.App) error {
		n, err := model.RevokeTokens(txApp, e.Auth.Id, "", model.TokenTypeLogin)
		ev.Details = map[string]any{"revoked": n}
		return err
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.LoggedOutAll, nil)
}
