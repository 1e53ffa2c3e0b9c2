package hooks

import (
	"slices"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// credentialForm is the body that creates a personal access token or an
// API key: a name, abilities and an optional expiry. A new credential
// never holds an ability its creator lacks, nor outlives it (API.md §5).
type credentialForm struct {
	creator    *credential
	nameMax    int
	forbidden  []string      // abilities this kind of credential never holds
	defaultTTL time.Duration // expiry when none is asked (0: none)
	maxTTL     time.Duration // furthest expiry allowed (0: no bound)

	Name      string   `form:"name" json:"name"`
	Abilities []string `form:"abilities" json:"abilities"`
	ExpiresAt string   `form:"expires_at" json:"expires_at"`

	abilities []string
	expiresAt types.DateTime // after validate: the expiry to store
}

func (form *credentialForm) validate() error {
	trimAll(&form.Name, &form.ExpiresAt)
	err := validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Name, validation.Required, validation.Length(1, form.nameMax)),
		validation.Field(&form.Abilities, validation.By(form.checkAbilities)),
		validation.Field(&form.ExpiresAt, validation.By(form.checkExpiry)),
	))
	if err != nil {
		return err
	}
	if form.expiresAt.IsZero() && form.defaultTTL > 0 {
		form.expiresAt = model.DateTimeIn(form.defaultTTL)
	}
	form.expiresAt = form.creator.capExpiry(form.expiresAt)
	return nil
}

// checkAbilities accepts well-formed abilities, none of them forbidden and
// none beyond what the creator holds. None asked means ["*"].
func (form *credentialForm) checkAbilities(value any) error {
	abilities := value.([]string)
	if len(abilities) == 0 {
		abilities = []string{credentials.AllAbilities}
	}
	if len(abilities) > maxAbilities {
		return fieldError(i18n.ValidationAbility)
	}
	for _, a := range abilities {
		if !credentials.ValidAbility(a) {
			return fieldError(i18n.ValidationAbility)
		}
		if slices.Contains(form.forbidden, a) {
			return fieldError(i18n.ValidationAbilityKey)
		}
	}
	if !credentials.Covers(form.creator.abilities, abilities) {
		return fieldError(i18n.ValidationAbilityAbove)
	}
	form.abilities = abilities
	return nil
}

// checkExpiry accepts an ISO-8601 date or date-time in the future, within
// maxTTL and not after the creator's own expiry.
func (form *credentialForm) checkExpiry(value any) error {
	s := value.(string)
	if s == "" {
		return nil
	}
	t, ok := parseDate(s)
	if !ok {
		return fieldError(i18n.ValidationDate)
	}
	now := time.Now()
	if !t.After(now) {
		return fieldError(i18n.ValidationDateFuture)
	}
	if form.maxTTL > 0 && t.After(now.Add(form.maxTTL)) {
		return fieldError(i18n.ValidationDateMax).SetParams(map[string]any{"max": int(form.maxTTL.Hours() / 24)})
	}
	if limit := form.creator.expiresAt; !limit.IsZero() && t.After(limit.Time()) {
		return fieldError(i18n.ValidationDateCreator).SetParams(map[string]any{"date": apiTime(limit)})
	}
	form.expiresAt, _ = types.ParseDateTime(t.UTC())
	return nil
}

// maxAbilities bounds the abilities of one credential.
const maxAbilities = 50

// parseDate reads an ISO-8601 date-time, or a date (midnight UTC).
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000000Z", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
