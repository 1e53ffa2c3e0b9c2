package hooks

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/authappliance/appliance/hooks/openapi"
)

// TestDocumentMatchesRoutes: every route of routes.go is in the OpenAPI
// document, and the document has no route that routes.go lacks.
func TestDocumentMatchesRoutes(t *testing.T) {
	t.Parallel()

	doc, err := openapi.Document()
	if err != nil {
		t.Fatalf("the document does not load: %v", err)
	}
	app := newTestApp(t)
	defer app.Cleanup()
	testServer(t, app)
	routes, _ := app.Store().Get(routesStoreKey).([]string)
	documented := openapi.Operations(doc)
	for _, r := range routes {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in hooks/openapi/openapi.yaml", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routes, d) {
			t.Errorf("the document has %s, which routes.go does not bind", d)
		}
	}
	if len(routes) < 40 {
		t.Fatalf("only %d routes recorded: this test proves nothing", len(routes))
	}
}

// contractRouter finds a request's operation in the document.
var contractRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := openapi.Document()
	if err != nil {
		return nil, err
	}
	return gorillamux.NewRouter(doc)
})

// checkContract makes every answer of ours to a test app's requests be
// checked against the OpenAPI document: its status must be documented for
// the operation and its body must match the schema. Every ApiScenario
// table and every call() goes through it (newTestApp binds it); a
// mismatch fails the test that made the request.
func checkContract(t testing.TB, app *tests.TestApp) {
	if _, benchmark := t.(*testing.B); benchmark {
		return // benchmarks measure the appliance, not the validator
	}
	router, err := contractRouter()
	if err != nil {
		t.Fatalf("the OpenAPI document: %v", err)
	}
	var mu sync.Mutex
	var problems []string
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id: "testContractCheck",
		Func: func(se *core.ServeEvent) error {
			// outside the envelope middleware, to see the answers it writes
			se.Router.Bind(&hook.Handler[*core.RequestEvent]{Priority: apis.DefaultActivityLoggerMiddlewarePriority, Func: func(e *core.RequestEvent) error {
				route, params, err := router.FindRoute(e.Request)
				if err != nil {
					return e.Next() // not ours: PocketBase's routes, the pages
				}
				tee := &teeWriter{ResponseWriter: e.Response}
				e.Response = tee
				nextErr := e.Next()
				input := &openapi3filter.ResponseValidationInput{
					RequestValidationInput: &openapi3filter.RequestValidationInput{Request: e.Request, PathParams: params, Route: route},
					Status:                 tee.status,
					Header:                 tee.Header(),
					Body:                   io.NopCloser(bytes.NewReader(tee.body.Bytes())),
					Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
				}
				if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
					mu.Lock()
					problems = append(problems, fmt.Sprintf("%s %s → %d %s\n    %v", e.Request.Method, e.Request.URL.Path, tee.status, truncate(tee.body.String()), err))
					mu.Unlock()
				}
				return nextErr
			}})
			return se.Next()
		},
	})
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("an answer does not match hooks/openapi/openapi.yaml: %s", p)
		}
	})
}

func truncate(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return strings.TrimSpace(s)
}

// teeWriter keeps a copy of what a handler writes.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *teeWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *teeWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body.Write(p)
	return w.ResponseWriter.Write(p)
}

func (w *teeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
