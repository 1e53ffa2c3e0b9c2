package hooks

import (
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// passwordReset sets a new password with a mailed reset token. The token
// works once, for its own account only, within its hour; the reset revokes
// every credential of the account (login tokens, personal access tokens,
// API keys) and mails the user a notice.
func passwordReset(e *core.RequestEvent) error {
	form := &passwordResetForm{pathToken: e.Request.PathValue("token")}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	user, err := model.FindUserByEmail(e.App, form.Email)
	if err != nil {
		return lookupFailure(e, err, http.StatusBadRequest, i18n.InvalidResetToken)
	}
	valid, err := model.ValidPasswordReset(e.App, form.pathToken, user.Id, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	if !valid || user.Status() == model.StatusSuspended {
		return failure(http.StatusBadRequest, i18n.InvalidResetToken)
	}

	err = withAudit(e, ptr(auditEvent(e, model.ActionPasswordReset, user.Id)), func(txApp core.App) error {
		user.SetPassword(form.Password)
		if err := txApp.Save(user); err != nil {
			return err
		}
		if err := model.DeletePasswordResets(txApp, user.Id); err != nil {
			return err
		}
		return model.RevokeAllCredentials(txApp, user.Id)
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	sendMail(e.App, user, requestLang(e), user.Email(), resetNoticeMail, nil, "")
	return respond(e, http.StatusOK, i18n.PasswordReset, nil)
}

// -------------------------------------------------------------------

type passwordResetForm struct {
	pathToken string // from the URL, never from the body

	Email                string `form:"email" json:"email"`
	Token                string `form:"token" json:"token"`
	Password             string `form:"password" json:"password"`
	PasswordConfirmation string `form:"password_confirmation" json:"password_confirmation"`
}

func (form *passwordResetForm) validate() error {
	trimAll(&form.Email, &form.Token)
	form.Email = model.NormalizeEmail(form.Email)
	if form.Token == "" {
		form.Token = form.pathToken // the body's token is optional: the path has it
	}
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Email, validation.Required, validation.Length(1, 255), is.EmailFormat),
		validation.Field(&form.Token, validation.Required, validation.By(form.checkSameToken)),
		validation.Field(&form.Password, newPasswordRules(&form.Email, &form.PasswordConfirmation)...),
	))
}

func (form *passwordResetForm) checkSameToken(value any) error {
	if !credentials.Equal(value.(string), form.pathToken) {
		return fieldError(i18n.ValidationInvalid)
	}
	return nil
}
