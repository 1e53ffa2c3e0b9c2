package hooks

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/authappliance/appliance/hooks/model"
)

func TestAPIKeysList(t *testing.T) {
	t.Parallel()

	scenarios := []tests.ApiScenario{
		{
			Name:            "guest",
			Method:          http.MethodGet,
			URL:             "/api/keys",
			ExpectedStatus:  401,
			ExpectedContent: []string{`"message":"Unauthenticated."`},
			TestAppFactory:  keysApp,
		},
		{
			Name:           "the caller's keys, never a secret",
			Method:         http.MethodGet,
			URL:            "/api/keys",
			Headers:        annLogin.bearer(),
			ExpectedStatus: 200,
			ExpectedContent: []string{
				`"message":"All API keys of the user!"`,
				`"id":"` + annKey.id + `","name":"Fixture ` + annKey.id + `","key":"` + annKey.key() + `","abilities":["*"],"expires_at":"`,
				`"id":"` + annKeyExpired.id + `"`,
				`"is_expired":true`,
			},
			NotExpectedContent: []string{bobKey.id, annKey.secret(), "secret"},
			TestAppFactory:     keysApp,
		},
	}
	for _, scenario := range scenarios {
		scenario.Test(t)
	}
}

// TestAPIKeyUseIsListed: a key's use shows in its last_used_at at once
// (from memory), and is stored by the flush.
func TestAPIKeyUseIsListed(t *testing.T) {
	t.Parallel()

	app := keysApp(t)
	defer app.Cleanup()
	server := testServer(t, app)
	if rec := call(server, http.MethodGet, "/api/api-data-test", "", annKey.headers()); rec.Code != 200 {
		t.Fatalf("key use: %d", rec.Code)
	}
	rec := call(server, http.MethodGet, "/api/keys", "", annLogin.bearer())
	var body struct {
		Data []struct {
			ID         string  `json:"id"`
			LastUsedAt *string `json:"last_used_at"`
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	for _, k := range body.Data {
		if used := k.LastUsedAt != nil; used != (k.ID == annKey.id) {
			t.Errorf("key %s: last_used_at %v", k.ID, k.LastUsedAt)
		}
	}
	if err := model.UsageOf(app).Flush(app); err != nil {
		t.Fatal(err)
	}
	stored, err := model.FindUserAPIKey(app, annID, annKey.id)
	if err != nil || stored.GetDateTime("last_used_at").IsZero() {
		t.Fatal("the flush did not store the key's use")
	}
}
