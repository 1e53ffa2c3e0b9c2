package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/model"
)

// bindCronJobs registers the appliance's background jobs. PocketBase runs
// them only while serving.
func bindCronJobs(app core.App) {
	app.Cron().MustAdd("appUsageFlush", "* * * * *", func() {
		if err := model.UsageOf(app).Flush(app); err != nil {
			app.Logger().Error("cannot flush last_used_at", "error", err)
		}
	})
	app.Cron().MustAdd("appThrottlePrune", "*/5 * * * *", func() {
		limiterOf(app).Prune()
	})
	app.Cron().MustAdd("appAuditPrune", "43 3 * * *", func() {
		if err := model.PruneAuditEvents(app, time.Now()); err != nil {
			app.Logger().Error("cannot prune the activity log", "error", err)
		}
	})
	app.Cron().MustAdd("appTokensPrune", "17 * * * *", func() {
		if err := model.PruneExpired(app, time.Now()); err != nil {
			app.Logger().Error("cannot prune expired tokens", "error", err)
		}
	})
}
