package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// revokedAction is the activity-log action of revoking a token of a type.
var revokedAction = map[string]string{
	model.TokenTypeLogin: model.ActionDeviceRevoked,
	model.TokenTypeAPI:   model.ActionTokenRevoked,
}

// revokeOwnToken deletes the caller's token of tokenType named in the
// path; another user's token (or one of the other type) is 404.
func revokeOwnToken(e *core.RequestEvent, tokenType string, message i18n.Key) error {
	token, err := model.FindUserToken(e.App, e.Auth.Id, tokenType, e.Request.PathValue("id"))
	if err != nil {
		return notFoundOr500(e, err)
	}
	ev := auditEvent(e, revokedAction[tokenType], e.Auth.Id)
	ev.CredentialID = token.Id
	ev.Details = map[string]any{"name": token.Name()}
	err = withAudit(e, &ev, func(txApp core.App) error { return txApp.Delete(token) })
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, message, nil)
}

// revokeOwnTokens deletes, once the password in the body is checked, every
// token of tokenType of the caller but keepID.
func revokeOwnTokens(e *core.RequestEvent, keepID, tokenType string, message i18n.Key) error {
	form := &passwordForm{user: model.AsUser(e.Auth)}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}
	ev := auditEvent(e, revokedAction[tokenType], e.Auth.Id)
	err := withAudit(e, &ev, func(txApp core.App) error {
		n, err := model.RevokeTokens(txApp, e.Auth.Id, keepID, tokenType)
		ev.Details = map[string]any{"revoked": n}
		return err
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, message, nil)
}
