package hooks

import (
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// accountPasswordUpdate changes the password after checking the current
// one, and revokes every other login token (the device making the change
// stays logged in).
func accountPasswordUpdate(e *core.RequestEvent) error {
	user := model.AsUser(e.Auth)
	form := &passwordUpdateForm{user: user}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	current := credentialOf(e).id
	err := withAudit(e, ptr(auditEvent(e, model.ActionPasswordChanged, user.Id)), func(txApp core.App) error {
		user.SetPassword(form.NewPassword)
		if err := txApp.Save(user); err != nil {
			return err
		}
		_, err := model.RevokeTokens(txApp, user.Id, current, model.TokenTypeLogin)
		return err
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.PasswordUpdated, nil)
}

// -------------------------------------------------------------------

type passwordUpdateForm struct {
	user *model.User

	CurrentPassword         string `form:"current_password" json:"current_password"`
	NewPassword             string `form:"new_password" json:"new_password"`
	NewPasswordConfirmation string `form:"new_password_confirmation" json:"new_password_confirmation"`
}

func (form *passwordUpdateForm) validate() error {
	email := form.user.Email()
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.CurrentPassword, validation.Required, matchesPassword(form.user)),
		validation.Field(&form.NewPassword, append(newPasswordRules(&email, &form.NewPasswordConfirmation), validation.By(form.checkDifferent))...),
	))
}

func (form *passwordUpdateForm) checkDifferent(value any) error {
	if value.(string) == form.CurrentPassword {
		return fieldError(i18n.ValidationSamePassword)
	}
	return nil
}
