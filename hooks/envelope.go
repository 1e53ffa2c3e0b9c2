package hooks

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"golang.org/x/text/language"

	"github.com/authappliance/appliance/hooks/i18n"
)

// envelope is the one response shape of API.md §1, keys in this order.
type envelope struct {
	Success bool   `json:"success"`
	Message string `json:"message"`
	Data    any    `json:"data"`
	Errors  any    `json:"errors"`
}

// respondEncoded is respond for data already encoded as JSON: the hot
// read of the account writes its envelope without the JSON encoder.
func respondEncoded(e *core.RequestEvent, status int, key i18n.Key, data json.RawMessage) error {
	lang := answerLang(e)
	message, err := json.Marshal(i18n.Text(lang, key, nil))
	if err != nil {
		return err
	}
	body := make([]byte, 0, len(data)+len(message)+48)
	body = append(body, `{"success":true,"message":`...)
	body = append(body, message...)
	body = append(body, `,"data":`...)
	body = append(body, data...)
	body = append(body, `,"errors":[]}`...)
	return e.Blob(status, "application/json", body)
}

// respond writes a success envelope with the message of key.
func respond(e *core.RequestEvent, status int, key i18n.Key, data any) error {
	lang := answerLang(e)
	return e.JSON(status, envelope{
		Success: true,
		Message: i18n.Text(lang, key, nil),
		Data:    data,
		Errors:  []any{},
	})
}

// failure returns an ApiError whose message is the English text of key and
// whose raw data carries the key, so that the envelope middleware can
// translate it (and PocketBase's own error handler, outside our routes,
// still shows a real sentence).
func failure(status int, key i18n.Key) *router.ApiError {
	return router.NewApiError(status, i18n.English(key), key)
}

// lookupFailure answers a failed lookup: a missing row is the given
// failure, anything else a server fault (API.md §10: a database failure is
// never a silent "not found").
func lookupFailure(e *core.RequestEvent, err error, status int, key i18n.Key) error {
	if errors.Is(err, sql.ErrNoRows) {
		return failure(status, key)
	}
	return e.InternalServerError("", err)
}

// notFoundOr500 answers a failed lookup of the caller's resource: missing
// (or another user's) is 404.
func notFoundOr500(e *core.RequestEvent, err error) error {
	return lookupFailure(e, err, http.StatusNotFound, i18n.NotFound)
}

// invalid returns a 422 with the given field errors.
func invalid(errs validation.Errors) *router.ApiError {
	return router.NewApiError(http.StatusUnprocessableEntity, i18n.English(i18n.ValidationFailed), errs)
}

// fieldError builds a validation error with a catalogue key as its code.
func fieldError(key i18n.Key) validation.Error {
	return validation.NewError(string(key), i18n.English(key))
}

const envelopeMiddlewareID = "appEnvelope"

// Envelope is the middleware that answers every error of the routes below
// it with the appliance's envelope {success, message, data, errors}. App
// authors bind it on their own routes next to RequireAbility or
// RequireAPIKey, and answer success with the same four keys.
func Envelope() *hook.Handler[*core.RequestEvent] {
	return envelopeMiddleware()
}

// envelopeMiddleware turns every error of the routes below it into the
// envelope. It runs just inside the activity logger, so that rate limits,
// body limits, auth guards and recovered panics are all wrapped, while the
// original error is still returned for the request log.
func envelopeMiddleware() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       envelopeMiddlewareID,
		Priority: apis.DefaultActivityLoggerMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			// answers of ours carry tokens and secrets: never cached
			h := e.Response.Header()
			h.Set("Cache-Control", "no-store")
			h.Set("Content-Language", requestLang(e).String())
			err := e.Next()
			if err == nil || e.Written() {
				return err
			}
			lang := answerLang(e) // the caller is known by now: their saved locale counts
			c := classify(err)
			if c.status == http.StatusInternalServerError {
				e.App.Logger().Error("request failed", "path", e.Request.URL.Path, "error", err.Error())
			}
			message := c.message
			if message == "" {
				message = i18n.Text(lang, c.key, c.params)
			}
			var errs any = []any{}
			if c.fieldErrors != nil {
				fields := translateFieldErrors(e, lang, c.fieldErrors)
				errs = fields
				message = fields.summary(lang)
			}
			if writeErr := e.JSON(c.status, envelope{
				Success: false,
				Message: message,
				Data:    nil,
				Errors:  errs,
			}); writeErr != nil {
				return errors.Join(err, writeErr)
			}
			return err
		},
	}
}

// classified is an error as the envelope answers it.
type classified struct {
	status      int
	key         i18n.Key          // the catalogue message
	params      map[string]string // its placeholders
	message     string            // an app author's own message, which wins over key
	fieldErrors validation.Errors // for a 422
}

