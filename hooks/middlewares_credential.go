package hooks

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// Middleware ids and the request store key of the credential.
const (
	loadCredentialMiddlewareID = "appLoadCredential"
	pocketBaseAuthMiddlewareID = "appPocketBaseAuth"
	credentialStoreKey         = "appCredential"
	presentedStoreKey          = "appCredentialPresented" // set once authenticate ran
)

// Credential kinds.
const (
	kindToken  = "token"
	kindAPIKey = "api_key"
	// kindExpiredToken is what authenticate reports for a real token, with
	// its right secret, whose session expired (expiry or idle timeout).
	kindExpiredToken = "expired_token"
	// kindCrossSite is a session cookie sent by a request from another
	// origin: refused, whatever the token (session.go).
	kindCrossSite = "cross_site"
)

// credential is what authenticated a request: a token (login or personal
// access) or an API key, with the abilities it carries.
type credential struct {
	kind      string
	id        string
	apiKey    string // for an API key: its public key
	user      *model.User
	abilities []string
	expiresAt types.DateTime // zero: never
	viaCookie bool           // the web app's session cookie carried it
}

// capExpiry bounds the expiry of a credential this one creates by its own:
// a credential never mints one that outlives it (API.md §5).
func (c *credential) capExpiry(expiresAt types.DateTime) types.DateTime {
	if c.expiresAt.IsZero() || (!expiresAt.IsZero() && expiresAt.Time().Before(c.expiresAt.Time())) {
		return expiresAt
	}
	return c.expiresAt
}

// allows reports whether the credential grants ability. An API key never
// grants the abilities that manage credentials or the account, whatever
// wildcard it holds.
func (c *credential) allows(ability string) bool {
	if c.kind == kindAPIKey && slices.Contains(model.KeyForbiddenAbilities, ability) {
		return false
	}
	return credentials.Allows(c.abilities, ability)
}

// credentialOf returns the credential of the request, or nil for a guest.
func credentialOf(e *core.RequestEvent) *credential {
	c, _ := e.Get(credentialStoreKey).(*credential)
	return c
}

// loadCredential reads a bearer token or an API key and, when it is valid,
// sets e.Auth to its owner and stores the credential for the guards. Like
// PocketBase's loadAuthToken it never rejects: a missing, malformed,
// expired or revoked credential leaves the request a guest, and the guards
// answer. It runs just after PocketBase's JWT loader, whose result it
// drops: our routes take only our credentials.
func loadCredential() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       loadCredentialMiddlewareID,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			// our routes accept only our credentials, never a PocketBase JWT
			e.Auth = nil
			c, presented := authenticate(e)
			e.Set(presentedStoreKey, presented)
			if c != nil {
				e.Auth = authRecord(e, c)
				e.Set(credentialStoreKey, c)
			}
			return e.Next()
		},
	}
}

// authRecord is the e.Auth of a verified request of ours. A read (GET,
// HEAD) gets the cached user itself: our read handlers never change
// e.Auth, and a copy costs as much as the rest of the verification. Any
// other method gets its own copy to change and save.
func authRecord(e *core.RequestEvent, c *credential) *core.Record {
	if e.Request.Method == http.MethodGet || e.Request.Method == http.MethodHead {
		return c.user.Record
	}
	return c.user.Record.Clone()
}

// authenticate verifies the credential of a request, and tells which kind
// of ours it tried to use (kindToken, kindAPIKey; "" for none, or for a
// bearer value shaped like a JWT, which is PocketBase's). It reads at most
// two rows by primary or unique key and writes nothing: the use is
// recorded in memory (usage.go).
func authenticate(e *core.RequestEvent) (c *credential, presented string) {
	authorization := e.Request.Header.Get("Authorization")
	if bearer := credentials.BearerValue(authorization); bearer != "" {
		if strings.Count(bearer, ".") == 2 {
			return nil, ""
		}
		return authenticateToken(e.App, bearer, time.Now())
	}
	key, secret, present, ok := credentials.ParseAPIKey(authorization,
		e.Request.Header.Get("X-API-KEY"), e.Request.Header.Get("X-API-SECRET"))
	if !present {
		return authenticateSession(e)
	}
	if !ok {
		return nil, kindAPIKey
	}
	return authenticateAPIKey(e.App, key, secret, time.Now()), kindAPIKey
}

// authenticateSession verifies the web app's session cookie, which only a
// same-origin request may use.
func authenticateSession(e *core.RequestEvent) (*credential, string) {
	token, allowed := sessionToken(e)
	switch {
	case token == "":
		return nil, ""
	case !allowed:
		return nil, kindCrossSite
	}
	c, presented := authenticateToken(e.App, token, time.Now())
	if c != nil {
		c.viaCookie = true
	}
	return c, presented
}

