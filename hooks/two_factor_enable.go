package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// twoFactorEnable starts the two-factor set-up once the password is
// checked: a new secret, shown with its otpauth:// URL for the
// authenticator app. Two-factor stays off until twoFactorConfirm; starting
// again replaces a pending secret.
func twoFactorEnable(e *core.RequestEvent) error {
	user := model.AsUser(e.Auth)
	form := &passwordForm{user: user}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}
	if user.TwoFactorEnabled() {
		return failure(http.StatusForbidden, i18n.TwoFactorAlreadyOn)
	}

	secret, url, err := model.StartTwoFactor(e.App, user, e.App.Settings().Meta.AppName)
	if err != nil {
		return e.InternalServerError("", err)
	}
	ev := auditEvent(e, model.ActionTwoFactorSetupStarted, user.Id)
	if err := withAudit(e, &ev, func(txApp core.App) error { return txApp.Save(user) }); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.TwoFactorSetup, struct {
		Secret     string `json:"secret"`
		OTPAuthURL string `json:"otpauth_url"`
	}{secret, url})
}
