package hooks

import (
	"net/http"
	"regexp"
	"slices"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// accountProfileUpdate changes the name and the profile fields sent: a
// profile field sent as null or "" is cleared, one left out keeps its
// value, and the name cannot be cleared (API.md §4).
func accountProfileUpdate(e *core.RequestEvent) error {
	form := &profileUpdateForm{}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	user := model.AsUser(e.Auth)
	changed := []string{}
	for field, value := range form.changes() {
		user.Set(field, *value)
		changed = append(changed, field)
	}
	slices.Sort(changed)
	ev := auditEvent(e, model.ActionProfileUpdated, user.Id)
	ev.Details = map[string]any{"fields": changed}
	if err := withAudit(e, &ev, func(txApp core.App) error { return txApp.Save(user) }); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.ProfileUpdated, newUserResource(user))
}

// -------------------------------------------------------------------

// profileUpdateForm holds the fields sent; nil is a field left out.
type profileUpdateForm struct {
	Name           *string `form:"name" json:"name"`
	ProfilePicture *string `form:"profile_picture" json:"profile_picture"`
	Mobile         *string `form:"mobile" json:"mobile"`
	Address        *string `form:"address" json:"address"`
	DOB            *string `form:"dob" json:"dob"`
	Gender         *string `form:"gender" json:"gender"`
	Bio            *string `form:"bio" json:"bio"`
	Locale         *string `form:"locale" json:"locale"`
}

func (form *profileUpdateForm) validate() error {
	for _, f := range form.changes() {
		trimAll(f)
	}
	return validateForm(validation.ValidateStruct(form,
		// sent, the name must not be empty
		validation.Field(&form.Name, validation.When(form.Name != nil, validation.Required), validation.Length(1, 255)),
		validation.Field(&form.ProfilePicture, validation.Length(0, 2048), is.URL),
		validation.Field(&form.Mobile, validation.Length(0, 32), validation.Match(mobilePattern).ErrorObject(fieldError(i18n.ValidationInvalid))),
		validation.Field(&form.Address, validation.Length(0, 1000)),
		validation.Field(&form.DOB, validation.By(checkPastDate)),
		validation.Field(&form.Gender, validation.Length(0, 32)),
		validation.Field(&form.Bio, validation.Length(0, 5000)),
		validation.Field(&form.Locale, validation.By(checkLocale)),
	))
}

// changes returns the fields sent, by column name.
func (form *profileUpdateForm) changes() map[string]*string {
	out := map[string]*string{}
	for field, value := range map[string]*string{
		"name": form.Name, "profile_picture": form.ProfilePicture, "mobile": form.Mobile,
		"address": form.Address, "dob": form.DOB, "gender": form.Gender, "bio": form.Bio, "locale": form.Locale,
	} {
		if value != nil {
			out[field] = value
		}
	}
	return out
}

// checkLocale accepts the code of a supported language ("es"; "es-MX"
// means es), which it stores as the language's code; "" clears it.
func checkLocale(value any) error {
	s, _ := value.(*string)
	if s == nil || *s == "" {
		return nil
	}
	tag, ok := i18n.Parse(*s)
	if !ok {
		return fieldError(i18n.ValidationIn)
	}
	*s = tag.String()
	return nil
}

// mobilePattern accepts phone numbers as people write them.
var mobilePattern = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{3,31}$`)

// checkPastDate accepts a YYYY-MM-DD date in the past.
func checkPastDate(value any) error {
	s, _ := value.(*string)
	if s == nil || *s == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, *s)
	if err != nil || !d.Before(time.Now()) {
		return fieldError(i18n.ValidationDate)
	}
	return nil
}
