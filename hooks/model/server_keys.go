package model

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The server's own keys, each generated with crypto/rand on first start
// and kept in PocketBase's internal _params table, which no API and no
// admin UI page shows. They never leave the server.
const (
	signingKeyParam   = "appSigningKey"   // HMAC of mailed links
	twoFactorKeyParam = "appTwoFactorKey" // AES-GCM of the TOTP secrets
)

// SigningKey returns the key that signs mailed links.
func SigningKey(app core.App) ([]byte, error) { return serverKey(app, signingKeyParam) }

// TwoFactorKey returns the key that encrypts TOTP secrets at rest, so that
// a users row alone does not give a second factor away.
func TwoFactorKey(app core.App) ([]byte, error) { return serverKey(app, twoFactorKeyParam) }

// serverKey returns the key named param, making it on first use.
func serverKey(app core.App, param string) ([]byte, error) {
	if key, ok := app.Store().Get(param).([]byte); ok {
		return key, nil
	}
	var row struct {
		Value string `db:"value"`
	}
	err := app.DB().Select("value").From("_params").Where(dbx.HashExp{"id": param}).One(&row)
	if err != nil {
		fresh := make([]byte, 32)
		if _, err := rand.Read(fresh); err != nil {
			return nil, err
		}
		row.Value = strconv.Quote(hex.EncodeToString(fresh)) // the column holds JSON
		_, err = app.DB().Insert("_params", dbx.Params{"id": param, "value": row.Value}).Execute()
		if err != nil {
			return nil, fmt.Errorf("cannot store the server key %s: %w", param, err)
		}
	}
	unquoted, err := strconv.Unquote(row.Value)
	if err != nil {
		return nil, fmt.Errorf("bad server key %s: %w", param, err)
	}
	key, err := hex.DecodeString(unquoted)
	if err != nil {
		return nil, fmt.Errorf("bad server key %s: %w", param, err)
	}
	app.Store().Set(param, key)
	return key, nil
}
