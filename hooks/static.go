package hooks

import (
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

// bindStatic serves the embedded web app (pb_public). ServeMux picks the
// most specific pattern, so /api and /_/ still win; every other path
// without a file is the app's index.html, whose router shows the page of
// the path (/account/devices, /reset-password?token=...).
func bindStatic(se *core.ServeEvent) {
	if se.Router.HasRoute("GET", "/{path...}") {
		return
	}
	se.Router.GET("/{path...}", apis.Static(pb_public.Files, true)).Bind(securePages())
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
