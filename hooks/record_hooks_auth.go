package hooks

import (
	"github.com/authappliance/appliance/hooks/model"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// bindAuthRequestHooks makes PocketBase's own auth endpoints obey the
// account status too, should an operator turn one of them back on.
func bindAuthRequestHooks(app core.App) {
	// PocketBase's own auth endpoints obey the account status too, should
	// an operator turn one of them back on.
	app.OnRecordAuthRequest(model.UsersCollection).Bind(&hook.Handler[*core.RecordAuthRequestEvent]{
		Id: "appUsersStatusOnAuth",
		Func: func(e *core.RecordAuthRequestEvent) error {
			if err := checkStatus(model.AsUser(e.Record), false); err != nil {
				return err
			}
			return e.Next()
		},
	})

}
