package model

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

const (
	signingKeyParam    = "appSigningKey"
	signingKeyStoreKey = "appSigningKey"
)

// SigningKey returns the server secret of signed links. It is generated
// with crypto/rand on first start and kept in PocketBase's internal _params
// table, which no API and no admin UI page shows.
func SigningKey(app core.App) ([]byte, error) {
	if key, ok := app.Store().Get(signingKeyStoreKey).([]byte); ok {
		return key, nil
	}
	var row struct {
		Value string `db:"value"`
	}
	err := app.DB().Select("value").From("_params").Where(dbx.HashExp{"id": signingKeyParam}).One(&row)
	if err != nil {
		fresh := make([]byte, 32)
		if _, err := rand.Read(fresh); err != nil {
			return nil, err
		}
		row.Value = strconv.Quote(hex.EncodeToString(fresh)) // the column holds JSON
		_, err = app.DB().Insert("_params", dbx.Params{"id": signingKeyParam, "value": row.Value}).Execute()
		if err != nil {
			return nil, fmt.Errorf("cannot store the signing key: %w", err)
		}
	}
	unquoted, err := strconv.Unquote(row.Value)
	if err != nil {
		return nil, fmt.Errorf("bad signing key: %w", err)
	}
	key, err := hex.DecodeString(unquoted)
	if err != nil {
		return nil, fmt.Errorf("bad signing key: %w", err)
	}
	app.Store().Set(signingKeyStoreKey, key)
	return key, nil
}
