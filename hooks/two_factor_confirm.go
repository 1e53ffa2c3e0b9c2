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
	refusal := error(nil)
	ev := auditEvent(e, model.ActionTwoFactorEnabled, e.Auth.Id)
	err := e.App.RunInTransaction(func(txApp core.App) error {
		user, err := model.FindUserByID(txApp, e.Auth.Id) // read in the write transaction: no code spent twice
		if err != nil {
			return err
		}
		switch {
		case user.TwoFactorEnabled():
			refusal = failure(http.StatusForbidden, i18n.TwoFactorAlreadyOn)
			return nil
		case !user.TwoFactorPending():
			refusal = failure(http.StatusForbidden, i18n.TwoFactorNotStarted)
			return nil
		}
		ok, err := model.CheckTOTP(txApp, user, form.Code, time.Now())
		if err != nil {
			return err
		}
		if !ok {
			refusal = invalid(validation.Errors{"code": fieldError(i18n.ValidationCode)})
			return nil
		}
		codes = model.ConfirmTwoFactor(user)
		if err := txApp.Save(user); err != nil {
			return err
		}
		return model.Audit(txApp, ev)
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	if refusal != nil {
		return refusal
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
