package hooks

import (
	"net/http"
	"slices"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/i18n"
)

// tokensCreate creates a personal access token. The plaintext is in this
// response only. A token never carries an ability that the credential
// creating it does not hold.
func tokensCreate(e *core.RequestEvent) error {
	form := &tokenCreateForm{held: credentialOf(e).abilities}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	token, plain, err := issueToken(e.App, newTokenInput{
		user:      asUser(e.Auth),
		tokenType: tokenTypeAPI,
		name:      form.Name,
		abilities: form.abilities,
		expiresAt: form.expiresAt,
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusCreated, i18n.TokenCreated, struct {
		ID        string   `json:"id"`
		Name      string   `json:"name"`
		Abilities []string `json:"abilities"`
		ExpiresAt any      `json:"expires_at"`
		Token     string   `json:"token"`
	}{token.Id, token.Name(), token.Abilities(), apiTime(token.ExpiresAt()), plain})
}

// -------------------------------------------------------------------

type tokenCreateForm struct {
	held []string

	Name      string `form:"name" json:"name"`
	Abilities any    `form:"abilities" json:"abilities"`
	ExpiresAt string `form:"expires_at" json:"expires_at"`

	abilities []string
	expiresAt types.DateTime
}

func (form *tokenCreateForm) validate() error {
	trimAll(&form.Name, &form.ExpiresAt)
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Name, validation.Required, validation.Length(1, 255)),
		validation.Field(&form.Abilities, abilitiesRule(form.held, nil, &form.abilities)),
		validation.Field(&form.ExpiresAt, expiryRule(0, &form.expiresAt)),
	))
}

// abilitiesRule validates the abilities asked for a new credential and
// stores them in dst: well formed, none in forbidden, and none beyond
// what the requesting credential holds.
func abilitiesRule(held, forbidden []string, dst *[]string) validation.Rule {
	return validation.By(func(value any) error {
		abilities, err := parseAbilities(value)
		if err != nil {
			return err
		}
		for _, a := range abilities {
			if slices.Contains(forbidden, a) {
				return fieldError(i18n.ValidationAbilityKey)
			}
		}
		if !credentials.Covers(held, abilities) {
			return fieldError(i18n.ValidationAbilityAbove)
		}
		*dst = abilities
		return nil
	})
}

// expiryRule validates an optional expiry (see parseFutureDate) and
// stores it in dst.
func expiryRule(limit time.Duration, dst *types.DateTime) validation.Rule {
	return validation.By(func(value any) error {
		dt, err := parseFutureDate(value.(string), limit)
		*dst = dt
		return err
	})
}

// maxAbilities bounds the abilities of one credential.
const maxAbilities = 50

// parseAbilities reads the abilities of a request: a JSON list of strings
// or, from a form, one comma-separated string. Absent means ["*"].
func parseAbilities(value any) ([]string, error) {
	var out []string
	switch v := value.(type) {
	case nil:
		return []string{credentials.AllAbilities}, nil
	case string:
		for _, a := range strings.Split(v, ",") {
			if a = strings.TrimSpace(a); a != "" {
				out = append(out, a)
			}
		}
	case []any:
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return nil, fieldError(i18n.ValidationAbility)
			}
			out = append(out, strings.TrimSpace(s))
		}
	case []string:
		out = v
	default:
		return nil, fieldError(i18n.ValidationAbility)
	}
	if len(out) == 0 {
		return []string{credentials.AllAbilities}, nil
	}
	if len(out) > maxAbilities {
		return nil, fieldError(i18n.ValidationAbility)
	}
	for _, a := range out {
		if !credentials.ValidAbility(a) {
			return nil, fieldError(i18n.ValidationAbility)
		}
	}
	return out, nil
}

// parseFutureDate reads an optional expiry: an ISO-8601 date or date-time
// in the future and, when limit > 0, no further than limit from now.
func parseFutureDate(s string, limit time.Duration) (types.DateTime, error) {
	if s == "" {
		return types.DateTime{}, nil
	}
	var t time.Time
	var err error
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000000Z", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return types.DateTime{}, fieldError(i18n.ValidationDate)
	}
	now := time.Now()
	if !t.After(now) {
		return types.DateTime{}, fieldError(i18n.ValidationDateFuture)
	}
	if limit > 0 && t.After(now.Add(limit)) {
		return types.DateTime{}, validation.NewError(string(i18n.ValidationDateMax), i18n.English(i18n.ValidationDateMax)).
			SetParams(map[string]any{"max": int(limit.Hours() / 24)})
	}
	dt, err := types.ParseDateTime(t.UTC())
	if err != nil {
		return types.DateTime{}, fieldError(i18n.ValidationDate)
	}
	return dt, nil
}
