package hooks

import (
	"net/http"

	"github.com/authappliance/appliance/hooks/i18n"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// apiKeysCreate creates an API key. The secret is in this response only;
// the expiry defaults to the configured days (90) and may not pass the
// configured maximum.
func apiKeysCreate(e *core.RequestEvent) error {
	settings := settingsOf(e.App)
	form := &apiKeyCreateForm{held: credentialOf(e).abilities, settings: settings}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}
	expiresAt := form.expiresAt
	if expiresAt.IsZero() {
		expiresAt = dateTimeIn(settings.APIKeyDefaultTTL)
	}

	collection, err := e.App.FindCachedCollectionByNameOrId(apiKeysCollection)
	if err != nil {
		return e.InternalServerError("", err)
	}
	key := asAPIKey(core.NewRecord(collection))
	key.Set("user", e.Auth.Id)
	key.Set("name", form.Name)
	key.Set("abilities", form.abilities)
	secret := key.renew(expiresAt)
	if err := e.App.Save(key); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusCreated, i18n.APIKeyCreated, apiKeyResource(key, secret))
}

// -------------------------------------------------------------------

type apiKeyCreateForm struct {
	held     []string
	settings *applianceSettings

	Name      string `form:"name" json:"name"`
	Abilities any    `form:"abilities" json:"abilities"`
	ExpiresAt string `form:"expires_at" json:"expires_at"`

	abilities []string
	expiresAt types.DateTime
}

func (form *apiKeyCreateForm) validate() error {
	trimAll(&form.Name, &form.ExpiresAt)
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Name, validation.Required, validation.Length(1, 64)),
		validation.Field(&form.Abilities, abilitiesRule(form.held, keyForbiddenAbilities, &form.abilities)),
		validation.Field(&form.ExpiresAt, expiryRule(form.settings.APIKeyMaxTTL, &form.expiresAt)),
	))
}
