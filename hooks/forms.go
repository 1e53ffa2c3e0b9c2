package hooks

import (
	"errors"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// trimAll trims the given strings in place (API.md §1: strings are trimmed
// except passwords).
func trimAll(fields ...*string) {
	for _, f := range fields {
		*f = strings.TrimSpace(*f)
	}
}

// validateForm runs the rules and turns field errors into a 422.
func validateForm(err error) error {
	if err == nil {
		return nil
	}
	var errs validation.Errors
	if errors.As(err, &errs) {
		return invalid(errs)
	}
	return err
}

// passwordRules are the rules of a new password: at least 8 characters
// and at most 71 bytes, bcrypt's limit.
var passwordRules = []validation.Rule{validation.Required, validation.Length(8, 71)}

// matchesPassword checks a field against the user's password (bcrypt).
func matchesPassword(u *User) validation.Rule {
	return validation.By(func(value any) error {
		if s, _ := value.(string); !u.ValidatePassword(s) {
			return fieldError(i18n.ValidationPassword)
		}
		return nil
	})
}

// confirms checks that a confirmation field equals its password.
func confirms(password *string) validation.Rule {
	return validation.By(func(value any) error {
		if s, _ := value.(string); s != *password {
			return fieldError(i18n.ValidationConfirmation)
		}
		return nil
	})
}

// passwordForm is the body of the routes that only ask for the password
// (suspension, revoke-all routes).
type passwordForm struct {
	user *User

	Password string `form:"password" json:"password"`
}

func (form *passwordForm) validate() error {
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Password, validation.Required, matchesPassword(form.user)),
	))
}

// emailFree refuses an email that another account already has.
func emailFree(app core.App) validation.Rule {
	return validation.By(func(value any) error {
		if _, err := findUserByEmail(app, value.(string)); err == nil {
			return fieldError(i18n.ValidationEmailTaken)
		}
		return nil
	})
}
