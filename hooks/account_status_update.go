package hooks

import (
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// statusTransitions is the state machine of PATCH /api/account/{status}:
// the path value, the status it may start from, the status it sets and
// the message. Suspension has its own handler step: it needs the password
// and revokes every credential; only a superuser lifts it.
var statusTransitions = map[string]struct {
	from, to string
	message  i18n.Key
}{
	"inactive": {model.StatusActive, model.StatusInactive, i18n.AccountInactivated},
	"active":   {model.StatusInactive, model.StatusActive, i18n.AccountActivated},
	"reactive": {model.StatusInactive, model.StatusActive, i18n.AccountReactivated},
	"suspend":  {"", model.StatusSuspended, i18n.AccountSuspendedOK},
}

// accountStatusUpdate returns the handler of PATCH /api/account/{status}
// for one status of statusTransitions: it moves the caller's account along
// the state machine.
func accountStatusUpdate(status string) func(e *core.RequestEvent) error {
	transition := statusTransitions[status]
	return func(e *core.RequestEvent) error {
		return changeStatus(e, transition.from, transition.to, transition.message)
	}
}

func changeStatus(e *core.RequestEvent, from, to string, message i18n.Key) error {
	user := model.AsUser(e.Auth)

	if to == model.StatusSuspended {
		form := &passwordForm{user: user}
		if err := bindForm(e, form); err != nil {
			return err
		}
		if err := form.validate(); err != nil {
			return err
		}
	} else if user.Status() != from {
		return invalid(validation.Errors{"status": fieldError(i18n.StatusUnchanged)})
	}

	// a suspension's revocation of every credential is in record_hooks.go,
	// so that the admin UI gets it too
	ev := auditEvent(e, model.ActionStatusChanged, user.Id)
	ev.Details = map[string]any{"from": user.Status(), "to": to}
	user.SetStatus(to)
	if err := withAudit(e, &ev, func(txApp core.App) error { return txApp.Save(user) }); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, message, newUserResource(user))
}
