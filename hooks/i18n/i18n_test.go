package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

func TestFillIsOnePass(t *testing.T) {
	params := map[string]string{"name": "{app}", "app": "Acme", "field": "email"}
	for range 50 { // map order must not matter
		if got := fill("Hello {name}, from {app}.", params); got != "Hello {app}, from Acme." {
			t.Fatalf("fill = %q", got)
		}
	}
	cases := map[string]string{
		"":                      "",
		"no placeholders":       "no placeholders",
		"{unknown} stays":       "{unknown} stays",
		"an open { alone":       "an open { alone",
		"The {field} field.":    "The email field.",
		"{field}{field}":        "emailemail",
		"nested {{field}} ones": "nested {email} ones",
	}
	for text, want := range cases {
		if got := fill(text, params); got != want {
			t.Errorf("fill(%q) = %q, want %q", text, got, want)
		}
	}
}

// The languages the appliance promises (API.md §12).
func TestTheFourLanguagesAreThere(t *testing.T) {
	for _, code := range []string{"en", "bn", "es", "ar"} {
		tag := language.MustParse(code)
		if _, ok := catalogues[tag]; !ok {
			t.Errorf("no catalogue for %s", code)
		}
	}
	if Supported[0] != Default {
		t.Fatal("the default language must come first")
	}
}

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

func placeholders(text string) []string {
	found := placeholder.FindAllString(text, -1)
	slices.Sort(found)
	return slices.Compact(found)
}

// forms returns the non-empty plural forms of a message.
func forms(m *goi18n.Message) map[string]string {
	out := map[string]string{}
	for name, text := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if text != "" {
			out[name] = text
		}
	}
	return out
}

// TestCataloguesAreComplete fails when a language lacks a key of English,
// has a key English lacks, or a message's placeholders differ from
// English's (a plural form may leave out {count}, as "one minute" does).
func TestCataloguesAreComplete(t *testing.T) {
	reference := catalogues[Default]
	for _, lang := range Supported {
		catalogue := catalogues[lang]
		for id, en := range reference {
			m, ok := catalogue[id]
			if !ok {
				t.Errorf("%s: key %s is missing", localeFile(lang), id)
				continue
			}
			want := placeholders(en.Other)
			for form, text := range forms(m) {
				got := placeholders(text)
				if isPlural(en) {
					got = slices.DeleteFunc(slices.Clone(got), func(p string) bool { return p == "{count}" })
					want = slices.DeleteFunc(slices.Clone(want), func(p string) bool { return p == "{count}" })
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: %s (%s) has placeholders %v, English has %v", localeFile(lang), id, form, got, want)
				}
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s: %s (%s) is empty", localeFile(lang), id, form)
				}
			}
		}
		for id := range catalogue {
			if _, ok := reference[id]; !ok {
				t.Errorf("%s: key %s is not in English", localeFile(lang), id)
			}
		}
	}
}

func isPlural(m *goi18n.Message) bool { return m.One != "" }

// TestPluralFormsFollowCLDR asks every plural message for counts that hit
// every CLDR form of every language (Arabic's six among them): go-i18n
// fails when a catalogue lacks the form its language needs.
func TestPluralFormsFollowCLDR(t *testing.T) {
	counts := []int{0, 1, 2, 3, 7, 11, 21, 99, 100, 101, 102, 1000000}
	for id, en := range catalogues[Default] {
		if !isPlural(en) {
			continue
		}
		for _, lang := range Supported {
			for _, n := range counts {
				_, err := localizers[lang].Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: n})
				if err != nil {
					t.Errorf("%s: %s for %d: %v", localeFile(lang), id, n, err)
				}
			}
		}
	}
	if got := Plural(language.English, MoreErrors, 1, nil); got != "(and 1 more error)" {
		t.Errorf("English one: %q", got)
	}
	if got := Plural(language.English, MoreErrors, 3, nil); got != "(and 3 more errors)" {
		t.Errorf("English other: %q", got)
	}
	ar := language.Arabic
	seen := map[string]bool{}
	for _, n := range []int{0, 1, 2, 3, 11, 100} {
		seen[Plural(ar, Minutes, n, nil)] = true
	}
	if len(seen) < 4 {
		t.Errorf("Arabic minutes use %d distinct forms for 0, 1, 2, 3, 11, 100; CLDR has six", len(seen))
	}
}

// Every key the code names (the Key constants of keys.go) is in the
// reference catalogue.
func TestEveryKeyHasEnglish(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []Key
	ast.Inspect(file, func(n ast.Node) bool {
		if spec, ok := n.(*ast.ValueSpec); ok {
			for _, v := range spec.Values {
				if lit, ok := v.(*ast.BasicLit); ok {
					keys = append(keys, Key(strings.Trim(lit.Value, `"`)))
				}
			}
		}
		return true
	})
	if len(keys) < 100 {
		t.Fatalf("found only %d keys in keys.go", len(keys))
	}
	for _, key := range keys {
		if !Has(key) {
			t.Errorf("key %s is not in %s", key, localeFile(Default))
		}
	}
	pages := Messages(Default, "page_")
	if len(pages) == 0 || !slices.Contains(slices.Collect(maps.Keys(pages)), "page_language") {
		t.Error("the page strings are missing")
	}
}

func TestNegotiation(t *testing.T) {
	cases := []struct {
		header string
		want   string
		ok     bool
	}{
		{"es-MX,es;q=0.9,en;q=0.5", "es", true},
		{"bn-BD", "bn", true},
		{"ar-EG,ar;q=0.8", "ar", true},
		{"fr-FR,fr;q=0.9,es;q=0.3", "es", true},
		{"fr-FR", "en", false},
		{"", "en", false},
		{"not a header;;", "en", false},
	}
	for _, c := range cases {
		got, ok := Match(c.header)
		if got.String() != c.want || ok != c.ok {
			t.Errorf("Match(%q) = %s %v, want %s %v", c.header, got, ok, c.want, c.ok)
		}
	}
	if tag, ok := Parse("es-419"); !ok || tag.String() != "es" {
		t.Errorf("Parse(es-419) = %s %v", tag, ok)
	}
	if _, ok := Parse("xx"); ok {
		t.Error("an unknown code must not parse")
	}
	if Dir(language.Arabic) != "rtl" || Dir(language.Bengali) != "ltr" {
		t.Error("writing direction")
	}
}
