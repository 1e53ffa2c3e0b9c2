package hooks

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/model"
)

// twoFactorOn turns two-factor on for a user as the routes do, and returns
// the TOTP secret and the recovery codes.
func twoFactorOn(t testing.TB, app core.App, userID string) (secret string, codes []string) {
	t.Helper()
	u := mustUser(t, app, userID)
	secret, link, err := model.StartTwoFactor(app, u, "Test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := url.Parse(link); err != nil {
		t.Fatal(err)
	}
	codes = model.ConfirmTwoFactor(u)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	return secret, codes
}

// totpAt is the code of secret at t.
func totpAt(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	code, err := credentials.TOTPCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// envelopeData decodes the data of an envelope response into v.
func envelopeData(t testing.TB, body []byte, v any) {
	t.Helper()
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("not an envelope: %s", body)
	}
	if err := json.Unmarshal(env.Data, v); err != nil {
		t.Fatalf("data %s: %v", env.Data, err)
	}
}

// challengeFor signs in with the right password and returns the challenge.
func challengeFor(t testing.TB, server http.Handler, email string) string {
	t.Helper()
	rec := call(server, "POST", "/api/login", `{"email":"`+email+`","password":"`+fixturePassword+`"}`, nil)
	var data struct {
		TwoFactor bool   `json:"two_factor"`
		Challenge string `json:"challenge"`
		Token     string `json:"token"`
	}
	envelopeData(t, rec.Body.Bytes(), &data)
	if rec.Code != 200 || !data.TwoFactor || data.Challenge == "" || data.Token != "" {
		t.Fatalf("want a challenge and no token: %d %s", rec.Code, rec.Body)
	}
	return data.Challenge
}

// lastEvent returns the newest activity-log event of a user.
func lastEvent(t testing.TB, app core.App, userID string) *core.Record {
	t.Helper()
	records, _, err := model.FindUserEvents(app, userID, 1, 1)
	if err != nil || len(records) == 0 {
		t.Fatalf("no event for %s: %v", userID, err)
	}
	return records[0]
}

// eventCount counts a user's events of one action.
func eventCount(t testing.TB, app core.App, userID, action string) int64 {
	t.Helper()
	n, err := app.CountRecords(model.AuditEventsCollection, dbx.HashExp{"user": userID, "action": action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// readAll reads a scenario's response body.
func readAll(t testing.TB, res *http.Response) []byte {
	t.Helper()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return body
}
