package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// twoFactorRecoveryCodes replaces the recovery codes once the password is
// checked; the old ones stop working and the new ones are shown this once.
func twoFactorRecoveryCodes(e *core.RequestEvent) error {
	user := model.AsUser(e.Auth)
	form := &passwordForm{user: user}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}
	if !user.TwoFactorEnabled() {
		return failure(http.StatusForbidden, i18n.TwoFactorNotOn)
	}

	var codes []string
	err := changeTwoFactor(e, auditEvent(e, model.ActionRecoveryCodesRenewed, user.Id), func(_ core.App, fresh *model.User) (error, error) {
		codes = model.RenewRecoveryCodes(fresh)
		return nil, nil
	})
	if err != nil {
		return err
	}
	return respond(e, http.StatusOK, i18n.RecoveryCodesRenewed, recoveryCodesResult{codes})
}