// refusal is the 401 for a credential that was presented and failed (and
// the 403 for a session cookie sent from another site).
func refusal(kind string) error {
	switch kind {
	case kindAPIKey:
		return failure(http.StatusUnauthorized, i18n.InvalidAPICredential)
	case kindExpiredToken:
		return failure(http.StatusUnauthorized, i18n.SessionExpired)
	case kindCrossSite:
		return failure(http.StatusForbidden, i18n.CrossSiteRefused)
	}
	return failure(http.StatusUnauthorized, i18n.Unauthenticated)
}

// idleTooLong reports whether a login token went unused for longer than
// the idle timeout (when one is set).
func idleTooLong(app core.App, token *model.CachedToken, now time.Time) bool {
	idle := model.SettingsOf(app).IdleTimeout
	if idle <= 0 || token.Type != model.TokenTypeLogin {
		return false
	}
	last := model.UsageOf(app).LastUsed(model.TokensCollection, token.ID, token.LastUsedAt)
	if last.IsZero() {
		last = token.Created
	}
	return now.Sub(last.Time()) > idle
}

// authenticateToken verifies a bearer token string: the hot path. When it
// refuses, presented tells why: kindExpiredToken for a real token, with
// its right secret, whose time ran out (its expiry, or the idle timeout of
// a login token), which only its holder can learn; kindToken for anything
// else (unknown, revoked, forged).
func authenticateToken(app core.App, value string, now time.Time) (c *credential, presented string) {
	id, secret, err := credentials.ParseToken(value)
	if err != nil {
		return nil, kindToken // bad checksum: refused before any database work
	}
	hash := credentials.Hash(secret)
	token, err := model.TokensCacheOf(app).Token(app, id, hash)
	if err != nil || !credentials.Equal(token.Hash, hash) {
		return nil, kindToken
	}
	if model.IsPast(token.ExpiresAt, now) || idleTooLong(app, token, now) {
		return nil, kindExpiredToken
	}
	user, err := model.UsersCacheOf(app).Shared(app, token.UserID)
	if err != nil {
		return nil, kindToken
	}
	model.UsageOf(app).Touch(model.TokensCollection, token.ID, now)
	return &credential{kind: kindToken, id: token.ID, user: user, abilities: token.Abilities, expiresAt: token.ExpiresAt}, kindToken
}

// parseStoredAbilities reads the JSON abilities column; anything unreadable
// grants nothing.
func parseStoredAbilities(raw string) []string {
	var abilities []string
	if err := json.Unmarshal([]byte(raw), &abilities); err != nil {
		return nil
	}
	return abilities
}

// accessRule is one requirement of a route guard.
type accessRule int

const (
	// verifiedOnly answers 403 until the email is verified.
	verifiedOnly accessRule = iota + 1
	// inactiveAllowed lets an inactive account through (read the account,
	// reactivate it, log out).
	inactiveAllowed
	// twoFactorSetUp lets an account through while the operator requires
	// two-factor and it has none yet: what it takes to turn it on (read the
	// account, verify the email, set two-factor up, log out).
	twoFactorSetUp
)

// requireToken guards a route for a login token or a personal access
// token carrying ability (empty: any). It checks, on every request, the
// account status, the email verification when the route says so, and the
// ability. API keys are refused: they never reach credential or account
// routes.
func requireToken(ability string, rules ...accessRule) *hook.Handler[*core.RequestEvent] {
	verified, inactiveOK, setUpOK := false, false, false
	for _, r := range rules {
		switch r {
		case verifiedOnly:
			verified = true
		case inactiveAllowed:
			inactiveOK = true
		case twoFactorSetUp:
			setUpOK = true
		}
	}
	return &hook.Handler[*core.RequestEvent]{
		Func: func(e *core.RequestEvent) error {
			c := credentialOf(e)
			if c == nil || c.kind != kindToken {
				if p := e.Get(presentedStoreKey); p == kindExpiredToken || p == kindCrossSite {
					return refusal(p.(string))
				}
				return failure(http.StatusUnauthorized, i18n.Unauthenticated)
			}
			if err := checkStatus(c.user, inactiveOK); err != nil {
				return err
			}
			if verified && !c.user.Verified() {
				return failure(http.StatusForbidden, i18n.EmailNotVerified)
			}
			if !setUpOK {
				if err := checkTwoFactorRequired(e.App, c.user); err != nil {
					return err
				}
			}
			if ability != "" && !c.allows(ability) {
				return failure(http.StatusForbidden, i18n.MissingAbility)
			}
			return e.Next()
		},
	}
}

