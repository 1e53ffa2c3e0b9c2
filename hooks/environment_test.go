package hooks

import (
	"strings"
	"testing"

	"github.com/authappliance/appliance/hooks/model"
)

// TestEnvironmentIsChecked: a value of the wrong kind, or an unknown
// name, is refused by name with what it accepts; booleans take the usual
// spellings.
func TestEnvironmentIsChecked(t *testing.T) {
	t.Parallel()

	good := []struct{ in, name, want string }{
		{"APPLIANCE_API_TOKENS_ENABLED=yes", "APPLIANCE_API_TOKENS_ENABLED", "true"},
		{"APPLIANCE_API_TOKENS_ENABLED=OFF", "APPLIANCE_API_TOKENS_ENABLED", "false"},
		{"APPLIANCE_THROTTLE_ENABLED=0", "APPLIANCE_THROTTLE_ENABLED", "false"},
		{"APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES= 10 ", "APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES", "10"},
		{"APPLIANCE_APP_URL=https://auth.example.com/", "APPLIANCE_APP_URL", "https://auth.example.com"},
		{"APPLIANCE_SMTP_AUTH_METHOD=login", "APPLIANCE_SMTP_AUTH_METHOD", "LOGIN"},
		{"APPLIANCE_TRUSTED_PROXY_HEADERS=X-Forwarded-For, X-Real-IP", "APPLIANCE_TRUSTED_PROXY_HEADERS", "X-Forwarded-For,X-Real-IP"},
	}
	for _, c := range good {
		env, err := model.ReadEnvironment([]string{c.in, "HOME=/root", "PATH=/bin"})
		if err != nil || env[c.name] != c.want {
			t.Errorf("%s: %v %q, want %q", c.in, err, env[c.name], c.want)
		}
	}
	bad := []struct{ in, wantInError string }{
		{"APPLIANCE_API_TOKENS_ENABLED=maybe", "APPLIANCE_API_TOKENS_ENABLED=\"maybe\": not a boolean; it accepts boolean"},
		{"APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES=ten", "APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES=\"ten\": not a whole number; it accepts whole number ≥ 0"},
		{"APPLIANCE_THROTTLE_PUBLIC_PER_MINUTE=0", "out of range"},
		{"APPLIANCE_SMTP_PORT=70000", "APPLIANCE_SMTP_PORT"},
		{"APPLIANCE_APP_URL=auth.example.com", "not an http(s) URL"},
		{"APPLIANCE_MAIL_FROM_ADDRESS=Support <a@b.c>", "not an email address"},
		{"APPLIANCE_TOKEN_PREFIX=has space", "not a token prefix"},
		{"APPLIANCE_THROTLE_ENABLED=true", "APPLIANCE_THROTLE_ENABLED is not a variable of the appliance"},
	}
	for _, c := range bad {
		if _, err := model.ReadEnvironment([]string{c.in}); err == nil || !strings.Contains(err.Error(), c.wantInError) {
			t.Errorf("%s: %v, want an error with %q", c.in, err, c.wantInError)
		}
	}
	// every problem at once, not the first only
	_, err := model.ReadEnvironment([]string{"APPLIANCE_SMTP_TLS=sure", "APPLIANCE_API_KEY_MAX_DAYS=-1"})
	if err == nil || !strings.Contains(err.Error(), "APPLIANCE_SMTP_TLS") || !strings.Contains(err.Error(), "APPLIANCE_API_KEY_MAX_DAYS") {
		t.Errorf("both problems must be named: %v", err)
	}
}

// TestEnvironmentOverridesWithoutTrace: a variable wins while it is set,
// writes nothing, and once removed the stored value is back.
func TestEnvironmentOverridesWithoutTrace(t *testing.T) {
	t.Parallel()

	app := newTestApp(t)
	defer app.Cleanup()
	if err := model.UseEnvironment(app, []string{"APPLIANCE_THROTTLE_PUBLIC_PER_MINUTE=2", "APPLIANCE_SMTP_HOST=smtp.example.com", "APPLIANCE_API_TOKENS_ENABLED=no"}); err != nil {
		t.Fatal(err)
	}
	if err := model.LoadSettings(app); err != nil {
		t.Fatal(err)
	}
	if s := model.SettingsOf(app); s.ThrottlePublic != 2 || s.APITokensEnabled {
		t.Fatalf("the environment is not in force: %+v", s)
	}
	if !app.Settings().SMTP.Enabled || app.Settings().SMTP.Host != "smtp.example.com" {
		t.Fatal("the SMTP host is not in force")
	}
	stored, err := model.FindSettingsRecord(app)
	if err != nil {
		t.Fatal(err)
	}
	if stored.GetInt("throttle_public_per_minute") != 5 || !stored.GetBool("api_tokens_enabled") {
		t.Fatal("the environment was written to the database")
	}
	// an edit in the admin UI reloads the settings: the variable still wins
	stored.Set("throttle_public_per_minute", 7)
	if err := app.Save(stored); err != nil {
		t.Fatal(err)
	}
	if model.SettingsOf(app).ThrottlePublic != 2 {
		t.Fatal("the variable lost to a reload")
	}
	// the variable removed (the next start): the stored value is back
	if err := model.UseEnvironment(app, nil); err != nil {
		t.Fatal(err)
	}
	if err := model.LoadSettings(app); err != nil {
		t.Fatal(err)
	}
	if s := model.SettingsOf(app); s.ThrottlePublic != 7 || !s.APITokensEnabled {
		t.Fatalf("the stored values are not back: %+v", s)
	}
}
