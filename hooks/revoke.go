package hooks

import "github.com/pocketbase/pocketbase/core"

// revokeAllCredentials deletes every login token, personal access token
// and API key of the user: what a password reset and a suspension do.
// Call it inside the transaction of the change that causes it.
func revokeAllCredentials(app core.App, userID string) error {
	if err := deleteUserTokens(app, userID, "", tokenTypeLogin, tokenTypeAPI); err != nil {
		return err
	}
	return deleteUserAPIKeys(app, userID)
}
