// Package model is the appliance's domain, in the role PocketBase's core
// package plays for it: typed record proxies, named queries, the one
// revocation path, the activity log, two-factor, settings, and the record
// hooks that keep the data's rules whatever path a change takes (our
// routes, the admin UI, PocketBase's API). Nothing here sees an HTTP
// request; package hooks is the HTTP layer on top.
package model

import "github.com/pocketbase/pocketbase/core"

// Bind registers the domain's record hooks on app. Call it once, before
// the app starts (hooks.Register does).
func Bind(app core.App) {
	bindRecordHooks(app)
	bindUsageTracking(app)
	bindHotPathHooks(app)
	bindTokenCacheHooks(app)
	bindAuditHooks(app)
	bindTwoFactorHooks(app)
}
