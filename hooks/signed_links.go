package hooks

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
	"github.com/authappliance/appliance/hooks/signedlink"
)

// signedLinkTTL is how long a mailed link works (API.md §3).
const signedLinkTTL = 60 * time.Minute

// signLink returns path with the query params plus "expires" and
// "signature" (see package signedlink), valid for signedLinkTTL from now.
func signLink(app core.App, path string, params url.Values, now time.Time) (string, error) {
	key, err := model.SigningKey(app)
	if err != nil {
		return "", err
	}
	return signedlink.Sign(key, path, params, now.Add(signedLinkTTL)), nil
}

// verifyLink reports whether a request's path and query carry a valid,
// unexpired signature.
func verifyLink(app core.App, path string, query url.Values, now time.Time) bool {
	key, err := model.SigningKey(app)
	if err != nil {
		app.Logger().Error("cannot read the signing key", "error", err)
		return false
	}
	return signedlink.Verify(key, path, query, now)
}

// apiURL is the absolute URL of a path of the appliance itself.
func apiURL(app core.App, pathAndQuery string) string {
	return strings.TrimRight(app.Settings().Meta.AppURL, "/") + pathAndQuery
}

// answerLink answers a mailed link: the envelope for an API client, or, for
// a browser (Accept: text/html), a redirect to the web app's page that
// shows the outcome. The page gets only the outcome's catalogue key, never
// a text it would show: it prints only messages the appliance chose.
func answerLink(e *core.RequestEvent, status int, key i18n.Key, data any) error {
	if !wantsHTML(e) {
		if status >= 400 {
			return failure(status, key)
		}
		return respond(e, status, key, data)
	}
	q := url.Values{"result": {string(key)}}
	return e.Redirect(http.StatusSeeOther, model.WebAppURL(e.App)+"/verify-email?"+q.Encode())
}

// wantsHTML reports whether the request comes from a browser that opened a
// link, rather than from an API client.
func wantsHTML(e *core.RequestEvent) bool {
	accept := e.Request.Header.Get("Accept")
	return strings.Contains(accept, "text/html")
}
