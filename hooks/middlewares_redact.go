package hooks

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// redactedQueryParams are the query parameters that carry a secret
// (compared without case): a reset token, a link signature, and any
// secret or password a client puts in a URL by mistake.
var redactedQueryParams = map[string]bool{
	"token": true, "signature": true, "secret": true, "password": true,
	"current_password": true, "new_password": true, "code": true, "recovery_code": true,
}

// secretShape is a path segment that looks like a secret rather than a
// name or a record id: 32 or more characters of base62, "_", "-" or "|"
// (reset tokens, token strings, key secrets).
var secretShape = regexp.MustCompile(`^[A-Za-z0-9_|-]{32,}$`)

const redacted = "[redacted]"

// redactSecrets keeps secrets out of PocketBase's request log (API.md
// §10). It is bound on the whole router, so that every request is covered,
// matched or not, ours or PocketBase's: the log is written by the activity
// logger after the handler has run, from e.Request.URL and the Referer,
// so the handler sees the real URL and the log a copy with the secrets
// replaced, by their shape rather than by route.
func redactSecrets() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id: "appRedactSecrets",
		// just inside the activity logger and the envelope, so that a 413,
		// a 429 or a recovered panic is redacted too
		Priority: apis.DefaultActivityLoggerMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			err := e.Next()
			e.Request.URL = redactURL(e.Request.URL)
			if referer := e.Request.Header.Get("Referer"); referer != "" {
				if u, parseErr := url.Parse(referer); parseErr == nil {
					e.Request.Header.Set("Referer", redactURL(u).String())
				} else {
					e.Request.Header.Set("Referer", redacted)
				}
			}
			return err
		},
	}
}

// redactURL returns a copy of u with its secret-shaped path segments,
// every segment after /password/reset/, and its secret query parameters
// replaced.
func redactURL(u *url.URL) *url.URL {
	out := *u
	segments := strings.Split(out.Path, "/")
	for i, segment := range segments {
		afterReset := i >= 2 && segments[i-2] == "password" && segments[i-1] == "reset" && segment != ""
		if afterReset || secretShape.MatchString(segment) {
			segments[i] = redacted
		}
	}
	out.Path = strings.Join(segments, "/")
	out.RawPath = ""

	if out.RawQuery != "" {
		q, err := url.ParseQuery(out.RawQuery)
		if err != nil {
			out.RawQuery = redacted // unparsable: keep none of it
			return &out
		}
		for name := range q {
			if redactedQueryParams[strings.ToLower(name)] {
				q[name] = []string{redacted}
			}
		}
		out.RawQuery = q.Encode()
	}
	return &out
}
