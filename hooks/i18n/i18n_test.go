package i18n

import "testing"

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

func TestEveryKeyHasEnglish(t *testing.T) {
	for key, text := range english {
		if text == "" {
			t.Errorf("key %s has no English text", key)
		}
	}
}
