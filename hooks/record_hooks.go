package hooks

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/types"
)

// bindRecordHooks keeps the rules of the users collection whatever path a
// change takes (our routes, the admin UI, PocketBase's API), and keeps the
// in-memory settings exact.
func bindRecordHooks(app core.App) {
	// emails are stored lowercase; a new account is active
	app.OnRecordCreate(usersCollection).Bind(&hook.Handler[*core.RecordEvent]{
		Id: "appUsersNormalizeOnCreate",
		Func: func(e *core.RecordEvent) error {
			e.Record.SetEmail(normalizeEmail(e.Record.Email()))
			if e.Record.GetString("status") == "" {
				e.Record.Set("status", statusActive)
			}
			return e.Next()
		},
	})
	app.OnRecordUpdate(usersCollection).Bind(&hook.Handler[*core.RecordEvent]{
		Id: "appUsersNormalizeOnUpdate",
		Func: func(e *core.RecordEvent) error {
			e.Record.SetEmail(normalizeEmail(e.Record.Email()))
			// a superuser ticking "verified" in the admin UI also dates it
			if e.Record.Verified() && e.Record.GetDateTime("email_verified_at").IsZero() {
				e.Record.Set("email_verified_at", types.NowDateTime())
			}
			if !e.Record.Verified() {
				e.Record.Set("email_verified_at", "")
			}
			return e.Next()
		},
	})

	// a suspension, from our route or from the admin UI, revokes every
	// credential of the account in the same transaction
	app.OnRecordUpdate(usersCollection).Bind(&hook.Handler[*core.RecordEvent]{
		Id: "appUsersRevokeOnSuspend",
		Func: func(e *core.RecordEvent) error {
			suspended := e.Record.GetString("status") == statusSuspended &&
				e.Record.Original().GetString("status") != statusSuspended
			if err := e.Next(); err != nil || !suspended {
				return err
			}
			return revokeAllCredentials(e.App, e.Record.Id)
		},
	})

	// PocketBase's own auth endpoints obey the account status too, should
	// an operator turn one of them back on.
	app.OnRecordAuthRequest(usersCollection).Bind(&hook.Handler[*core.RecordAuthRequestEvent]{
		Id: "appUsersStatusOnAuth",
		Func: func(e *core.RecordAuthRequestEvent) error {
			if err := checkStatus(asUser(e.Record), false); err != nil {
				return err
			}
			return e.Next()
		},
	})

	reload := func(e *core.RecordEvent) error {
		if err := loadSettings(e.App); err != nil {
			e.App.Logger().Error("cannot reload the appliance settings", "error", err)
		}
		return e.Next()
	}
	// appliance_settings is one row: it can be edited, not added or deleted
	app.OnRecordCreate(settingsCollection).BindFunc(func(e *core.RecordEvent) error {
		if n, err := e.App.CountRecords(settingsCollection); err != nil || n > 0 {
			return errors.New("appliance_settings holds exactly one row: edit it instead")
		}
		return e.Next()
	})
	app.OnRecordDelete(settingsCollection).BindFunc(func(e *core.RecordEvent) error {
		return errors.New("appliance_settings holds exactly one row: it cannot be deleted")
	})
	app.OnRecordAfterCreateSuccess(settingsCollection).BindFunc(reload)
	app.OnRecordAfterUpdateSuccess(settingsCollection).BindFunc(reload)

	app.OnRecordAfterDeleteSuccess(tokensCollection, apiKeysCollection).BindFunc(func(e *core.RecordEvent) error {
		usageOf(e.App).forget(e.Record.Collection().Name, e.Record.Id)
		return e.Next()
	})
}
