package hooks

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"github.com/authappliance/appliance/hooks/i18n"
)

// maxBodySize bounds every request body of our routes.
const maxBodySize = 64 << 10

// bindRoutes is the appliance's table of contents: every URL, with its
// throttle group, guard and ability (API.md §3–§6).
func bindRoutes(se *core.ServeEvent) {
	// every request, PocketBase's too: account status for its JWTs, our
	// credentials on the records API, and no secret in the request log
	se.Router.Bind(hideOurCredentials(), pocketBaseAuth(), redactSecrets())

	api := ownGroup(se.Router.RouterGroup, "/api", ownMiddlewares()...)
	index := newRouteIndex("/api")

	public := ownGroup(api, "", throttleGroup(throttlePublic))
	index.add(public.POST("/register", authRegister))
	index.add(public.POST("/login", authLogin))
	index.add(public.GET("/verify-email/{id}/{hash}", emailVerify))
	index.add(public.GET("/verify-new-email", accountEmailConfirm))
	index.add(public.POST("/password/forgot", passwordForgot))
	index.add(public.POST("/password/reset/{token}", passwordReset))
	index.add(public.POST("/login/two-factor", authLoginTwoFactor))
	// the web app's sign-in: the same, with the token in an httpOnly cookie
	index.add(public.POST("/session/register", asSession(authRegister)))
	index.add(public.POST("/session", asSession(authLogin)))
	index.add(public.POST("/session/two-factor", asSession(authLoginTwoFactor)))

	user := ownGroup(api, "", throttleGroup(throttleUser))
	index.add(user.POST("/resend-verification-email", emailVerificationResend).Bind(requireToken("", twoFactorSetUp)))
	index.add(user.POST("/logout", authLogout).Bind(requireToken("", inactiveAllowed, twoFactorSetUp)))
	// signing out clears the cookie even when its token is gone already
	index.add(user.DELETE("/session", sessionDelete))
	index.add(user.POST("/logout-all", authLogoutAll).Bind(requireToken("devices:write", inactiveAllowed)))
	index.add(user.GET("/dashboard", dashboardShow).Bind(requireToken("account:read", verifiedOnly)))
	index.add(user.GET("/active-device", devicesList).Bind(requireToken("devices:read", verifiedOnly)))
	index.add(user.DELETE("/active-device/{id}", devicesRevoke).Bind(requireToken("devices:write", verifiedOnly)))
	index.add(user.DELETE("/active-device", devicesRevokeOthers).Bind(requireToken("devices:write", verifiedOnly)))
	index.add(user.GET("/account", accountShow).Bind(requireToken("account:read", verifiedOnly, inactiveAllowed, twoFactorSetUp)))
	index.add(user.GET("/profile", accountShow).Bind(requireToken("account:read", verifiedOnly, inactiveAllowed, twoFactorSetUp)))
	index.add(user.PATCH("/account/profile", accountProfileUpdate).Bind(requireToken("account:write", verifiedOnly)))
	index.add(user.PATCH("/account/email", accountEmailUpdate).Bind(requireToken("account:write", verifiedOnly)))
	index.add(user.POST("/account/password", accountPasswordUpdate).Bind(requireToken("account:write", verifiedOnly)))
	index.add(user.GET("/account/activity", accountActivityList).Bind(requireToken("account:read", verifiedOnly)))
	index.add(user.POST("/account/two-factor", twoFactorEnable).Bind(requireToken("account:write", verifiedOnly, twoFactorSetUp)))
	index.add(user.POST("/account/two-factor/confirm", twoFactorConfirm).Bind(requireToken("account:write", verifiedOnly, twoFactorSetUp)))
	index.add(user.DELETE("/account/two-factor", twoFactorDisable).Bind(requireToken("account:write", verifiedOnly)))
	index.add(user.POST("/account/two-factor/recovery-codes", twoFactorRecoveryCodes).Bind(requireToken("account:write", verifiedOnly)))
	// any other /api/account/{status} is the catch-all's 404
	for _, status := range []string{"inactive", "active", "reactive", "suspend"} {
		index.add(user.PATCH("/account/"+status, accountStatusUpdate(status)).Bind(requireToken("account:write", inactiveAllowed)))
	}

	index.add(user.GET("/keys", apiKeysList).Bind(requireToken("keys:read", verifiedOnly)))
	index.add(user.POST("/keys", apiKeysCreate).Bind(requireToken("keys:write", verifiedOnly)))
	index.add(user.PATCH("/keys/{id}", apiKeysRegenerate).Bind(requireToken("keys:write", verifiedOnly)))
	index.add(user.DELETE("/keys/{id}", apiKeysRevoke).Bind(requireToken("keys:write", verifiedOnly)))

	// the pages' strings: public, cheap, read on every page load
	index.add(api.GET("/i18n", i18nShow))
	// this API's reference: the OpenAPI document, and /docs rendered from it
	index.add(api.GET("/openapi.json", openAPIShow))
	se.Router.GET("/docs", docsShow).Bind(securePages())
	se.Router.GET("/docs.css", docsStyle).Bind(securePages())

	// RequireAPIKey throttles per key itself, as on app authors' routes
	index.add(api.GET("/api-data-test", apiDataShow).Bind(RequireAPIKey("")))

	// the Laravilt "API Tokens" page, also at the seed's /admin paths
	tokens := ownGroup(user, "/profile/api-tokens", requireFeature(apiTokensEnabled))
	tokensIndex := index.within("/profile/api-tokens", apiTokensEnabled)
	tokensIndex.add(tokens.GET("", tokensList).Bind(requireToken("tokens:read", verifiedOnly)))
	bindTokenWriteRoutes(tokens, tokensIndex)

	admin := ownGroup(se.Router.RouterGroup, "/admin/profile/api-tokens",
		append(ownMiddlewares(), throttleGroup(throttleUser), requireFeature(apiTokensEnabled))...)
	bindTokenWriteRoutes(admin, index.elsewhere("/admin/profile/api-tokens", apiTokensEnabled))
	se.App.Store().Set(routesStoreKey, *index.names)

	// every other /api path that PocketBase does not own: 404, or 405 with
	// Allow when the path exists for another method
	for _, method := range catchAllMethods {
		api.Route(method, "/{path...}", index.unmatched)
	}

	bindStatic(se)
}

