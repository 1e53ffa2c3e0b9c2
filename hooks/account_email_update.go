package hooks

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// accountEmailUpdate starts an email change: with the password checked, it
// mails a signed link bound to the user and the new address to the new
// address, and a notice to the current one. The email changes only when
// the link is opened; a newer request replaces the pending address. The
// password is checked first, so a wrong one says nothing about the
// address, and an account sends at most 3 change mails an hour.
func accountEmailUpdate(e *core.RequestEvent) error {
	user := model.AsUser(e.Auth)
	form := &emailUpdateForm{app: e.App, user: user}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}
	if err := tooManyRequests(e, limiterOf(e.App).Allow("email-change-mail|"+user.Id, emailChangeMailRules...)); err != nil {
		return err
	}

	user.Set("pending_email", form.Email)
	ev := auditEvent(e, model.ActionEmailChangeRequested, user.Id)
	ev.Details = map[string]any{"new_email": form.Email}
	if err := withAudit(e, &ev, func(txApp core.App) error { return txApp.Save(user) }); err != nil {
		return e.InternalServerError("", err)
	}

	link, err := signLink(e.App, "/api/verify-new-email", url.Values{"user": {user.Id}, "email": {form.Email}}, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	lang := requestLang(e)
	minutes := strconv.Itoa(int(signedLinkTTL.Minutes()))
	sendMail(e.App, user, lang, form.Email, changeEmailMail,
		map[string]string{"email": form.Email, "minutes": minutes}, apiURL(e.App, link))
	sendMail(e.App, user, lang, user.Email(), changeNoticeMail,
		map[string]string{"email": form.Email}, "")

	return respond(e, http.StatusOK, i18n.EmailChangeRequested, nil)
}

// -------------------------------------------------------------------

type emailUpdateForm struct {
	app  core.App
	user *model.User

	Email    string `form:"email" json:"email"`
	Password string `form:"password" json:"password"`
}

// validate checks the password before anything about the address: a
// wrong password is a 422 on password alone.
func (form *emailUpdateForm) validate() error {
	trimAll(&form.Email)
	form.Email = model.NormalizeEmail(form.Email)
	err := validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Password, validation.Required, matchesPassword(form.user)),
	))
	if err != nil {
		return err
	}
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Email, validation.Required, validation.Length(1, 255), is.EmailFormat,
			validation.By(form.checkNotCurrent), emailFree(form.app)),
	))
}

func (form *emailUpdateForm) checkNotCurrent(value any) error {
	if value.(string) == form.user.Email() {
		return fieldError(i18n.ValidationSameEmail)
	}
	return nil
}
