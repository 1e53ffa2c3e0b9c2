package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// devicesRevoke logs one device of the caller out; another user's device
// is 404.
func devicesRevoke(e *core.RequestEvent) error {
	token, err := findUserToken(e.App, e.Auth.Id, tokenTypeLogin, e.Request.PathValue("id"))
	if err != nil {
		return notFoundOr500(e, err)
	}
	if err := e.App.Delete(token); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.DeviceRevoked, nil)
}

// devicesRevokeOthers logs every other device out, once the password is
// checked; the device making the request stays.
func devicesRevokeOthers(e *core.RequestEvent) error {
	form := &passwordForm{user: asUser(e.Auth)}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}
	if err := deleteUserTokens(e.App, e.Auth.Id, credentialOf(e).id, tokenTypeLogin); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.OtherDevicesGone, nil)
}