// ownMiddlewares are the middlewares of every group of our routes at the
// top of the router: the envelope, our credentials and a small body limit.
func ownMiddlewares() []*hook.Handler[*core.RequestEvent] {
	return []*hook.Handler[*core.RequestEvent]{envelopeMiddleware(), loadCredential(), apis.BodyLimit(maxBodySize)}
}

// ownGroup makes a group of our routes. Our routes have their own throttle
// (with Retry-After and per-user and per-key buckets), so PocketBase's
// limiter, which keeps guarding its own routes, is unbound on each group:
// an exclusion only reaches the routes of the group that declares it.
func ownGroup(parent *router.RouterGroup[*core.RequestEvent], prefix string, middlewares ...*hook.Handler[*core.RequestEvent]) *router.RouterGroup[*core.RequestEvent] {
	return parent.Group(prefix).Bind(middlewares...).Unbind(apis.DefaultRateLimitMiddlewareId)
}

// bindTokenWriteRoutes binds the three write routes of the API Tokens page
// on g (under /api and under the seed's /admin path) and records them in
// index.
func bindTokenWriteRoutes(g *router.RouterGroup[*core.RequestEvent], index *routeIndex) {
	routes := []*router.Route[*core.RequestEvent]{
		g.POST("", tokensCreate).Bind(requireToken("tokens:write", verifiedOnly)),
		g.DELETE("", tokensRevokeAll).Bind(requireToken("tokens:write", verifiedOnly)),
		g.DELETE("/{id}", tokensRevoke).Bind(requireToken("tokens:write", verifiedOnly)),
	}
	for _, r := range routes {
		index.add(r)
	}
}

// routesStoreKey holds, in the app store, every route of ours as
// "METHOD /path", for the tests that walk the route table.
const routesStoreKey = "appRoutes"

// routeIndex remembers our routes so that the catch-all can tell an
// unknown path (404) from a wrong method (405 with Allow). A route of a
// feature that is switched off counts as unknown.
type routeIndex struct {
	prefix  string
	mux     *http.ServeMux
	enabled func(core.App) bool // nil: always
	names   *[]string           // every route recorded, "METHOD /path"
}

func newRouteIndex(prefix string) *routeIndex {
	return &routeIndex{prefix: prefix, mux: http.NewServeMux(), names: &[]string{}}
}

// within returns a view of the index for a group at prefix below it whose
// routes exist only while enabled says so.
func (x *routeIndex) within(prefix string, enabled func(core.App) bool) *routeIndex {
	return &routeIndex{prefix: x.prefix + prefix, mux: x.mux, enabled: enabled, names: x.names}
}

// elsewhere returns an index for routes outside the index's prefix: they
// are listed with the others, but the catch-all does not answer for them.
func (x *routeIndex) elsewhere(prefix string, enabled func(core.App) bool) *routeIndex {
	return &routeIndex{prefix: prefix, mux: http.NewServeMux(), enabled: enabled, names: x.names}
}

// add records a route of a group bound at the index's prefix.
func (x *routeIndex) add(r *router.Route[*core.RequestEvent]) *router.Route[*core.RequestEvent] {
	pattern := r.Method + " " + x.prefix + r.Path
	x.mux.Handle(pattern, indexedRoute{x.enabled})
	*x.names = append(*x.names, pattern)
	return r
}

// indexedRoute is the mux entry of a recorded route.
type indexedRoute struct {
	enabled func(core.App) bool
}

func (indexedRoute) ServeHTTP(http.ResponseWriter, *http.Request) {}

// catchAllMethods are bound one by one: a method-less "/api/{path...}"
// would conflict with the "GET /{path...}" of the static pages.
var catchAllMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

func (x *routeIndex) unmatched(e *core.RequestEvent) error {
	var allow []string
	for _, method := range probeMethods {
		probe := &http.Request{Method: method, URL: e.Request.URL, Host: e.Request.Host, Header: http.Header{}}
		handler, pattern := x.mux.Handler(probe)
		if route, ok := handler.(indexedRoute); ok && pattern != "" && (route.enabled == nil || route.enabled(e.App)) {
			allow = append(allow, method)
		}
	}
	if len(allow) == 0 {
		return failure(http.StatusNotFound, i18n.NotFound)
	}
	e.Response.Header().Set("Allow", strings.Join(allow, ", "))
	return failure(http.StatusMethodNotAllowed, i18n.MethodNotAllowed)
}
