package hooks

import (
	"net/http"
	"net/url"
	"strconv"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// passwordForgot answers the same neutral 200 for every valid email, known
// or not, in the same time: the lookup, the new reset token and the mail
// all happen after the answer.
func passwordForgot(e *core.RequestEvent) error {
	form := &passwordForgotForm{}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	app, lang := e.App, requestLang(e)
	inBackground(app, func() {
		user, err := findUserByEmail(app, form.Email)
		if err != nil || user.Status() == statusSuspended {
			return
		}
		token, err := createPasswordReset(app, user)
		if err != nil {
			app.Logger().Error("cannot create a password reset", "error", err)
			return
		}
		link := webAppURL(app) + "/reset-password?" + url.Values{"token": {token}, "email": {user.Email()}}.Encode()
		sendMail(app, lang, user.Email(), user.GetString("name"), resetMail,
			map[string]string{"minutes": strconv.Itoa(int(resetTokenTTL.Minutes()))}, link)
	})

	return respond(e, http.StatusOK, i18n.ResetLinkSent, nil)
}

// -------------------------------------------------------------------

type passwordForgotForm struct {
	Email string `form:"email" json:"email"`
}

func (form *passwordForgotForm) validate() error {
	trimAll(&form.Email)
	form.Email = normalizeEmail(form.Email)
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Email, validation.Required, validation.Length(1, 255), is.EmailFormat),
	))
}
