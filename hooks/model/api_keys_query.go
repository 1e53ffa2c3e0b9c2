package model

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// FindUserAPIKey returns the user's key with this id; another user's key
// is reported as not found.
func FindUserAPIKey(app core.App, userID, id string) (*APIKey, error) {
	record, err := app.FindFirstRecordByFilter(APIKeysCollection,
		"id = {:id} && user = {:user}", dbx.Params{"id": id, "user": userID})
	if err != nil {
		return nil, err
	}
	return AsAPIKey(record), nil
}

// FindUserAPIKeys returns the user's keys, newest first.
func FindUserAPIKeys(app core.App, userID string) ([]*APIKey, error) {
	records, err := app.FindRecordsByFilter(APIKeysCollection,
		"user = {:user}", "-created", 0, 0, dbx.Params{"user": userID})
	if err != nil {
		return nil, err
	}
	keys := make([]*APIKey, len(records))
	for i, r := range records {
		keys[i] = AsAPIKey(r)
	}
	return keys, nil
}

// CountUserAPIKeys counts the user's keys.
func CountUserAPIKeys(app core.App, userID string) (int64, error) {
	return app.CountRecords(APIKeysCollection, dbx.HashExp{"user": userID})
}
