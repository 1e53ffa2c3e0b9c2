package model

import (
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

const backgroundStoreKey = "appBackground"

// BackgroundJobs counts the work running after its request has answered
// (mails, password reset requests), so that tests and shutdown can wait.
func BackgroundJobs(app core.App) *sync.WaitGroup {
	return app.Store().GetOrSet(backgroundStoreKey, func() any { return &sync.WaitGroup{} }).(*sync.WaitGroup)
}

// SyncBackgroundStoreKey, when set in the app store, makes InBackground run
// inline. Tests set it: PocketBase's ApiScenario counts the app's events
// right after the response, which must not race with background work.
const SyncBackgroundStoreKey = "appSyncBackground"

// InBackground runs fn after the request, recovering a panic so that it
// cannot take the process down.
func InBackground(app core.App, fn func()) {
	if app.Store().Has(SyncBackgroundStoreKey) {
		fn()
		return
	}
	jobs := BackgroundJobs(app)
	jobs.Add(1)
	go func() {
		defer jobs.Done()
		defer func() {
			if r := recover(); r != nil {
				app.Logger().Error("background job panicked", "panic", r)
			}
		}()
		fn()
	}()
}
