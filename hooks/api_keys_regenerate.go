package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// apiKeysRegenerate gives a key a new public key and secret and a renewed
// expiry; the old pair stops working at once. Another user's key is 404.
func apiKeysRegenerate(e *core.RequestEvent) error {
	key, err := model.FindUserAPIKey(e.App, e.Auth.Id, e.Request.PathValue("id"))
	if err != nil {
		return notFoundOr500(e, err)
	}
	// a new secret hands over the key's abilities: the caller must hold them
	if !credentials.Covers(credentialOf(e).abilities, key.Abilities()) {
		return failure(http.StatusForbidden, i18n.MissingAbility)
	}
	secret := key.Renew(credentialOf(e).capExpiry(model.DateTimeIn(model.SettingsOf(e.App).APIKeyDefaultTTL)))
	ev := auditEvent(e, model.ActionKeyRegenerated, e.Auth.Id)
	ev.CredentialID = key.Id
	if err := withAudit(e, &ev, func(txApp core.App) error { return txApp.Save(key) }); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.APIKeyRegenerated, apiKeyResource(key, secret))
}

// apiKeysRevoke deletes a key of the caller; another user's key is 404.
func apiKeysRevoke(e *core.RequestEvent) error {
	key, err := model.FindUserAPIKey(e.App, e.Auth.Id, e.Request.PathValue("id"))
	if err != nil {
		return notFoundOr500(e, err)
	}
	ev := auditEvent(e, model.ActionKeyRevoked, e.Auth.Id)
	ev.CredentialID = key.Id
	ev.Details = map[string]any{"name": key.Name()}
	if err := withAudit(e, &ev, func(txApp core.App) error { return txApp.Delete(key) }); err != nil {
		return e.InternalServerError("", err)
	}
	return respond(e, http.StatusOK, i18n.APIKeyRevoked, nil)
}
