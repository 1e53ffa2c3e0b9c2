package hooks

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
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
func bindForm(e *core.RequestEvent, form any) error {
	values, err := readBody(e)
	if err != nil {
		return err
	}
	return assignFields(form, values)
}

// readBody returns the fields of the request body: the JSON object, or
// the form values (one value as a string, repeated values as a list).
func readBody(e *core.RequestEvent) (map[string]any, error) {
	contentType := e.Request.Header.Get("Content-Type")
	if strings.HasPrefix(contentType, "application/x-www-form-urlencoded") || strings.HasPrefix(contentType, "multipart/form-data") {
		if err := e.Request.ParseMultipartForm(maxBodySize); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			return nil, unreadableBody(err)
		}
		values := make(map[string]any, len(e.Request.PostForm))
		for name, list := range e.Request.PostForm {
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
		return values, nil
	}

	raw, err := io.ReadAll(e.Request.Body)
	if err != nil {
		return nil, unreadableBody(err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return map[string]any{}, nil
	}
	var values map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&values); err != nil || values == nil || dec.More() {
		return nil, failure(http.StatusBadRequest, i18n.InvalidBody)
	}
	return values, nil
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
