package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// changeTwoFactor reads the caller afresh inside a write transaction, lets
// change alter it, and saves it with its event; when change answers a
// refusal, nothing is written and the refusal is the answer. Reading in
// the write transaction is what keeps two requests from spending the same
// code, and a change from undoing a code a sign-in just spent.
func changeTwoFactor(e *core.RequestEvent, ev model.Event, change func(txApp core.App, user *model.User) (refusal, err error)) error {
	var refusal error
	err := e.App.RunInTransaction(func(txApp core.App) error {
		user, err := model.FindUserByID(txApp, e.Auth.Id)
		if err != nil {
			return err
		}
		if refusal, err = change(txApp, user); err != nil || refusal != nil {
			return err
		}
		if err := txApp.Save(user); err != nil {
			return err
		}
		return model.Audit(txApp, ev)
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return refusal
}

// codeRefused is the 422 of a wrong, spent or replayed code on field.
func codeRefused(field string) error {
	return invalid(validation.Errors{field: fieldError(i18n.ValidationCode)})
}
