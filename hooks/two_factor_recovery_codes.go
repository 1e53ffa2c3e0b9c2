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
	ev := auditEvent(e, model.ActionRecoveryCodesRenewed, user.Id)
	err := withAudit(e, &ev, func(txApp core.App) error {
		fresh, err := model.FindUserByID(txApp, user.Id) // not to undo a sign-in's spent code
		if err != nil {
			return err
		}
		codes = model.RenewRecoveryCodes(fresh)
		return txApp.Save(fresh)
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.RecoveryCodesRenewed, recoveryCodesResult{codes})
}
