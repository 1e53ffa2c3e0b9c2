package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The admin UI's help of each appliance setting names the variable that
// overrides it: while APPLIANCE_* is set, the appliance uses its value
// without storing it, so the value shown here is the one that comes back
// when the variable is removed.
func init() {
	variables := map[string]string{
		"app_url":                      "APPLIANCE_WEB_APP_URL",
		"api_tokens_enabled":           "APPLIANCE_API_TOKENS_ENABLED",
		"token_prefix":                 "APPLIANCE_TOKEN_PREFIX",
		"login_token_lifetime_minutes": "APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES",
		"idle_timeout_minutes":         "APPLIANCE_IDLE_TIMEOUT_MINUTES",
		"new_device_alert":             "APPLIANCE_NEW_DEVICE_ALERT",
		"api_key_default_days":         "APPLIANCE_API_KEY_DEFAULT_DAYS",
		"api_key_max_days":             "APPLIANCE_API_KEY_MAX_DAYS",
		"throttle_enabled":             "APPLIANCE_THROTTLE_ENABLED",
		"throttle_public_per_minute":   "APPLIANCE_THROTTLE_PUBLIC_PER_MINUTE",
		"throttle_user_per_minute":     "APPLIANCE_THROTTLE_USER_PER_MINUTE",
		"throttle_key_per_minute":      "APPLIANCE_THROTTLE_KEY_PER_MINUTE",
		"require_two_factor":           "APPLIANCE_REQUIRE_TWO_FACTOR",
		"audit_retention_days":         "APPLIANCE_AUDIT_RETENTION_DAYS",
	}
	m.Register(func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("appliance_settings")
		if err != nil {
			return err
		}
		for name, variable := range variables {
			field := settings.Fields.GetByName(name)
			if field == nil {
				continue
			}
			setHelp(field, helpOf(field)+" While "+variable+" is set, its value is used instead, without being stored here.")
		}
		settings.Fields.GetByName("app_url").(*core.URLField).Help =
			"Only for a separate web app: it opens the reset-password links. Empty: the appliance's own pages. " +
				"(The appliance's own public URL is PocketBase's Application URL, APPLIANCE_APP_URL.) " +
				"While APPLIANCE_WEB_APP_URL is set, its value is used instead, without being stored here."
		return app.Save(settings)
	}, func(app core.App) error {
		return nil // help texts only
	})
}

func helpOf(f core.Field) string {
	switch f := f.(type) {
	case *core.URLField:
		return f.Help
	case *core.BoolField:
		return f.Help
	case *core.TextField:
		return f.Help
	case *core.NumberField:
		return f.Help
	}
	return ""
}

func setHelp(f core.Field, help string) {
	switch f := f.(type) {
	case *core.URLField:
		f.Help = help
	case *core.BoolField:
		f.Help = help
	case *core.TextField:
		f.Help = help
	case *core.NumberField:
		f.Help = help
	}
}
