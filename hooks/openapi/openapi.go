// Package openapi holds the OpenAPI 3.1 document of the appliance's routes
// (openapi.yaml, embedded) and renders it as the readable reference of
// /docs. A test in package hooks keeps it in step with routes.go, and the
// ApiScenario tables check every answer of ours against it.
package openapi

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed openapi.yaml
var source []byte

var (
	once    sync.Once
	doc     *openapi3.T
	docJSON []byte
	docHTML []byte
	loadErr error
)

func load() {
	loader := openapi3.NewLoader()
	doc, loadErr = loader.LoadFromData(source)
	if loadErr != nil {
		return
	}
	if loadErr = doc.Validate(context.Background()); loadErr != nil {
		return
	}
	if docJSON, loadErr = json.Marshal(doc); loadErr != nil {
		return
	}
	docHTML, loadErr = render(doc)
}

// Document returns the parsed, validated document.
func Document() (*openapi3.T, error) {
	once.Do(load)
	return doc, loadErr
}

// JSON returns the document as served at /api/openapi.json.
func JSON() ([]byte, error) {
	once.Do(load)
	return docJSON, loadErr
}

// HTML returns the reference page of /docs.
func HTML() ([]byte, error) {
	once.Do(load)
	return docHTML, loadErr
}

// Operations lists the document's operations as "METHOD /path".
func Operations(d *openapi3.T) []string {
	var out []string
	for path, item := range d.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, method+" "+path)
		}
	}
	slices.Sort(out)
	return out
}

// -------------------------------------------------------------------
// The reference page: plain HTML rendered once, no script, one stylesheet.

type pageOperation struct {
	ID, Method, Path, Summary, Description string
	Ability, Security                      string
	Verified                               bool
	Params                                 []pageField
	Body                                   []pageField
	Responses                              []pageResponse
}

type pageField struct {
	Name, In, Type, Rules, Description string
	Required                           bool
}

type pageResponse struct {
	Status, Description string
}

type pageTag struct {
	Name, Description string
	Operations        []pageOperation
}

func render(d *openapi3.T) ([]byte, error) {
	tags := map[string]*pageTag{}
	var order []string
	for _, t := range d.Tags {
		tags[t.Name] = &pageTag{Name: t.Name, Description: t.Description}
		order = append(order, t.Name)
	}
	paths := d.Paths.InMatchingOrder()
	slices.Sort(paths)
	for _, path := range paths {
		item := d.Paths.Value(path)
		for _, method := range []string{"GET", "POST", "PATCH", "PUT", "DELETE"} {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			tag := "Other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			if tags[tag] == nil {
				tags[tag] = &pageTag{Name: tag}
				order = append(order, tag)
			}
			tags[tag].Operations = append(tags[tag].Operations, describe(method, path, item, op))
		}
	}
	var list []pageTag
	for _, name := range order {
		if t := tags[name]; len(t.Operations) > 0 {
			list = append(list, *t)
		}
	}
	var b bytes.Buffer
	err := page.Execute(&b, struct {
		Title, Version, Description string
		Tags                        []pageTag
	}{d.Info.Title, d.Info.Version, d.Info.Description, list})
	return b.Bytes(), err
}

func describe(method, path string, item *openapi3.PathItem, op *openapi3.Operation) pageOperation {
	o := pageOperation{
		ID:     strings.ToLower(method) + strings.NewReplacer("/", "-", "{", "", "}", "").Replace(path),
		Method: method, Path: path, Summary: op.Summary, Description: op.Description,
	}
	if a, ok := op.Extensions["x-ability"].(string); ok {
		o.Ability = a
	}
	o.Verified, _ = op.Extensions["x-verified"].(bool)
	o.Security = securityOf(op)
	for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
		if p.Value == nil || p.Value.Name == "lang" || p.Value.Name == "Accept-Language" {
			continue
		}
		typ, rules := schemaSummary(p.Value.Schema)
		o.Params = append(o.Params, pageField{p.Value.Name, p.Value.In, typ, rules, p.Value.Description, p.Value.Required})
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
			s := mt.Schema.Value
			names := make([]string, 0, len(s.Properties))
			for name := range s.Properties {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				typ, rules := schemaSummary(s.Properties[name])
				o.Body = append(o.Body, pageField{name, "body", typ, rules, s.Properties[name].Value.Description, slices.Contains(s.Required, name)})
			}
		}
	}
	for _, status := range sortedKeys(op.Responses.Map()) {
		r := op.Responses.Value(status)
		desc := ""
		if r != nil && r.Value != nil && r.Value.Description != nil {
			desc = *r.Value.Description
		}
		o.Responses = append(o.Responses, pageResponse{status, desc})
	}
	return o
}

