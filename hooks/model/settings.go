package model

import (
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
	stored, err := FindSettingsRecord(app)
	if err != nil {
		return err
	}
	record := EnvironmentOf(app).overRecord(stored)
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
