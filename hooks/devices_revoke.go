package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// devicesRevoke logs one device of the caller out; another user's device
// is 404.
func devicesRevoke(e *core.RequestEvent) error {
	return revokeOwnToken(e, model.TokenTypeLogin, i18n.DeviceRevoked)
}

// devicesRevokeOthers logs every other device out, once the password is
// checked; the device making the request stays.
func devicesRevokeOthers(e *core.RequestEvent) error {
	return revokeOwnTokens(e, credentialOf(e).id, model.TokenTypeLogin, i18n.OtherDevicesGone)
}
