package model

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
	app.OnRecordCreate(UsersCollection).Bind(&hook.Handler[*core.RecordEvent]{
		Id: "appUsersNormalizeOnCreate",
		Func: func(e *core.RecordEvent) error {
			e.Record.SetEmail(NormalizeEmail(e.Record.Email()))
			if e.Record.GetString("status") == "" {
				e.Record.Set("status", StatusActive)
			}
			return e.Next()
		},
	})
	app.OnRecordUpdate(UsersCollection).Bind(&hook.Handler[*core.RecordEvent]{
		Id: "appUsersNormalizeOnUpdate",
		Func: func(e *core.RecordEvent) error {
			e.Record.SetEmail(NormalizeEmail(e.Record.Email()))
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
	app.OnRecordUpdate(UsersCollection).Bind(&hook.Handler[*core.RecordEvent]{
		Id: "appUsersRevokeOnSuspend",
		Func: func(e *core.RecordEvent) error {
			suspended := e.Record.GetString("status") == StatusSuspended &&
				e.Record.Original().GetString("status") != StatusSuspended
			if err := e.Next(); err != nil || !suspended {
				return err
			}
			return RevokeAllCredentials(e.App, e.Record.Id)
		},
	})

	reload := func(e *core.RecordEvent) error {
		if err := LoadSettings(e.App); err != nil {
			e.App.Logger().Error("cannot reload the appliance settings", "error", err)
		}
		return e.Next()
	}
	// appliance_settings is one row: it can be edited, not added or deleted
	app.OnRecordCreate(SettingsCollection).BindFunc(func(e *core.RecordEvent) error {
		if n, err := e.App.CountRecords(SettingsCollection); err != nil || n > 0 {
			return errors.New("appliance_settings holds exactly one row: edit it instead")
		}
		return e.Next()
	})
	app.OnRecordDelete(SettingsCollection).BindFunc(func(e *core.RecordEvent) error {
		return errors.New("appliance_settings holds exactly one row: it cannot be deleted")
	})
	app.OnRecordAfterCreateSuccess(SettingsCollection).BindFunc(reload)
	app.OnRecordAfterUpdateSuccess(SettingsCollection).BindFunc(reload)

	app.OnRecordAfterDeleteSuccess(TokensCollection, APIKeysCollection).BindFunc(func(e *core.RecordEvent) error {
		UsageOf(e.App).Forget(e.Record.Collection().Name, e.Record.Id)
		return e.Next()
	})
}
