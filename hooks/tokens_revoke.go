package hooks

import (
	"errors"
	"database/sql"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// tokensRevoke deletes one personal access token of the caller; another
// user's token is 404.
func tokensRevoke(e *core.RequestEvent) error {
	token, err := findUserToken(e.App, e.Auth.Id, tokenTypeAPI, e.Request.PathValue("id"))
	if err != nil {
		return notFoundOr500(e, err)
	}
	if err := e.App.Delete(token); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.TokenRevoked, nil)
}

// tokensRevokeAll deletes every personal access token of the caller, once
// the password is checked.
func tokensRevokeAll(e *core.RequestEvent) error {
	form := &passwordForm{user: asUser(e.Auth)}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}
	if err := deleteUserTokens(e.App, e.Auth.Id, "", tokenTypeAPI); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.TokensRevoked, nil)
}

// notFoundOr500 answers a failed lookup of the caller's resource: missing
// (or another user's) is 404, anything else a server fault.
func notFoundOr500(e *core.RequestEvent, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return failure(http.StatusNotFound, i18n.NotFound)
	}
	return e.InternalServerError("", err)
}