// classify maps any error to a status and a message and, for a validation
// failure, its field errors. An ApiError of ours carries its catalogue
// key; one of an app author's keeps its own message below 500 (PocketBase's
// default messages get the catalogue's). A 5xx, and a bare error (a fault
// of ours: PocketBase would render it as a 400), show nothing internal.
func classify(err error) classified {
	if errors.Is(err, apis.ErrRequestEntityTooLarge) {
		return classified{status: http.StatusRequestEntityTooLarge, key: i18n.PayloadTooLarge}
	}

	var apiErr *router.ApiError
	if !errors.As(err, &apiErr) {
		if errors.Is(err, sql.ErrNoRows) {
			return classified{status: http.StatusNotFound, key: i18n.NotFound}
		}
		return classified{status: http.StatusInternalServerError, key: i18n.ServerError}
	}

	status := apiErr.Status
	if status >= 500 {
		return classified{status: http.StatusInternalServerError, key: i18n.ServerError}
	}
	switch raw := apiErr.RawData().(type) {
	case i18n.Key:
		return classified{status: status, key: raw}
	case validation.Errors:
		return classified{status: http.StatusUnprocessableEntity, key: i18n.ValidationFailed, fieldErrors: raw}
	}
	key, ok := statusKeys[status]
	if !ok {
		key = i18n.BadRequest
	}
	if !pocketBaseDefaultMessages[apiErr.Message] {
		return classified{status: status, key: key, message: apiErr.Message}
	}
	return classified{status: status, key: key}
}

// pocketBaseDefaultMessages are the messages PocketBase's error helpers
// use when given none; they say less than our catalogue's.
var pocketBaseDefaultMessages = map[string]bool{
	"":                                     true,
	"The requested resource wasn't found.": true,
	"Something went wrong while processing your request.": true,
	"You are not allowed to perform this request.":        true,
	"Missing or invalid authentication.":                  true,
	"Too Many Requests.":                                  true,
}

var statusKeys = map[int]i18n.Key{
	http.StatusBadRequest:            i18n.BadRequest,
	http.StatusUnauthorized:          i18n.Unauthenticated,
	http.StatusForbidden:             i18n.Forbidden,
	http.StatusNotFound:              i18n.NotFound,
	http.StatusMethodNotAllowed:      i18n.MethodNotAllowed,
	http.StatusRequestEntityTooLarge: i18n.PayloadTooLarge,
	http.StatusUnprocessableEntity:   i18n.ValidationFailed,
	http.StatusTooManyRequests:       i18n.TooManyRequests,
}

// translateFieldErrors renders the field errors in lang, each with the
// field's name in words. A code of ours is looked up in the catalogue; any
// other validation error keeps its own English sentence. The fields come
// in the request's order, then the form's (bindForm records it), then by
// name: identical requests answer identically.
func translateFieldErrors(e *core.RequestEvent, lang language.Tag, errs validation.Errors) orderedErrors {
	out := orderedErrors{texts: make(map[string][]string, len(errs))}
	for field, err := range errs {
		params := map[string]string{"field": i18n.FieldName(lang, field)}
		var verr validation.Error
		if errors.As(err, &verr) {
			for name, value := range verr.Params() {
				params[name] = fmt.Sprint(value)
			}
			if key := i18n.Key(verr.Code()); i18n.Has(key) {
				out.texts[field] = []string{i18n.Text(lang, key, params)}
				continue
			}
		}
		out.texts[field] = []string{sentence(err.Error())}
	}
	order, _ := e.Get(fieldOrderStoreKey).([]string)
	for _, field := range order {
		if _, ok := out.texts[field]; ok && !slices.Contains(out.order, field) {
			out.order = append(out.order, field)
		}
	}
	var rest []string
	for field := range out.texts {
		if !slices.Contains(out.order, field) {
			rest = append(rest, field)
		}
	}
	slices.Sort(rest)
	out.order = append(out.order, rest...)
	return out
}

// orderedErrors is the errors object of a 422, written in its order (a Go
// map would be written sorted).
type orderedErrors struct {
	order []string
	texts map[string][]string
}

func (o orderedErrors) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, field := range o.order {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(field)
		if err != nil {
			return nil, err
		}
		texts, err := json.Marshal(o.texts[field])
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(texts)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// summary is the message of a 422, as Laravel writes it: the first
// error, and how many more there are.
func (o orderedErrors) summary(lang language.Tag) string {
	if len(o.order) == 0 {
		return i18n.Text(lang, i18n.ValidationFailed, nil)
	}
	first := o.texts[o.order[0]][0]
	more := -1
	for _, texts := range o.texts {
		more += len(texts)
	}
	if more == 0 {
		return first
	}
	return first + " " + i18n.Plural(lang, i18n.MoreErrors, more, nil)
}

// sentence makes an ozzo message ("cannot be blank") read as a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
