package hooks

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/signedlink"
)

// signedLinkTTL is how long a mailed link works (API.md §3).
const signedLinkTTL = 60 * time.Minute

const (
	signingKeyParam    = "appSigningKey"
	signingKeyStoreKey = "appSigningKey"
)

// signingKey returns the server secret of signed links. It is generated
// with crypto/rand on first start and kept in PocketBase's internal _params
// table, which no API and no admin UI page shows.
func signingKey(app core.App) ([]byte, error) {
	if key, ok := app.Store().Get(signingKeyStoreKey).([]byte); ok {
		return key, nil
	}
	var row struct {
		Value string `db:"value"`
	}
	err := app.DB().Select("value").From("_params").Where(dbx.HashExp{"id": signingKeyParam}).One(&row)
	if err != nil {
		fresh := make([]byte, 32)
		if _, err := rand.Read(fresh); err != nil {
			return nil, err
		}
		row.Value = strconv.Quote(hex.EncodeToString(fresh)) // the column holds JSON
		_, err = app.DB().Insert("_params", dbx.Params{"id": signingKeyParam, "value": row.Value}).Execute()
		if err != nil {
			return nil, fmt.Errorf("cannot store the signing key: %w", err)
		}
	}
	unquoted, err := strconv.Unquote(row.Value)
	if err != nil {
		return nil, fmt.Errorf("bad signing key: %w", err)
	}
	key, err := hex.DecodeString(unquoted)
	if err != nil {
		return nil, fmt.Errorf("bad signing key: %w", err)
	}
	app.Store().Set(signingKeyStoreKey, key)
	return key, nil
}

// signLink returns path with the query params plus "expires" and
// "signature" (see package signedlink), valid for signedLinkTTL from now.
func signLink(app core.App, path string, params url.Values, now time.Time) (string, error) {
	key, err := signingKey(app)
	if err != nil {
		return "", err
	}
	return signedlink.Sign(key, path, params, now.Add(signedLinkTTL)), nil
}

// verifyLink reports whether a request's path and query carry a valid,
// unexpired signature.
func verifyLink(app core.App, path string, query url.Values, now time.Time) bool {
	key, err := signingKey(app)
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
	return e.Redirect(http.StatusSeeOther, webAppURL(e.App)+"/verify-email?"+q.Encode())
}

// wantsHTML reports whether the request comes from a browser that opened a
// link, rather than from an API client.
func wantsHTML(e *core.RequestEvent) bool {
	accept := e.Request.Header.Get("Accept")
	return strings.Contains(accept, "text/html")
}
