package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// The hooks of PocketBase's own record API, which the admin UI uses: they
// see who asks, which the domain's record hooks (hooks/model) never do.

// bindRecordRequestHooks makes PocketBase's own auth endpoints obey the
// account status, keeps the activity log read-only, and records in it what
// a superuser changes in the admin UI, with the superuser as actor.
func bindRecordRequestHooks(app core.App) {
	// should an operator turn one of PocketBase's auth endpoints back on
	app.OnRecordAuthRequest(model.UsersCollection).Bind(&hook.Handler[*core.RecordAuthRequestEvent]{
		Id: "appUsersStatusOnAuth",
		Func: func(e *core.RecordAuthRequestEvent) error {
			if err := checkStatus(model.AsUser(e.Record), false); err != nil {
				return err
			}
			return e.Next()
		},
	})

	// only the appliance writes events (edits and deletes are refused by
	// the domain's hooks whoever asks)
	app.OnRecordCreateRequest(model.AuditEventsCollection).BindFunc(func(e *core.RecordRequestEvent) error {
		return failure(http.StatusForbidden, i18n.Forbidden)
	})

	app.OnRecordDeleteRequest(model.TokensCollection, model.APIKeysCollection).BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() {
			return e.Next()
		}
		ev := superuserEvent(e, credentialDeletedAction(e.Record), e.Record.GetString("user"))
		ev.CredentialID = e.Record.Id
		ev.Details = map[string]any{"name": e.Record.GetString("name")}
		return auditedRequest(e, func() []model.Event { return []model.Event{ev} })
	})

	app.OnRecordUpdateRequest(model.UsersCollection).BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() {
			return e.Next()
		}
		before := e.Record.Original() // the request's data is loaded already
		return auditedRequest(e, func() []model.Event { return superuserUserChanges(e, before, e.Record) })
	})
}

// auditedRequest runs the rest of a record request and the events it
// returns afterwards in one transaction.
func auditedRequest(e *core.RecordRequestEvent, events func() []model.Event) error {
	return e.App.RunInTransaction(func(txApp core.App) error {
		e.App = txApp
		if err := e.Next(); err != nil {
			return err
		}
		for _, ev := range events() {
			if err := model.Audit(txApp, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// superuserEvent starts an event of a superuser's change to userID.
func superuserEvent(e *core.RecordRequestEvent, action, userID string) model.Event {
	return model.Event{
		Action: action, UserID: userID, ActorType: model.ActorSuperuser, ActorID: e.Auth.Id,
		IP: e.RealIP(), UserAgent: e.Request.UserAgent(),
	}
}

func credentialDeletedAction(r *core.Record) string {
	switch {
	case r.Collection().Name == model.APIKeysCollection:
		return model.ActionKeyRevoked
	case r.GetString("type") == model.TokenTypeLogin:
		return model.ActionDeviceRevoked
	}
	return model.ActionTokenRevoked
}

// superuserUserChanges lists the events of a superuser's edit of a user.
func superuserUserChanges(e *core.RecordRequestEvent, before, after *core.Record) []model.Event {
	var events []model.Event
	if from, to := model.AsUser(before).Status(), model.AsUser(after).Status(); from != to {
		ev := superuserEvent(e, model.ActionStatusChanged, after.Id)
		ev.Details = map[string]any{"from": from, "to": to}
		events = append(events, ev)
	}
	if before.GetBool("two_factor_enabled") && !after.GetBool("two_factor_enabled") {
		events = append(events, superuserEvent(e, model.ActionTwoFactorDisabled, after.Id))
	}
	if before.Email() != after.Email() {
		ev := superuserEvent(e, model.ActionEmailChanged, after.Id)
		ev.Details = map[string]any{"old_email": before.Email(), "new_email": after.Email()}
		events = append(events, ev)
	}
	if before.GetString("password") != after.GetString("password") {
		events = append(events, superuserEvent(e, model.ActionPasswordChanged, after.Id))
	}
	if !before.Verified() && after.Verified() {
		events = append(events, superuserEvent(e, model.ActionEmailVerified, after.Id))
	}
	return events
}
