package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// findUserAPIKey returns the user's key with this id; another user's key
// is reported as not found.
func findUserAPIKey(app core.App, userID, id string) (*APIKey, error) {
	record, err := app.FindFirstRecordByFilter(apiKeysCollection,
		"id = {:id} && user = {:user}", dbx.Params{"id": id, "user": userID})
	if err != nil {
		return nil, err
	}
	return asAPIKey(record), nil
}

// findUserAPIKeys returns the user's keys, newest first.
func findUserAPIKeys(app core.App, userID string) ([]*APIKey, error) {
	records, err := app.FindRecordsByFilter(apiKeysCollection,
		"user = {:user}", "-created", 0, 0, dbx.Params{"user": userID})
	if err != nil {
		return nil, err
	}
	keys := make([]*APIKey, len(records))
	for i, r := range records {
		keys[i] = asAPIKey(r)
	}
	return keys, nil
}

// countUserAPIKeys counts the user's keys.
func countUserAPIKeys(app core.App, userID string) (int64, error) {
	return app.CountRecords(apiKeysCollection, dbx.HashExp{"user": userID})
}

// deleteUserAPIKeys deletes every key of the user (suspension).
func deleteUserAPIKeys(app core.App, userID string) error {
	_, err := app.DB().Delete(apiKeysCollection, dbx.HashExp{"user": userID}).Execute()
	return err
}
