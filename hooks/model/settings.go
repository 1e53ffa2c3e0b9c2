package model

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

const SettingsCollection = "appliance_settings"

const settingsStoreKey = "appSettings"

// Settings is the in-memory copy of the one appliance_settings
// record. Record hooks reload it whenever a superuser saves the record, so
// the hot path never reads it from the database.
type Settings struct {
	WebAppURL          string
	APITokensEnabled   bool
	TokenPrefix        string
	LoginTokenLifetime time.Duration // 0: login tokens never expire
	IdleTimeout        time.Duration // 0: no idle timeout
	NewDeviceAlert     bool
	APIKeyDefaultTTL   time.Duration
	APIKeyMaxTTL       time.Duration
	ThrottleEnabled    bool
	ThrottlePublic     int // per route, per IP, per minute
	ThrottleUser       int // per user, per minute
	ThrottleKey        int // per API key, per minute
	RequireTwoFactor   bool
	AuditRetention     time.Duration
}

// SettingsOf returns the current settings of app.
func SettingsOf(app core.App) *Settings {
	if s, ok := app.Store().Get(settingsStoreKey).(*Settings); ok {
		return s
	}
	if err := LoadSettings(app); err != nil {
		app.Logger().Error("cannot load the appliance settings; using defaults", "error", err)
		return DefaultSettings()
	}
	return app.Store().Get(settingsStoreKey).(*Settings)
}

func DefaultSettings() *Settings {
	return &Settings{
		APITokensEnabled: true,
		NewDeviceAlert:   true,
		APIKeyDefaultTTL: 90 * 24 * time.Hour,
		APIKeyMaxTTL:     365 * 24 * time.Hour,
		ThrottleEnabled:  true,
		ThrottlePublic:   5,
		ThrottleUser:     120,
		ThrottleKey:      500,
		AuditRetention:   180 * 24 * time.Hour,
	}
}

// LoadSettings reads the settings record into the app store.
func LoadSettings(app core.App) error {
	record, err := FindSettingsRecord(app)
	if err != nil {
		return err
	}
	s := DefaultSettings()
	s.WebAppURL = strings.TrimRight(record.GetString("app_url"), "/")
	s.APITokensEnabled = record.GetBool("api_tokens_enabled")
	s.TokenPrefix = record.GetString("token_prefix")
	s.LoginTokenLifetime = time.Duration(record.GetInt("login_token_lifetime_minutes")) * time.Minute
	s.IdleTimeout = time.Duration(record.GetInt("idle_timeout_minutes")) * time.Minute
	s.NewDeviceAlert = record.GetBool("new_device_alert")
	if days := record.GetInt("api_key_default_days"); days > 0 {
		s.APIKeyDefaultTTL = time.Duration(days) * 24 * time.Hour
	}
	if days := record.GetInt("api_key_max_days"); days > 0 {
		s.APIKeyMaxTTL = time.Duration(days) * 24 * time.Hour
	}
	// a default beyond the maximum would create keys the create form refuses
	s.APIKeyDefaultTTL = min(s.APIKeyDefaultTTL, s.APIKeyMaxTTL)
	s.ThrottleEnabled = record.GetBool("throttle_enabled")
	if n := record.GetInt("throttle_public_per_minute"); n > 0 {
		s.ThrottlePublic = n
	}
	if n := record.GetInt("throttle_user_per_minute"); n > 0 {
		s.ThrottleUser = n
	}
	if n := record.GetInt("throttle_key_per_minute"); n > 0 {
		s.ThrottleKey = n
	}
	s.RequireTwoFactor = record.GetBool("require_two_factor")
	if days := record.GetInt("audit_retention_days"); days > 0 {
		s.AuditRetention = time.Duration(days) * 24 * time.Hour
	}
	app.Store().Set(settingsStoreKey, s)
	return nil
}

func FindSettingsRecord(app core.App) (*core.Record, error) {
	return app.FindFirstRecordByFilter(SettingsCollection, "")
}

// WebAppURL is where the mail links point: the configured web app, else
// PocketBase's application URL (where pb_public is served).
func WebAppURL(app core.App) string {
	if url := SettingsOf(app).WebAppURL; url != "" { // trimmed by LoadSettings
		return url
	}
	return strings.TrimRight(app.Settings().Meta.AppURL, "/")
}

