package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/language"

	"github.com/authappliance/appliance/hooks/i18n"
)

// i18nShow answers the strings the web pages show, in the request's
// language (?lang=, Accept-Language, the caller's locale), with the
// supported languages for a language switcher. Pages hold no text of
// their own: every string comes from the same catalogues as the API's.
func i18nShow(e *core.RequestEvent) error {
	lang := requestLang(e)
	languages := make([]languageItem, len(i18n.Supported))
	for i, tag := range i18n.Supported {
		languages[i] = languageItem{tag.String(), i18n.Text(tag, "language_name", nil), i18n.Dir(tag)}
	}
	return respond(e, http.StatusOK, i18n.Translations, struct {
		Lang      string            `json:"lang"`
		Dir       string            `json:"dir"`
		Languages []languageItem    `json:"languages"`
		Messages  map[string]string `json:"messages"`
	}{lang.String(), i18n.Dir(lang), languages, pageMessages(lang)})
}

// linkResultKeys are the outcomes of a mailed link that the verify-email
// page shows (signed_links.go sends the browser there with ?result=).
var linkResultKeys = []i18n.Key{i18n.EmailVerified, i18n.AlreadyVerified, i18n.NewEmailVerified, i18n.InvalidLink, i18n.EmailTaken}

// pageMessages are the strings of the pages in lang: their own, the field
// names, the language's name and the outcomes of mailed links.
func pageMessages(lang language.Tag) map[string]string {
	messages := i18n.Messages(lang, "page_", "field_", "language_name")
	for _, key := range linkResultKeys {
		messages[string(key)] = i18n.Text(lang, key, nil)
	}
	return messages
}

// languageItem is one supported language, named in itself.
type languageItem struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Dir  string `json:"dir"`
}
