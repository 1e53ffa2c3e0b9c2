package hooks

import (
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// redactedQueryParams are the query parameters that carry a secret: the
// reset token of the reset page and the signature of a mailed link.
var redactedQueryParams = []string{"token", "signature"}

// redactSecrets keeps the secrets a URL (or the Referer of a page's own
// requests) carries out of PocketBase's request log. The log is written by the activity logger after the handler has
// run, from e.Request.URL, so the handler sees the real URL and the log a
// copy with the secrets replaced.
func redactSecrets() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id: "appRedactSecrets",
		// just inside the activity logger (and the envelope), so that a 413
		// or 429 answered before the handler is redacted too
		Priority: apis.DefaultActivityLoggerMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			err := e.Next()
			e.Request.URL = redactURL(e.Request.URL, e.Request.PathValue("token"))
			if referer := e.Request.Header.Get("Referer"); referer != "" {
				if u, parseErr := url.Parse(referer); parseErr == nil {
					e.Request.Header.Set("Referer", redactURL(u, e.Request.PathValue("token")).String())
				}
			}
			return err
		},
	}
}

func redactURL(u *url.URL, pathSecret string) *url.URL {
	redacted := *u
	if pathSecret != "" {
		redacted.Path = strings.ReplaceAll(redacted.Path, pathSecret, "[redacted]")
		redacted.RawPath = ""
	}
	q := redacted.Query()
	for _, name := range redactedQueryParams {
		if q.Has(name) {
			q.Set(name, "[redacted]")
		}
	}
	redacted.RawQuery = q.Encode()
	return &redacted
}
