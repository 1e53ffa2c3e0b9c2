package hooks

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// bindForm reads a JSON or form-encoded body into the exported fields of
// form, by their json tag (API.md §1, §10):
//   - a body that is not a JSON object (null, a list, a number, a string,
//     broken JSON) is a 400, and a body over the limit stays a 413;
//   - a string field takes a string; null leaves it empty (missing);
//   - a *string field tells absent (nil) from cleared (null or "");
//   - a []string field takes a list of strings, or from a form repeated
//     values or one comma-separated value;
//   - any other type is a 422 on that field, and nothing is bound.
//
// It also records the order of the fields, the request's first and then
// the form's, in which a 422 lists its errors (API.md §1).
func bindForm(e *core.RequestEvent, form any) error {
	values, order, err := readBody(e)
	if err != nil {
		return err
	}
	e.Set(fieldOrderStoreKey, append(order, formFields(form)...))
	return assignFields(form, values)
}

// fieldOrderStoreKey holds, in the request store, the field names in the
// order a 422 lists their errors.
const fieldOrderStoreKey = "appFieldOrder"

// readBody returns the fields of the request body, and their names in the
// order the body has them: the JSON object, or the form values (one value
// as a string, repeated values as a list).
func readBody(e *core.RequestEvent) (map[string]any, []string, error) {
	contentType := e.Request.Header.Get("Content-Type")
	if strings.HasPrefix(contentType, "multipart/form-data") {
		if err := e.Request.ParseMultipartForm(maxBodySize); err != nil {
			return nil, nil, unreadableBody(err)
		}
		return formValues(e.Request.PostForm), nil, nil
	}

	raw, err := io.ReadAll(e.Request.Body)
	if err != nil {
		return nil, nil, unreadableBody(err)
	}
	if strings.HasPrefix(contentType, "application/x-www-form-urlencoded") {
		form, err := url.ParseQuery(string(raw))
		if err != nil {
			return nil, nil, failure(http.StatusBadRequest, i18n.InvalidBody)
		}
		var order []string
		for _, pair := range strings.Split(string(raw), "&") {
			name, _, _ := strings.Cut(pair, "=")
			if name, err := url.QueryUnescape(name); err == nil && name != "" {
				order = append(order, name)
			}
		}
		return formValues(form), order, nil
	}

	if len(bytes.TrimSpace(raw)) == 0 {
		return map[string]any{}, nil, nil
	}
	var values map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&values); err != nil || values == nil || dec.More() {
		return nil, nil, failure(http.StatusBadRequest, i18n.InvalidBody)
	}
	return values, jsonKeyOrder(raw), nil
}

// formValues reads form values: one value as a string, repeated values as
// a list.
func formValues(form url.Values) map[string]any {
	values := make(map[string]any, len(form))
	for name, list := range form {
		if len(list) == 1 {
			values[name] = formString(list[0])
			continue
		}
		items := make([]any, len(list))
		for i, v := range list {
			items[i] = v
		}
		values[name] = items
	}
	return values
}

// jsonKeyOrder returns the keys of a JSON object in the order it has them
// (a map forgets it). raw is known to be one valid object.
func jsonKeyOrder(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // {
		return nil
	}
	var order []string
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return order
		}
		order = append(order, key.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return order
		}
	}
	return order
}

// formFields returns the json names of a form's fields, in declaration
// order.
func formFields(form any) []string {
	t := reflect.TypeOf(form).Elem()
	var names []string
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return names
}

// unreadableBody keeps a 413 a 413; any other read failure is a 400.
func unreadableBody(err error) error {
	if errors.Is(err, apis.ErrRequestEntityTooLarge) {
		return err
	}
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return apis.ErrRequestEntityTooLarge
	}
	return failure(http.StatusBadRequest, i18n.InvalidBody)
}

var (
	stringType      = reflect.TypeFor[string]()
	stringPtrType   = reflect.TypeFor[*string]()
	stringSliceType = reflect.TypeFor[[]string]()
)

// assignFields sets the tagged fields of form (a pointer to a struct) from
// values, or reports every field of the wrong type as a 422.
func assignFields(form any, values map[string]any) error {
	v := reflect.ValueOf(form).Elem()
	t := v.Type()
	errs := validation.Errors{}
	for i := range t.NumField() {
		field := t.Field(i)
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		if name == "" || name == "-" || !field.IsExported() {
			continue
		}
		value, present := values[name]
		if !present {
			continue
		}
		bound, err := convertField(field.Type, value)
		if err != nil {
			errs[name] = err
			continue
		}
		v.Field(i).Set(bound)
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	return nil
}

// convertField converts one body value to a field's type.
func convertField(fieldType reflect.Type, value any) (reflect.Value, error) {
	s, isString := value.(string)
	if f, ok := value.(formString); ok {
		s, isString = string(f), true
	}
	switch fieldType {
	case stringType:
		if value == nil {
			return reflect.ValueOf(""), nil
		}
		if !isString {
			return reflect.Value{}, fieldError(i18n.ValidationString)
		}
		return reflect.ValueOf(s), nil
	case stringPtrType:
		if value == nil {
			s, isString = "", true
		}
		if !isString {
			return reflect.Value{}, fieldError(i18n.ValidationString)
		}
		return reflect.ValueOf(&s), nil
	case stringSliceType:
		return convertList(value)
	}
	panic("bindForm: unsupported field type " + fieldType.String())
}

// convertList reads a list of strings: a JSON list, repeated form values
// (already a list here) or one comma-separated form value. null is absent.
func convertList(value any) (reflect.Value, error) {
	var out []string
	switch v := value.(type) {
	case nil:
		return reflect.ValueOf([]string(nil)), nil
	case formString:
		for _, item := range strings.Split(string(v), ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	case []any:
		out = make([]string, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return reflect.Value{}, fieldError(i18n.ValidationStringList)
			}
			out = append(out, strings.TrimSpace(s))
		}
	default:
		return reflect.Value{}, fieldError(i18n.ValidationList)
	}
	return reflect.ValueOf(out), nil
}

// formString is a single form value, which a list field reads as a
// comma-separated list (a JSON string is not a list).
type formString string
