package hooks

import (
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// twoFactorDisable turns two-factor off with the password and a code: a
// TOTP code or a recovery code. The secret and the codes are erased.
// While the operator requires two-factor it cannot be turned off.
func twoFactorDisable(e *core.RequestEvent) error {
	form := &twoFactorDisableForm{user: model.AsUser(e.Auth)}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}
	if !form.user.TwoFactorEnabled() {
		return failure(http.StatusForbidden, i18n.TwoFactorNotOn)
	}
	if model.SettingsOf(e.App).RequireTwoFactor {
		return failure(http.StatusForbidden, i18n.TwoFactorRequired)
	}

	err := changeTwoFactor(e, auditEvent(e, model.ActionTwoFactorDisabled, e.Auth.Id), func(txApp core.App, user *model.User) (error, error) {
		ok, err := checkSecondFactor(txApp, user, form.Code)
		if err != nil {
			return nil, err
		}
		if !ok {
			return codeRefused("code"), nil
		}
		model.DisableTwoFactor(user)
		return nil, nil
	})
	if err != nil {
		return err
	}
	return respond(e, http.StatusOK, i18n.TwoFactorDisabled, nil)
}

// checkSecondFactor accepts a TOTP code (six digits) or a recovery code,
// and spends it on user (the caller saves).
func checkSecondFactor(app core.App, user *model.User, code string) (bool, error) {
	if len(code) == 6 {
		return model.CheckTOTP(app, user, code, time.Now())
	}
	return model.UseRecoveryCode(user, code), nil
}

// -------------------------------------------------------------------

type twoFactorDisableForm struct {
	user *model.User

	Password string `form:"password" json:"password"`
	Code     string `form:"code" json:"code"`
}

func (form *twoFactorDisableForm) validate() error {
	trimAll(&form.Code)
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Password, validation.Required, matchesPassword(form.user)),
		validation.Field(&form.Code, validation.Required, validation.Length(1, 64)),
	))
}
