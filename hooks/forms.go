package hooks

import (
	"database/sql"
	"errors"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
	"github.com/authappliance/appliance/hooks/passwords"
)

// trimAll trims the given strings in place (API.md §1: strings are trimmed
// except passwords).
func trimAll(fields ...*string) {
	for _, f := range fields {
		*f = strings.TrimSpace(*f)
	}
}

// validateForm runs the rules and turns field errors into a 422. An
// internal error of a rule (a failed lookup) is returned as it is, which
// the envelope answers as a 500.
func validateForm(err error) error {
	if err == nil {
		return nil
	}
	var internal validation.InternalError
	if errors.As(err, &internal) {
		return internal.InternalError()
	}
	var errs validation.Errors
	if errors.As(err, &errs) {
		return invalid(errs)
	}
	return err
}

// newPasswordRules are the rules of a new password (API.md §10): 8 to 64
// characters, at most bcrypt's 72 bytes, not among the most common
// passwords nor containing the email's local part, and equal to its
// confirmation (the mismatch is reported on the password, Laravel's way).
func newPasswordRules(email, confirmation *string) []validation.Rule {
	return []validation.Rule{
		validation.Required,
		validation.RuneLength(passwords.MinLength, passwords.MaxLength),
		validation.By(func(value any) error {
			password := value.(string)
			switch {
			case len(password) > passwords.MaxBytes:
				return fieldError(i18n.ValidationPasswordBytes)
			case passwords.IsCommon(password) || passwords.ContainsLocalPart(password, *email):
				return fieldError(i18n.ValidationPasswordCommon)
			case password != *confirmation:
				return fieldError(i18n.ValidationConfirmation)
			}
			return nil
		}),
	}
}

// matchesPassword checks a field against the user's password (bcrypt).
func matchesPassword(u *model.User) validation.Rule {
	return validation.By(func(value any) error {
		if s, _ := value.(string); !u.ValidatePassword(s) {
			return fieldError(i18n.ValidationPassword)
		}
		return nil
	})
}

// passwordForm is the body of the routes that only ask for the password
// (suspension, revoke-all routes).
type passwordForm struct {
	user *model.User

	Password string `form:"password" json:"password"`
}

func (form *passwordForm) validate() error {
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Password, validation.Required, matchesPassword(form.user)),
	))
}

// emailFree refuses an email that another account already has. A failed
// lookup is an internal error (a 500), never "free".
func emailFree(app core.App) validation.Rule {
	return validation.By(func(value any) error {
		_, err := model.FindUserByEmail(app, value.(string))
		switch {
		case err == nil:
			return fieldError(i18n.ValidationEmailTaken)
		case errors.Is(err, sql.ErrNoRows):
			return nil
		}
		return validation.NewInternalError(err)
	})
}