// checkStatus refuses a suspended account, and an inactive one unless the
// route allows it.
func checkStatus(u *model.User, inactiveOK bool) error {
	switch u.Status() {
	case model.StatusSuspended:
		return failure(http.StatusForbidden, i18n.AccountSuspended)
	case model.StatusInactive:
		if !inactiveOK {
			return failure(http.StatusForbidden, i18n.AccountInactive)
		}
	}
	return nil
}

// checkAccount is what every credential outside our own route table must
// pass (app authors' routes, PocketBase's records API): an active account,
// and two-factor when the operator requires it.
func checkAccount(app core.App, u *model.User) error {
	if err := checkStatus(u, false); err != nil {
		return err
	}
	return checkTwoFactorRequired(app, u)
}

// checkTwoFactorRequired refuses an account without two-factor while the
// operator requires it for every account.
func checkTwoFactorRequired(app core.App, u *model.User) error {
	if model.SettingsOf(app).RequireTwoFactor && !u.TwoFactorEnabled() {
		return failure(http.StatusForbidden, i18n.TwoFactorRequired)
	}
	return nil
}

// RequireAbility is the middleware app authors put on their own routes: the
// request must carry a personal access token, a login token or an API key
// of an active account that holds ability ("" for any). It throttles per
// user (tokens) or per key. Bind it on a route or group of your own, with
// Envelope for the appliance's response shape:
//
//	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
//	    se.Router.GET("/api/reports", listReports).Bind(hooks.Envelope(), hooks.RequireAbility("reports:read"))
//	    return se.Next()
//	})
func RequireAbility(ability string) *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Func: func(e *core.RequestEvent) error {
			if err := checkCredential(e, ability, false); err != nil {
				return err
			}
			return e.Next()
		},
	}
}

// checkCredential is the guard of RequireAbility and RequireAPIKey: it
// authenticates the request unless loadCredential already tried,
// throttles it (per user or key; per IP while unauthenticated), and checks
// the account status and the ability.
func checkCredential(e *core.RequestEvent, ability string, apiKeyOnly bool) error {
	c := credentialOf(e)
	presented, checked := e.Get(presentedStoreKey).(string)
	if c == nil && !checked {
		c, presented = authenticate(e)
	}
	valid := c != nil && (!apiKeyOnly || c.kind == kindAPIKey)
	group := throttleUser
	if apiKeyOnly || (c != nil && c.kind == kindAPIKey) {
		group = throttleAPIKey
	}
	if valid {
		e.Auth = c.user.Record.Clone()
		e.Set(credentialStoreKey, c)
	}
	if err := checkThrottle(e, group); err != nil {
		return err
	}
	if !valid {
		if apiKeyOnly {
			return refusal(kindAPIKey)
		}
		return refusal(presented)
	}
	if err := checkAccount(e.App, c.user); err != nil {
		return err
	}
	if ability != "" && !c.allows(ability) {
		return failure(http.StatusForbidden, i18n.MissingAbility)
	}
	return nil
}

// hiddenAuthorizationStoreKey keeps, in the request store, an
// Authorization header of ours while PocketBase's JWT loader runs.
const hiddenAuthorizationStoreKey = "appHiddenAuthorization"

// hideOurCredentials runs just before PocketBase's JWT loader and hides
// from it an Authorization header that cannot be a JWT (our tokens, API
// keys): the loader would try to parse it as one on every request, which
// cost 5% of a verified request. pocketBaseAuth, just after the loader,
// puts it back.
func hideOurCredentials() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "appHideOurCredentials",
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			if authorization := e.Request.Header.Get("Authorization"); authorization != "" && strings.Count(authorization, ".") != 2 {
				e.Request.Header.Del("Authorization")
				e.Set(hiddenAuthorizationStoreKey, authorization)
			}
			return e.Next()
		},
	}
}

