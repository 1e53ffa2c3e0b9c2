// Package i18n holds the appliance's message catalogues and picks the
// language of a request from its Accept-Language header.
//
// Handlers never hold public text: they name a Key, and the envelope
// middleware turns it into a sentence in the caller's language. English is
// the fallback for every key; another language plugs in by adding a
// catalogue to the catalogues map.
package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// Key identifies one public message.
type Key string

// catalogues maps each supported language to its messages. The first tag
// of supported is the fallback.
var catalogues = map[language.Tag]map[Key]string{
	language.English: english,
}

var supported = []language.Tag{language.English}

var matcher = language.NewMatcher(supported)

// Lang returns the best supported language for an Accept-Language header.
func Lang(acceptLanguage string) language.Tag {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, index, _ := matcher.Match(tags...)
	return supported[index]
}

// Text returns the message for key in lang, falling back to English. The
// params replace "{name}" placeholders.
func Text(lang language.Tag, key Key, params map[string]string) string {
	text, ok := catalogues[lang][key]
	if !ok {
		text = english[key]
	}
	return fill(text, params)
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
	return english[key]
}

// Has reports whether key is in the English catalogue.
func Has(key Key) bool {
	_, ok := english[key]
	return ok
}
