package hooks

import (
	"net/http"
	"net/url"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// The web app's session (API.md §13), the way Sanctum serves first-party
// SPAs: the pages sign in through /api/session, and the login token goes
// into an httpOnly, SameSite=Strict cookie that no page script can read.
// The API takes the cookie only from same-origin requests; bearer tokens
// and API keys work as before.

// sessionCookie is the cookie's name.
const sessionCookie = "appliance_session"

// sessionCookieTTL is how long the cookie lives when login tokens never
// expire.
const sessionCookieTTL = 30 * 24 * time.Hour

// sessionStoreKey marks, in the request store, a sign-in through
// /api/session: its token goes into the cookie, not the body.
const sessionStoreKey = "appSessionSignIn"

// asSession runs a sign-in handler (register, login, its two-factor step)
// in session mode.
func asSession(handler func(*core.RequestEvent) error) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		e.Set(sessionStoreKey, true)
		return handler(e)
	}
}

// authResult is the data of register and login: the user and the login
// token, shown this once. In session mode the token is in the cookie and
// the data holds only the user.
type authResult struct {
	User  userResource `json:"user"`
	Token string       `json:"token,omitempty"`
}

// answerSignIn answers a completed sign-in: the token in the body, or, in
// session mode, in the cookie.
func answerSignIn(e *core.RequestEvent, status int, message i18n.Key, user *model.User, plain string) error {
	result := authResult{User: newUserResource(user), Token: plain}
	if session, _ := e.Get(sessionStoreKey).(bool); session {
		setSessionCookie(e, plain)
		result.Token = ""
	}
	return respond(e, status, message, result)
}

// setSessionCookie stores a login token in the session cookie.
func setSessionCookie(e *core.RequestEvent, token string) {
	maxAge := sessionCookieTTL
	if lifetime := model.SettingsOf(e.App).LoginTokenLifetime; lifetime > 0 {
		maxAge = lifetime
	}
	http.SetCookie(e.Response, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/api",
		MaxAge: int(maxAge.Seconds()), HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: isHTTPS(e),
	})
}

// clearSessionCookie removes the session cookie from the browser.
func clearSessionCookie(e *core.RequestEvent) {
	http.SetCookie(e.Response, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/api", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: isHTTPS(e),
	})
}

// isHTTPS reports whether the client reached us over https, directly or
// through a trusted proxy.
func isHTTPS(e *core.RequestEvent) bool {
	if e.Request.TLS != nil {
		return true
	}
	return len(e.App.Settings().TrustedProxy.Headers) > 0 && e.Request.Header.Get("X-Forwarded-Proto") == "https"
}

// sessionToken returns the token of the session cookie ("" for none), and
// whether the request may use it: only a same-origin request may. The
// browser says where a request comes from in Sec-Fetch-Site (every current
// browser) and Origin; a request that says it is cross-site, or from
// another origin, is refused, whatever SameSite let through (a page on
// another port of the same host is "same-site").
func sessionToken(e *core.RequestEvent) (token string, allowed bool) {
	cookie, err := e.Request.Cookie(sessionCookie)
	if err != nil || cookie.Value == "" {
		return "", false
	}
	switch e.Request.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none": // none: the user opened the URL themself
	default:
		return cookie.Value, false
	}
	if origin := e.Request.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || u.Host != e.Request.Host {
			return cookie.Value, false
		}
	}
	return cookie.Value, true
}

// sessionDelete signs the web app out: the cookie's token is revoked and
// the cookie cleared. Without a session it only clears the cookie.
func sessionDelete(e *core.RequestEvent) error {
	clearSessionCookie(e)
	if c := credentialOf(e); c != nil && c.viaCookie {
		if err := checkStatus(c.user, true); err != nil {
			return err
		}
		return authLogout(e)
	}
	return respond(e, http.StatusOK, i18n.LoggedOut, nil)
}
