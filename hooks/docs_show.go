package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/openapi"
)

// openAPIShow answers the OpenAPI 3.1 document of our routes, as a plain
// JSON object (tools read it as it is, not in the envelope).
func openAPIShow(e *core.RequestEvent) error {
	doc, err := openapi.JSON()
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.Blob(http.StatusOK, "application/json", doc)
}

// docsShow answers /docs: the readable reference, rendered from the same
// document inside the binary.
func docsShow(e *core.RequestEvent) error {
	page, err := openapi.HTML()
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.Blob(http.StatusOK, "text/html; charset=utf-8", page)
}

// docsStyle answers the stylesheet of /docs.
func docsStyle(e *core.RequestEvent) error {
	return e.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(openapi.CSS))
}
