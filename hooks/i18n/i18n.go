// Package i18n holds the appliance's message catalogues, one embedded TOML
// file per language in locales/, and picks the language of a request.
//
// Handlers never hold public text: they name a Key, and the envelope
// middleware turns it into a sentence in the caller's language. English is
// the reference and the fallback. A new language is one new file,
// locales/<code>.toml, with every key of en.toml: the tests refuse a
// catalogue with a missing key or different placeholders. go-i18n reads the
// files and picks plural forms by the CLDR rules of each language; the
// "{name}" placeholders are filled here, in one pass.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Key identifies one public message.
type Key string

// Default is the language of last resort, and the reference catalogue.
var Default = language.English

//go:embed locales/*.toml
var localeFiles embed.FS

var (
	// Supported lists the languages of the catalogues, Default first.
	Supported []language.Tag

	bundle     *goi18n.Bundle
	localizers = map[language.Tag]*goi18n.Localizer{}
	catalogues = map[language.Tag]map[string]*goi18n.Message{}
	matcher    language.Matcher
)

func init() {
	if err := load(localeFiles); err != nil {
		panic("i18n: " + err.Error())
	}
}

// load reads every locales/*.toml of files.
func load(files fs.FS) error {
	bundle = goi18n.NewBundle(Default)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(files, "locales/*.toml")
	if err != nil {
		return err
	}
	for _, name := range names {
		file, err := bundle.LoadMessageFileFS(files, name)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		messages := map[string]*goi18n.Message{}
		for _, m := range file.Messages {
			messages[m.ID] = m
		}
		catalogues[file.Tag] = messages
		localizers[file.Tag] = goi18n.NewLocalizer(bundle, file.Tag.String())
		Supported = append(Supported, file.Tag)
	}
	if _, ok := catalogues[Default]; !ok {
		return fmt.Errorf("no %s catalogue in locales/", Default)
	}
	// the default first: the matcher falls back to the first tag
	slices.SortFunc(Supported, func(a, b language.Tag) int {
		switch {
		case a == Default:
			return -1
		case b == Default:
			return 1
		}
		return strings.Compare(a.String(), b.String())
	})
	matcher = language.NewMatcher(Supported)
	return nil
}

// Match returns the best supported language for an Accept-Language
// header ("es-MX,es;q=0.9" → es), and false when none of its languages is
// supported.
func Match(acceptLanguage string) (language.Tag, bool) {
	if m, ok := matches.Load(acceptLanguage); ok {
		r := m.(matched)
		return r.tag, r.ok
	}
	tag, ok := match(acceptLanguage)
	if matchesSize.Add(1) > maxMatches { // headers come from clients: bounded
		matches.Clear()
		matchesSize.Store(1)
	}
	matches.Store(acceptLanguage, matched{tag, ok})
	return tag, ok
}

// matches caches Match by header: browsers send few distinct headers, and
// matching one costs microseconds on every request.
var (
	matches     sync.Map // string → matched
	matchesSize atomic.Int64
)

const maxMatches = 1000

type matched struct {
	tag language.Tag
	ok  bool
}

func match(acceptLanguage string) (language.Tag, bool) {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default, false
	}
	_, index, confidence := matcher.Match(tags...)
	if confidence == language.No {
		return Default, false
	}
	return Supported[index], true
}

// Parse returns the supported language of a code ("es", "es-MX", "ar"),
// and false for an empty or unsupported one.
func Parse(code string) (language.Tag, bool) {
	code = strings.TrimSpace(code)
	if code == "" || len(code) > 35 {
		return Default, false
	}
	return Match(code)
}

// Dir is the writing direction of lang: "rtl" or "ltr".
func Dir(lang language.Tag) string {
	if base, _ := lang.Base(); base.String() == "ar" {
		return "rtl"
	}
	return "ltr"
}

// Text returns the message for key in lang (English when lang lacks it),
// with params filling its "{name}" placeholders. An unknown key is returned
// as it is, which the tests forbid.
func Text(lang language.Tag, key Key, params map[string]string) string {
	return localize(lang, key, nil, params)
}

// Plural returns the plural message key for count in lang, with {count}
// and params filled in.
func Plural(lang language.Tag, key Key, count int, params map[string]string) string {
	all := map[string]string{"count": strconv.Itoa(count)}
	for k, v := range params {
		all[k] = v
	}
	return localize(lang, key, count, all)
}

func localize(lang language.Tag, key Key, count any, params map[string]string) string {
	if count == nil {
		// a plain message never changes: looked up once per language
		cacheKey := textKey{lang, key}
		if text, ok := texts.Load(cacheKey); ok {
			return fill(text.(string), params)
		}
		text := lookup(lang, key, nil)
		texts.Store(cacheKey, text)
		return fill(text, params)
	}
	return fill(lookup(lang, key, count), params)
}

// texts caches the plain messages: go-i18n's lookup costs more than the
// rest of an answer.
var texts sync.Map // textKey → string

type textKey struct {
	lang language.Tag
	key  Key
}

func lookup(lang language.Tag, key Key, count any) string {
	l, ok := localizers[lang]
	if !ok {
		l = localizers[Default]
	}
	text, err := l.Localize(&goi18n.LocalizeConfig{MessageID: string(key), PluralCount: count})
	if err != nil && text == "" {
		return string(key)
	}
	return text
}

// FieldName returns a request field as it reads inside a sentence of lang
// ("email" → "correo electrónico"), from the field_* messages; a field
// without one reads as its name with spaces.
func FieldName(lang language.Tag, field string) string {
	if Has(Key("field_" + field)) {
		return Text(lang, Key("field_"+field), nil)
	}
	return strings.ReplaceAll(field, "_", " ")
}

// Messages returns the messages of lang whose keys start with one of
// prefixes, for the web pages.
func Messages(lang language.Tag, prefixes ...string) map[string]string {
	out := map[string]string{}
	for id := range catalogues[Default] {
		for _, p := range prefixes {
			if strings.HasPrefix(id, p) {
				out[id] = Text(lang, Key(id), nil)
			}
		}
	}
	return out
}

// fill replaces each "{name}" of text with params[name] in one pass, so a
// value that itself holds "{...}" (a user named "{app}") is never filled
// again. A placeholder without a param stays as it is.
func fill(text string, params map[string]string) string {
	if len(params) == 0 || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for {
		end := strings.IndexByte(text, '}')
		if end < 0 {
			break
		}
		open := strings.LastIndexByte(text[:end], '{')
		value, ok := "", false
		if open >= 0 {
			value, ok = params[text[open+1:end]]
		}
		if ok {
			b.WriteString(text[:open])
			b.WriteString(value)
		} else {
			b.WriteString(text[:end+1])
		}
		text = text[end+1:]
	}
	b.WriteString(text)
	return b.String()
}

// English returns the English message for key.
func English(key Key) string {
	return Text(Default, key, nil)
}

// Has reports whether key is in the reference catalogue.
func Has(key Key) bool {
	_, ok := catalogues[Default][string(key)]
	return ok
}

// localeFile is the path of a language's catalogue, for error messages.
func localeFile(lang language.Tag) string {
	return path.Join("locales", lang.String()+".toml")
}