func securityOf(op *openapi3.Operation) string {
	if op.Security == nil || len(*op.Security) == 0 {
		return "public"
	}
	var ways []string
	for _, req := range *op.Security {
		var names []string
		for name := range req {
			names = append(names, name)
		}
		slices.Sort(names)
		if len(names) == 0 {
			names = []string{"none"}
		}
		ways = append(ways, strings.Join(names, " + "))
	}
	return strings.Join(ways, " or ")
}

func schemaSummary(ref *openapi3.SchemaRef) (typ, rules string) {
	if ref == nil || ref.Value == nil {
		return "", ""
	}
	s := ref.Value
	if s.Type != nil {
		typ = strings.Join(*s.Type, " or ")
	}
	if s.Type != nil && s.Type.Is("array") && s.Items != nil && s.Items.Value != nil && s.Items.Value.Type != nil {
		typ = "list of " + strings.Join(*s.Items.Value.Type, " or ")
	}
	var r []string
	if s.Format != "" {
		r = append(r, s.Format)
	}
	if s.MinLength > 0 || s.MaxLength != nil {
		max := "…"
		if s.MaxLength != nil {
			max = fmt.Sprint(*s.MaxLength)
		}
		r = append(r, fmt.Sprintf("%d–%s characters", s.MinLength, max))
	}
	if s.Min != nil || s.Max != nil {
		r = append(r, fmt.Sprintf("%v–%v", deref(s.Min), deref(s.Max)))
	}
	if len(s.Enum) > 0 {
		r = append(r, fmt.Sprintf("one of %v", s.Enum))
	}
	return typ, strings.Join(r, ", ")
}

func deref(f *float64) any {
	if f == nil {
		return "…"
	}
	return *f
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// CSS is the stylesheet of /docs (the pages' CSP allows no inline style).
const CSS = `body{margin:0;font:15px/1.55 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#111827;background:#f9fafb}
main{max-width:960px;margin:0 auto;padding:24px 16px 64px}h1{font-size:1.7rem}h2{margin-top:40px;border-bottom:2px solid #e5e7eb}
.intro,.desc{white-space:pre-wrap}nav ul{columns:2;padding-left:18px}section.op{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;margin:14px 0}
.m{display:inline-block;min-width:64px;font-weight:700;font-family:ui-monospace,monospace}.GET{color:#047857}.POST{color:#1d4ed8}.PATCH{color:#b45309}.DELETE{color:#b91c1c}
code,.p{font-family:ui-monospace,monospace}table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top;font-size:.9rem}
.meta{color:#4b5563;font-size:.9rem}@media (prefers-color-scheme:dark){body{background:#111827;color:#e5e7eb}section.op{background:#1f2937;border-color:#374151}td,th{border-color:#374151}.meta{color:#9ca3af}}`

var page = template.Must(template.New("docs").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title><link rel="stylesheet" href="/docs.css"></head>
<body><main>
<h1>{{.Title}} <small class="meta">version {{.Version}} · <a href="/api/openapi.json">openapi.json</a></small></h1>
<div class="intro">{{.Description}}</div>
<nav><h2>Routes</h2><ul>{{range .Tags}}{{range .Operations}}<li><a href="#{{.ID}}"><span class="m {{.Method}}">{{.Method}}</span> {{.Path}}</a></li>{{end}}{{end}}</ul></nav>
{{range .Tags}}<h2>{{.Name}}</h2>{{if .Description}}<p class="desc">{{.Description}}</p>{{end}}
{{range .Operations}}<section class="op" id="{{.ID}}">
<h3><span class="m {{.Method}}">{{.Method}}</span> <span class="p">{{.Path}}</span></h3>
<p><strong>{{.Summary}}</strong></p>
<p class="meta">credential: {{.Security}}{{if .Ability}} · ability <code>{{.Ability}}</code>{{end}}{{if .Verified}} · verified email{{end}}</p>
{{if .Description}}<div class="desc">{{.Description}}</div>{{end}}
{{if .Params}}<table><tr><th>parameter</th><th>in</th><th>type</th><th>rules</th><th>description</th></tr>{{range .Params}}<tr><td><code>{{.Name}}</code>{{if .Required}} *{{end}}</td><td>{{.In}}</td><td>{{.Type}}</td><td>{{.Rules}}</td><td>{{.Description}}</td></tr>{{end}}</table>{{end}}
{{if .Body}}<table><tr><th>body field</th><th>type</th><th>rules</th><th>description</th></tr>{{range .Body}}<tr><td><code>{{.Name}}</code>{{if .Required}} *{{end}}</td><td>{{.Type}}</td><td>{{.Rules}}</td><td>{{.Description}}</td></tr>{{end}}</table>{{end}}
<table><tr><th>status</th><th>answer</th></tr>{{range .Responses}}<tr><td>{{.Status}}</td><td>{{.Description}}</td></tr>{{end}}</table>
</section>{{end}}{{end}}
<p class="meta">* required</p>
</main></body></html>`))
