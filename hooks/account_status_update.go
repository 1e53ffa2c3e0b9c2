package hooks

import (
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// statusTransitions is the state machine of PATCH /api/account/{status}:
// the path value, the status it may start from, the status it sets and
// the message. Suspension has its own handler step: it needs the password
// and revokes every credential; only a superuser lifts it.
var statusTransitions = map[string]struct {
	from, to string
	message  i18n.Key
}{
	"inactive": {statusActive, statusInactive, i18n.AccountInactivated},
	"active":   {statusInactive, statusActive, i18n.AccountActivated},
	"reactive": {statusInactive, statusActive, i18n.AccountReactivated},
	"suspend":  {"", statusSuspended, i18n.AccountSuspendedOK},
}

// accountStatusUpdate moves the caller's account along the state machine.
// Unknown values are 404.
func accountStatusUpdate(e *core.RequestEvent) error {
	transition, ok := statusTransitions[e.Request.PathValue("status")]
	if !ok {
		return failure(http.StatusNotFound, i18n.NotFound)
	}
	user := asUser(e.Auth)

	if transition.to == statusSuspended {
		form := &passwordForm{user: user}
		if err := bindForm(e, form); err != nil {
			return err
		}
		if err := form.validate(); err != nil {
			return err
		}
	} else if user.Status() != transition.from {
		return invalid(validation.Errors{"status": fieldError(i18n.StatusUnchanged)})
	}

	// a suspension's revocation of every credential is in record_hooks.go,
	// so that the admin UI gets it too
	user.SetStatus(transition.to)
	if err := e.App.Save(user); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, transition.message, newUserResource(user))
}

// -------------------------------------------------------------------

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
