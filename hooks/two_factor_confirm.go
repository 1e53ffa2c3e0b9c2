package hooks

import (
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// twoFactorConfirm turns two-factor on with a code of the pending secret,
// and shows the recovery codes this once.
func twoFactorConfirm(e *core.RequestEvent) error {
	form := &twoFactorCodeForm{}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	var codes []string
	err := changeTwoFactor(e, auditEvent(e, model.ActionTwoFactorEnabled, e.Auth.Id), func(txApp core.App, user *model.User) (error, error) {
		switch {
		case user.TwoFactorEnabled():
			return failure(http.StatusForbidden, i18n.TwoFactorAlreadyOn), nil
		case !user.TwoFactorPending():
			return failure(http.StatusForbidden, i18n.TwoFactorNotStarted), nil
		}
		ok, err := model.CheckTOTP(txApp, user, form.Code, time.Now())
		if err != nil {
			return nil, err
		}
		if !ok {
			return codeRefused("code"), nil
		}
		codes = model.ConfirmTwoFactor(user)
		return nil, nil
	})
	if err != nil {
		return err
	}
	return respond(e, http.StatusOK, i18n.TwoFactorEnabled, recoveryCodesResult{codes})
}

// recoveryCodesResult shows recovery codes, this once.
type recoveryCodesResult struct {
	RecoveryCodes []string `json:"recovery_codes"`
}

// -------------------------------------------------------------------

// twoFactorCodeForm is the body of the routes that take a code.
type twoFactorCodeForm struct {
	Code string `form:"code" json:"code"`
}

func (form *twoFactorCodeForm) validate() error {
	trimAll(&form.Code)
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Code, validation.Required, validation.Length(1, 64)),
	))
}
