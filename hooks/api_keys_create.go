package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
)

// apiKeysCreate creates an API key. The secret is in this response only;
// the expiry defaults to the configured days (90), may not pass the
// configured maximum, and never passes the creating token's own expiry.
func apiKeysCreate(e *core.RequestEvent) error {
	settings := settingsOf(e.App)
	form := &credentialForm{
		creator:    credentialOf(e),
		nameMax:    64,
		forbidden:  keyForbiddenAbilities,
		defaultTTL: settings.APIKeyDefaultTTL,
		maxTTL:     settings.APIKeyMaxTTL,
	}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	collection, err := e.App.FindCachedCollectionByNameOrId(apiKeysCollection)
	if err != nil {
		return e.InternalServerError("", err)
	}
	key := asAPIKey(core.NewRecord(collection))
	key.Set("user", e.Auth.Id)
	key.Set("name", form.Name)
	key.Set("abilities", form.abilities)
	secret := key.renew(form.expiresAt)
	if err := e.App.Save(key); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusCreated, i18n.APIKeyCreated, apiKeyResource(key, secret))
}
