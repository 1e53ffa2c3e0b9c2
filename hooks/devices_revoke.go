package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// devicesRevoke logs one device of the caller out; another user's device
// is 404.
func devicesRevoke(e *core.RequestEvent) error {
	return revokeOwnToken(e, tokenTypeLogin, i18n.DeviceRevoked)
}

// devicesRevokeOthers logs every other device out, once the password is
// checked; the device making the request stays.
func devicesRevokeOthers(e *core.RequestEvent) error {
	return revokeOwnTokens(e, credentialOf(e).id, tokenTypeLogin, i18n.OtherDevicesGone)
}
