package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/model"
)

// alertNewDevice mails the user when a login comes from a device (same
// User-Agent and IP) that none of their other login tokens has used. It is
// on by default (appliance_settings.new_device_alert).
func alertNewDevice(e *core.RequestEvent, u *model.User, token *model.AccessToken) {
	if !model.SettingsOf(e.App).NewDeviceAlert {
		return
	}
	tokens, err := model.FindUserTokens(e.App, u.Id, model.TokenTypeLogin)
	if err != nil {
		e.App.Logger().Warn("cannot check for a new device", "error", err)
		return
	}
	attrs := token.Attributes()
	for _, t := range tokens {
		other := t.Attributes()
		if t.Id != token.Id && other.UserAgent == attrs.UserAgent && other.IPAddress == attrs.IPAddress {
			return
		}
	}
	sendMail(e.App, u, requestLang(e), u.Email(), newDeviceMail,
		map[string]string{"device": token.Name(), "ip": attrs.IPAddress}, "")
}
