package model

import "github.com/pocketbase/pocketbase/core"

// RevokeAllCredentials deletes every login token, personal access token
// and API key of the user: what a password reset and a suspension do.
// Call it inside the transaction of the change that causes it.
func RevokeAllCredentials(app core.App, userID string) error {
	if err := DeleteUserTokens(app, userID, "", TokenTypeLogin, TokenTypeAPI); err != nil {
		return err
	}
	return DeleteUserAPIKeys(app, userID)
}
