package hooks

import (
	"path"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/pb_public"
)

// bindStatic serves the embedded pb_public pages. ServeMux picks the most
// specific pattern, so /api and /_/ still win; a path without an extension
// gets its ".html" page (/reset-password → reset-password.html).
func bindStatic(se *core.ServeEvent) {
	if se.Router.HasRoute("GET", "/{path...}") {
		return
	}
	files := apis.Static(pb_public.Files, false)
	se.Router.GET("/{path...}", func(e *core.RequestEvent) error {
		if p := e.Request.PathValue("path"); p != "" && path.Ext(p) == "" {
			e.Request.SetPathValue("path", p+".html")
		}
		return files(e)
	}).Bind(redactSecrets()) // /reset-password?token=...
}
