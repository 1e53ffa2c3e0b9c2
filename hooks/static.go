package hooks

import (
	"path"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/authappliance/appliance/pb_public"
)

// pageHeaders are the security headers of every page of the web app
// (API.md §10): scripts only from our own files, no framing, no Referer
// (a reset page's URL holds its token), no content sniffing.
var pageHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
	"Referrer-Policy":        "no-referrer",
	"X-Content-Type-Options": "nosniff",
	"X-Frame-Options":        "DENY",
}

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
	}).Bind(securePages())
}

// securePages sets pageHeaders on every answer of the pages, errors too.
func securePages() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Func: func(e *core.RequestEvent) error {
			h := e.Response.Header()
			for name, value := range pageHeaders {
				h.Set(name, value)
			}
			// the page's script renders it in this language (GET /api/i18n)
			h.Set("Content-Language", requestLang(e).String())
			return e.Next()
		},
	}
}
