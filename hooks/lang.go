package hooks

import (
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/language"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// requestLang is the language of an answer (API.md §12): ?lang= if it
// names a supported language, else the best match of Accept-Language, else
// the caller's saved locale, else English.
func requestLang(e *core.RequestEvent) language.Tag {
	if e.Request.URL.RawQuery != "" {
		if tag, ok := i18n.Parse(e.Request.URL.Query().Get("lang")); ok {
			return tag
		}
	}
	if tag, ok := i18n.Match(e.Request.Header.Get("Accept-Language")); ok {
		return tag
	}
	if e.Auth != nil && e.Auth.Collection().Name == model.UsersCollection {
		if tag, ok := i18n.Parse(model.AsUser(e.Auth).Locale()); ok {
			return tag
		}
	}
	return i18n.Default
}

// answerLang is requestLang for the answer being written: it also says it
// in Content-Language.
func answerLang(e *core.RequestEvent) language.Tag {
	lang := requestLang(e)
	e.Response.Header().Set("Content-Language", lang.String())
	return lang
}

// userLang is the language of a mail to u: their saved locale, else the
// language of the request that sends it.
func userLang(u *model.User, fallback language.Tag) language.Tag {
	if tag, ok := i18n.Parse(u.Locale()); ok {
		return tag
	}
	return fallback
}
