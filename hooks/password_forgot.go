package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/language"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// passwordForgot answers the same neutral 200 for every valid email, known
// or not, in the same time: the request does the same work for both (the
// form and the per-address mail limit), and the lookup, the new reset
// token and the mail happen after the answer. Past the per-address limit
// (API.md §10) nothing is sent and the link already mailed stays valid.
func passwordForgot(e *core.RequestEvent) error {
	form := &passwordForgotForm{}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	if limiterOf(e.App).Allow("reset-mail|"+form.Email, resetMailRules...).OK {
		app, lang := e.App, requestLang(e)
		ev := auditEvent(e, model.ActionPasswordResetRequested, "")
		model.InBackground(app, func() { mailPasswordReset(app, lang, form.Email, ev) })
	}
	return respond(e, http.StatusOK, i18n.ResetLinkSent, nil)
}

// mailPasswordReset replaces the pending reset of the account of email, if
// there is an account that may reset, records ev for it, and mails its
// link.
func mailPasswordReset(app core.App, lang language.Tag, email string, ev model.Event) {
	user, err := model.FindUserByEmail(app, email)
	if err != nil {
		if !errors.Is(err, sql.ErrNoRows) {
			app.Logger().Error("cannot look up a password reset's account", "error", err)
		}
		return
	}
	if user.Status() == model.StatusSuspended {
		return
	}
	var token string
	ev.UserID = user.Id
	err = app.RunInTransaction(func(txApp core.App) (err error) {
		if token, err = model.CreatePasswordReset(txApp, user); err != nil {
			return err
		}
		return model.Audit(txApp, ev)
	})
	if err != nil {
		app.Logger().Error("cannot create a password reset", "error", err)
		return
	}
	link := model.WebAppURL(app) + "/reset-password?" + url.Values{"token": {token}, "email": {user.Email()}}.Encode()
	sendMail(app, user, lang, user.Email(), resetMail,
		map[string]string{"minutes": strconv.Itoa(int(model.ResetTokenTTL.Minutes()))}, link)
}

// -------------------------------------------------------------------

type passwordForgotForm struct {
	Email string `form:"email" json:"email"`
}

func (form *passwordForgotForm) validate() error {
	trimAll(&form.Email)
	form.Email = model.NormalizeEmail(form.Email)
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Email, validation.Required, validation.Length(1, 255), is.EmailFormat),
	))
}
