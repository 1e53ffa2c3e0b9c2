package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// appliance_settings is a one-row collection with the appliance's own
// settings, so that an operator edits them in the admin UI. Environment
// variables read at start overwrite them (see hooks/settings.go).
func init() {
	m.Register(func(app core.App) error {
		settings := core.NewBaseCollection("appliance_settings")
		settings.Fields.Add(
			&core.URLField{Name: "app_url", Help: "Public URL of the web app that opens the mail links (default: the PocketBase application URL)."},
			&core.BoolField{Name: "api_tokens_enabled", Help: "Turns the API Tokens routes (/api/profile/api-tokens) on or off."},
			&core.TextField{Name: "token_prefix", Max: 16, Pattern: `^[A-Za-z0-9_]*$`, Help: "Optional prefix of new tokens, for secret scanners."},
			&core.NumberField{Name: "login_token_lifetime_minutes", OnlyInt: true, Min: ptr(0), Help: "Lifetime of login tokens; 0 means no expiry (Sanctum's default)."},
			&core.NumberField{Name: "idle_timeout_minutes", OnlyInt: true, Min: ptr(0), Help: "A login token unused for this long stops working; 0 turns it off."},
			&core.BoolField{Name: "new_device_alert", Help: "Mail the user when a login comes from a new device."},
			&core.NumberField{Name: "api_key_default_days", OnlyInt: true, Min: ptr(1), Help: "Expiry of an API key created without expires_at."},
			&core.NumberField{Name: "api_key_max_days", OnlyInt: true, Min: ptr(1), Help: "Furthest expiry an API key may ask for."},
			&core.BoolField{Name: "throttle_enabled", Help: "Throttling of the /api routes."},
			&core.NumberField{Name: "throttle_public_per_minute", OnlyInt: true, Min: ptr(1), Help: "Requests per minute per IP on each public route."},
			&core.NumberField{Name: "throttle_user_per_minute", OnlyInt: true, Min: ptr(1), Help: "Requests per minute per user on the authenticated routes."},
			&core.NumberField{Name: "throttle_key_per_minute", OnlyInt: true, Min: ptr(1), Help: "Requests per minute per API key."},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		if err := app.Save(settings); err != nil {
			return err
		}

		defaults := core.NewRecord(settings)
		defaults.Load(map[string]any{
			"api_tokens_enabled":           true,
			"login_token_lifetime_minutes": 0,
			"idle_timeout_minutes":         0,
			"new_device_alert":             true,
			"api_key_default_days":         90,
			"api_key_max_days":             365,
			"throttle_enabled":             true,
			"throttle_public_per_minute":   5,
			"throttle_user_per_minute":     120,
			"throttle_key_per_minute":      500,
		})
		return app.Save(defaults)
	}, func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("appliance_settings")
		if err != nil {
			return err
		}
		return app.Delete(settings)
	})
}

func ptr(f float64) *float64 { return &f }
