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

// authRegister creates an active, unverified account with its first login
// token, and mails the verification link.
func authRegister(e *core.RequestEvent) error {
	form := &registerForm{app: e.App}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	collection, err := e.App.FindCachedCollectionByNameOrId(model.UsersCollection)
	if err != nil {
		return e.InternalServerError("", err)
	}
	user := model.AsUser(core.NewRecord(collection))
	user.Set("name", form.Name)
	user.SetEmail(form.Email)
	user.SetPassword(form.Password)
	user.SetVerified(false)
	user.Set("locale", requestLang(e).String()) // the language of the user's mails

	var plain string
	err = e.App.RunInTransaction(func(txApp core.App) error {
		if err := txApp.Save(user); err != nil {
			return err
		}
		if err := model.RememberSignIn(txApp, user.Id, e.RealIP(), time.Now()); err != nil {
			return err
		}
		var token *model.AccessToken
		token, plain, err = issueLoginToken(txApp, e, user, form.DeviceName)
		if err != nil {
			return err
		}
		ev := auditEvent(e, model.ActionRegister, user.Id)
		ev.CredentialID = token.Id
		return model.Audit(txApp, ev)
	})
	if err != nil {
		return e.InternalServerError("", err)
	}

	sendVerificationMail(e, user)

	return answerSignIn(e, http.StatusCreated, i18n.Registered, user, plain)
}

// issueLoginToken creates the login token (a device) of a register or
// login request.
func issueLoginToken(app core.App, e *core.RequestEvent, user *model.User, deviceName string) (*model.AccessToken, string, error) {
	name, attrs := detectDevice(e, deviceName)
	in := model.NewToken{
		User:       user,
		Type:       model.TokenTypeLogin,
		Name:       name,
		Abilities:  []string{credentials.AllAbilities},
		Attributes: &attrs,
	}
	if lifetime := model.SettingsOf(app).LoginTokenLifetime; lifetime > 0 {
		in.ExpiresAt = model.DateTimeIn(lifetime)
	}
	return model.IssueToken(app, in)
}

// -------------------------------------------------------------------

type registerForm struct {
	app core.App

	Name                 string `form:"name" json:"name"`
	Email                string `form:"email" json:"email"`
	Password             string `form:"password" json:"password"`
	PasswordConfirmation string `form:"password_confirmation" json:"password_confirmation"`
	DeviceName           string `form:"device_name" json:"device_name"`
}

func (form *registerForm) validate() error {
	trimAll(&form.Name, &form.Email, &form.DeviceName)
	form.Email = model.NormalizeEmail(form.Email)
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Name, validation.Required, validation.Length(1, 255)),
		validation.Field(&form.Email, validation.Required, validation.Length(1, 255), is.EmailFormat, emailFree(form.app)),
		validation.Field(&form.Password, newPasswordRules(&form.Email, &form.PasswordConfirmation)...),
		validation.Field(&form.DeviceName, validation.Length(0, 255)),
	))
}
