package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// tokensCreate creates a personal access token. The plaintext is in this
// response only. A token never carries an ability that the credential
// creating it does not hold, nor outlives it.
func tokensCreate(e *core.RequestEvent) error {
	form := &credentialForm{creator: credentialOf(e), nameMax: 255}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	var token *model.AccessToken
	var plain string
	ev := auditEvent(e, model.ActionTokenCreated, e.Auth.Id)
	err := withAudit(e, &ev, func(txApp core.App) (err error) {
		token, plain, err = model.IssueToken(txApp, model.NewToken{
			User:      model.AsUser(e.Auth),
			Type:      model.TokenTypeAPI,
			Name:      form.Name,
			Abilities: form.abilities,
			ExpiresAt: form.expiresAt,
		})
		if err == nil {
			ev.CredentialID = token.Id
			ev.Details = map[string]any{"name": token.Name(), "abilities": token.Abilities()}
		}
		return err
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
