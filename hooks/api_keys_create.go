package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// apiKeysCreate creates an API key. The secret is in this response only;
// the expiry defaults to the configured days (90), may not pass the
// configured maximum, and never passes the creating token's own expiry.
func apiKeysCreate(e *core.RequestEvent) error {
	settings := model.SettingsOf(e.App)
	form := &credentialForm{
		creator:    credentialOf(e),
		nameMax:    64,
		forbidden:  model.KeyForbiddenAbilities,
		defaultTTL: settings.APIKeyDefaultTTL,
		maxTTL:     settings.APIKeyMaxTTL,
	}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	collection, err := e.App.FindCachedCollectionByNameOrId(model.APIKeysCollection)
	if err != nil {
		return e.InternalServerError("", err)
	}
	key := model.AsAPIKey(core.NewRecord(collection))
	key.Set("user", e.Auth.Id)
	key.Set("name", form.Name)
	key.Set("abilities", form.abilities)
	secret := key.Renew(form.expiresAt)
	ev := auditEvent(e, model.ActionKeyCreated, e.Auth.Id)
	err = withAudit(e, &ev, func(txApp core.App) error {
		if err := txApp.Save(key); err != nil {
			return err
		}
		ev.CredentialID = key.Id // the key created; the request's token is the actor's
		ev.Details = map[string]any{"name": key.Name(), "abilities": key.Abilities()}
		return nil
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusCreated, i18n.APIKeyCreated, apiKeyResource(key, secret))
}