// pocketBaseAuth guards PocketBase's own routes: a PocketBase JWT of a user
// that is not active is dropped everywhere, and on the records API
// (/api/collections/{collection}/records...) our tokens and API keys act as
// their owner when they hold records:read (GET) or records:write (other
// methods). The collection's API rules still apply after this.
func pocketBaseAuth() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       pocketBaseAuthMiddlewareID,
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			if hidden, ok := e.Get(hiddenAuthorizationStoreKey).(string); ok {
				e.Request.Header.Set("Authorization", hidden)
			}
			if e.Auth != nil && e.Auth.Collection().Name == model.UsersCollection && model.AsUser(e.Auth).Status() != model.StatusActive {
				e.Auth = nil
			}
			if isClosedAuthFlow(e) {
				return failure(http.StatusNotFound, i18n.NotFound)
			}
			if e.Auth != nil || !isRecordsAPI(e.Request) {
				return e.Next()
			}
			c, presented := authenticate(e)
			if c == nil {
				if presented != "" {
					return refusal(presented) // a revoked or expired credential is not a guest
				}
				return e.Next()
			}
			if err := checkAccount(e.App, c.user); err != nil {
				return err
			}
			ability := "records:write"
			if e.Request.Method == http.MethodGet || e.Request.Method == http.MethodHead {
				ability = "records:read"
			}
			if !c.allows(ability) {
				return failure(http.StatusForbidden, i18n.MissingAbility)
			}
			e.Auth = c.user.Record.Clone()
			e.Set(credentialStoreKey, c)
			if c.kind == kindAPIKey {
				if err := checkThrottle(e, throttleAPIKey); err != nil {
					return err
				}
			}
			return e.Next()
		},
	}
}

// closedAuthFlows are PocketBase's own account flows, which our routes
// replace for users: its verification, reset and email-change mails would
// go around our signed links, revocations and status rules.
var closedAuthFlows = map[string]bool{
	"request-verification": true, "confirm-verification": true,
	"request-password-reset": true, "confirm-password-reset": true,
	"request-email-change": true, "confirm-email-change": true,
	"request-otp": true, "auth-with-otp": true, "auth-with-oauth2": true,
}

// isClosedAuthFlow reports whether the request targets one of
// closedAuthFlows on the users collection (by name or id).
func isClosedAuthFlow(e *core.RequestEvent) bool {
	collection, action, ok := collectionPath(e.Request.URL.Path)
	if !ok || !closedAuthFlows[action] {
		return false
	}
	c, err := e.App.FindCachedCollectionByNameOrId(collection)
	return err == nil && c.Name == model.UsersCollection
}

// isRecordsAPI reports whether r targets /api/collections/{c}/records.
func isRecordsAPI(r *http.Request) bool {
	_, rest, ok := collectionPath(r.URL.Path)
	return ok && (rest == "records" || strings.HasPrefix(rest, "records/"))
}

// collectionPath splits /api/collections/{collection}/{rest}.
func collectionPath(path string) (collection, rest string, ok bool) {
	tail, ok := strings.CutPrefix(path, "/api/collections/")
	if !ok {
		return "", "", false
	}
	collection, rest, _ = strings.Cut(tail, "/")
	return collection, rest, true
}

// apiTokensEnabled reports whether the API Tokens page is switched on.
func apiTokensEnabled(app core.App) bool {
	return model.SettingsOf(app).APITokensEnabled
}

// requireFeature answers 404 while a feature is switched off, as if its
// routes did not exist.
func requireFeature(enabled func(core.App) bool) *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Func: func(e *core.RequestEvent) error {
			if !enabled(e.App) {
				return failure(http.StatusNotFound, i18n.NotFound)
			}
			return e.Next()
		},
	}
}

// RequireAPIKey is the middleware that protects a route with API keys
// only: the request must carry a valid, unexpired key pair
// ("Authorization: api <key>:<secret>" or X-API-KEY + X-API-SECRET) of an
// active account that holds ability ("" for any). Bind it together with
// the envelope on your own routes (it throttles per key itself):
//
//	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
//	    se.Router.GET("/api/reports", listReports).Bind(hooks.Envelope(), hooks.RequireAPIKey("reports:read"))
//	    return se.Next()
//	})
func RequireAPIKey(ability string) *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Func: func(e *core.RequestEvent) error {
			if err := checkCredential(e, ability, true); err != nil {
				return err
			}
			return e.Next()
		},
	}
}

// authenticateAPIKey verifies an API key pair. A key always has an expiry.
func authenticateAPIKey(app core.App, key, secret string, now time.Time) *credential {
	row, err := model.LookupAPIKey(app, key)
	if err != nil || !credentials.Equal(row.Hash, credentials.Hash(secret)) || row.ExpiresAt.IsZero() || model.IsPast(row.ExpiresAt, now) {
		return nil
	}
	user, err := model.UsersCacheOf(app).Shared(app, row.UserID)
	if err != nil {
		return nil
	}
	model.UsageOf(app).Touch(model.APIKeysCollection, row.ID, now)
	return &credential{kind: kindAPIKey, id: row.ID, apiKey: key, user: user, abilities: parseStoredAbilities(row.Abilities)}
}