// SettingEnv maps environment variables to fields of the settings record.
var SettingEnv = map[string]string{
	"APPLIANCE_WEB_APP_URL":                  "app_url",
	"APPLIANCE_API_TOKENS_ENABLED":           "api_tokens_enabled",
	"APPLIANCE_TOKEN_PREFIX":                 "token_prefix",
	"APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES": "login_token_lifetime_minutes",
	"APPLIANCE_IDLE_TIMEOUT_MINUTES":         "idle_timeout_minutes",
	"APPLIANCE_NEW_DEVICE_ALERT":             "new_device_alert",
	"APPLIANCE_API_KEY_DEFAULT_DAYS":         "api_key_default_days",
	"APPLIANCE_API_KEY_MAX_DAYS":             "api_key_max_days",
	"APPLIANCE_THROTTLE_ENABLED":             "throttle_enabled",
	"APPLIANCE_THROTTLE_PUBLIC_PER_MINUTE":   "throttle_public_per_minute",
	"APPLIANCE_THROTTLE_USER_PER_MINUTE":     "throttle_user_per_minute",
	"APPLIANCE_THROTTLE_KEY_PER_MINUTE":      "throttle_key_per_minute",
	"APPLIANCE_REQUIRE_TWO_FACTOR":           "require_two_factor",
	"APPLIANCE_AUDIT_RETENTION_DAYS":         "audit_retention_days",
}

// ApplyEnvironment writes the APPLIANCE_* variables into the settings
// record and the PocketBase settings (application URL, sender, SMTP), so
// that one command line configures the appliance and the admin UI shows
// what is in force.
func ApplyEnvironment(app core.App) error {
	record, err := FindSettingsRecord(app)
	if err != nil {
		return fmt.Errorf("appliance settings: %w", err)
	}
	changed := false
	for env, field := range SettingEnv {
		if value, ok := os.LookupEnv(env); ok {
			record.Set(field, value)
			changed = true
		}
	}
	if changed {
		if err := app.Save(record); err != nil {
			return fmt.Errorf("appliance settings from the environment: %w", err)
		}
	}
	return applyPocketBaseEnvironment(app)
}

func applyPocketBaseEnvironment(app core.App) error {
	s := app.Settings()
	changed := false
	set := func(env string, apply func(string) error) error {
		value, ok := os.LookupEnv(env)
		if !ok {
			return nil
		}
		changed = true
		if err := apply(value); err != nil {
			return fmt.Errorf("%s: %w", env, err)
		}
		return nil
	}
	str := func(dst *string) func(string) error {
		return func(v string) error { *dst = v; return nil }
	}
	err := firstError(
		set("APPLIANCE_APP_NAME", str(&s.Meta.AppName)),
		set("APPLIANCE_APP_URL", str(&s.Meta.AppURL)),
		set("APPLIANCE_MAIL_FROM_ADDRESS", str(&s.Meta.SenderAddress)),
		set("APPLIANCE_MAIL_FROM_NAME", str(&s.Meta.SenderName)),
		set("APPLIANCE_SMTP_HOST", func(v string) error { s.SMTP.Host = v; s.SMTP.Enabled = v != ""; return nil }),
		set("APPLIANCE_SMTP_PORT", func(v string) error {
			port, err := strconv.Atoi(v)
			s.SMTP.Port = port
			return err
		}),
		set("APPLIANCE_SMTP_USERNAME", str(&s.SMTP.Username)),
		set("APPLIANCE_SMTP_PASSWORD", str(&s.SMTP.Password)),
		set("APPLIANCE_SMTP_AUTH_METHOD", str(&s.SMTP.AuthMethod)),
		set("APPLIANCE_SMTP_TLS", func(v string) error {
			tls, err := strconv.ParseBool(v)
			s.SMTP.TLS = tls
			return err
		}),
		set("APPLIANCE_TRUSTED_PROXY_HEADERS", func(v string) error {
			s.TrustedProxy.Headers = nil
			for _, h := range strings.Split(v, ",") {
				if h = strings.TrimSpace(h); h != "" {
					s.TrustedProxy.Headers = append(s.TrustedProxy.Headers, h)
				}
			}
			return nil
		}),
	)
	if err != nil || !changed {
		return err
	}
	return app.Save(s)
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
