package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/model"
)

// auditEvent starts the activity-log event of an action taken through one
// of our routes on the account userID: the client's IP and User-Agent, and
// the credential of the request when there is one. The caller adds the
// credential acted on, or details, before it records the event.
func auditEvent(e *core.RequestEvent, action, userID string) model.Event {
	ev := model.Event{Action: action, UserID: userID, IP: e.RealIP(), UserAgent: e.Request.UserAgent()}
	if c := credentialOf(e); c != nil {
		ev.CredentialID = c.id
	}
	return ev
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// withAudit runs change and records ev in one transaction: the change is
// never made without its event, nor the event written without the change.
// change may complete ev (details it learns while changing).
func withAudit(e *core.RequestEvent, ev *model.Event, change func(txApp core.App) error) error {
	return e.App.RunInTransaction(func(txApp core.App) error {
		if change != nil {
			if err := change(txApp); err != nil {
				return err
			}
		}
		return model.Audit(txApp, *ev)
	})
}
