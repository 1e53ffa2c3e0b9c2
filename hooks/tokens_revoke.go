package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// tokensRevoke deletes one personal access token of the caller; another
// user's token is 404.
func tokensRevoke(e *core.RequestEvent) error {
	return revokeOwnToken(e, model.TokenTypeAPI, i18n.TokenRevoked)
}

// tokensRevokeAll deletes every personal access token of the caller, once
// the password is checked.
func tokensRevokeAll(e *core.RequestEvent) error {
	return revokeOwnTokens(e, "", model.TokenTypeAPI, i18n.TokensRevoked)
}
