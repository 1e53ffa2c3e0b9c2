package model

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// The APPLIANCE_* environment variables. They are read and checked once at
// start: an unknown name or a value of the wrong kind stops the start with
// a message naming the variable and what it accepts. A variable overrides
// its setting while it is set, in memory only: nothing is written to the
// database, so removing the variable brings back the value stored in the
// admin UI (the 12-factor way: the environment wins, and leaves no trace).

// Variable describes one APPLIANCE_* variable.
type Variable struct {
	Name    string
	Kind    string // what it accepts, as --help says it
	Default string
	Help    string
	field   string                       // the appliance_settings field it overrides
	apply   func(*core.Settings, string) // or the PocketBase setting it overrides
	check   func(string) (string, error) // normalizes a value, or says why it is refused
}

// Variables lists every APPLIANCE_* variable, in --help order.
var Variables = []Variable{
	{Name: "APPLIANCE_APP_NAME", Kind: "text", Default: "Acme", Help: "the appliance's name, in mails and the authenticator app",
		check: nonEmpty, apply: func(s *core.Settings, v string) { s.Meta.AppName = v }},
	{Name: "APPLIANCE_APP_URL", Kind: "http(s) URL", Default: "http://localhost:8090", Help: "the appliance's own public URL: mail links to /api and to its pages start here",
		check: httpURL, apply: func(s *core.Settings, v string) { s.Meta.AppURL = v }},
	{Name: "APPLIANCE_WEB_APP_URL", Kind: "http(s) URL", Default: "(the appliance's own pages)", Help: "a separate web app that opens the reset-password links instead of the built-in pages",
		check: httpURL, field: "app_url"},
	{Name: "APPLIANCE_SMTP_HOST", Kind: "host name", Default: "(none: mail is off)", Help: "the SMTP server; setting it turns SMTP on",
		check: nonEmpty, apply: func(s *core.Settings, v string) { s.SMTP.Host, s.SMTP.Enabled = v, true }},
	{Name: "APPLIANCE_SMTP_PORT", Kind: "port, 1-65535", Default: "587", Help: "the SMTP port",
		check: intRange(1, 65535), apply: func(s *core.Settings, v string) { s.SMTP.Port, _ = strconv.Atoi(v) }},
	{Name: "APPLIANCE_SMTP_USERNAME", Kind: "text", Default: "", Help: "the SMTP user",
		check: anyText, apply: func(s *core.Settings, v string) { s.SMTP.Username = v }},
	{Name: "APPLIANCE_SMTP_PASSWORD", Kind: "text", Default: "", Help: "the SMTP password",
		check: anyText, apply: func(s *core.Settings, v string) { s.SMTP.Password = v }},
	{Name: "APPLIANCE_SMTP_AUTH_METHOD", Kind: "PLAIN or LOGIN", Default: "PLAIN", Help: "the SMTP authentication method",
		check: oneOf("PLAIN", "LOGIN"), apply: func(s *core.Settings, v string) { s.SMTP.AuthMethod = v }},
	{Name: "APPLIANCE_SMTP_TLS", Kind: "boolean", Default: "false", Help: "implicit TLS (port 465); STARTTLS is used when the server offers it",
		check: boolean, apply: func(s *core.Settings, v string) { s.SMTP.TLS = v == "true" }},
	{Name: "APPLIANCE_MAIL_FROM_ADDRESS", Kind: "email address", Default: "support@example.com", Help: "the sender of every mail",
		check: emailAddress, apply: func(s *core.Settings, v string) { s.Meta.SenderAddress = v }},
	{Name: "APPLIANCE_MAIL_FROM_NAME", Kind: "text", Default: "Support", Help: "the sender's name",
		check: nonEmpty, apply: func(s *core.Settings, v string) { s.Meta.SenderName = v }},
	{Name: "APPLIANCE_TRUSTED_PROXY_HEADERS", Kind: "comma-separated header names", Default: "(none)", Help: "behind a reverse proxy, the headers with the client IP (e.g. X-Forwarded-For)",
		check: headerList, apply: func(s *core.Settings, v string) { s.TrustedProxy.Headers = strings.Split(v, ",") }},
	{Name: "APPLIANCE_API_TOKENS_ENABLED", Kind: "boolean", Default: "true", Help: "false turns the API Tokens routes off (404)",
		check: boolean, field: "api_tokens_enabled"},
	{Name: "APPLIANCE_TOKEN_PREFIX", Kind: "up to 16 of A-Z a-z 0-9 _", Default: "(empty)", Help: "a prefix of new tokens, for secret scanners",
		check: tokenPrefix, field: "token_prefix"},
	{Name: "APPLIANCE_LOGIN_TOKEN_LIFETIME_MINUTES", Kind: "whole number ≥ 0", Default: "0", Help: "lifetime of login tokens; 0: no expiry",
		check: intRange(0, 1<<30), field: "login_token_lifetime_minutes"},
	{Name: "APPLIANCE_IDLE_TIMEOUT_MINUTES", Kind: "whole number ≥ 0", Default: "0", Help: "a login token unused this long stops working; 0: off",
		check: intRange(0, 1<<30), field: "idle_timeout_minutes"},
	{Name: "APPLIANCE_NEW_DEVICE_ALERT", Kind: "boolean", Default: "true", Help: "mail the user on a sign-in from a new device",
		check: boolean, field: "new_device_alert"},
	{Name: "APPLIANCE_API_KEY_DEFAULT_DAYS", Kind: "whole number ≥ 1", Default: "90", Help: "expiry of an API key created without one",
		check: intRange(1, 1<<20), field: "api_key_default_days"},
	{Name: "APPLIANCE_API_KEY_MAX_DAYS", Kind: "whole number ≥ 1", Default: "365", Help: "the furthest expiry an API key may ask for",
		check: intRange(1, 1<<20), field: "api_key_max_days"},
	{Name: "APPLIANCE_THROTTLE_ENABLED", Kind: "boolean", Default: "true", Help: "throttling of the /api routes (the account guessing limits stay on)",
		check: boolean, field: "throttle_enabled"},
	{Name: "APPLIANCE_THROTTLE_PUBLIC_PER_MINUTE", Kind: "whole number ≥ 1", Default: "5", Help: "requests per minute per IP on each public route",
		check: intRange(1, 1<<20), field: "throttle_public_per_minute"},
	{Name: "APPLIANCE_THROTTLE_USER_PER_MINUTE", Kind: "whole number ≥ 1", Default: "120", Help: "requests per minute per user",
		check: intRange(1, 1<<20), field: "throttle_user_per_minute"},
	{Name: "APPLIANCE_THROTTLE_KEY_PER_MINUTE", Kind: "whole number ≥ 1", Default: "500", Help: "requests per minute per API key",
		check: intRange(1, 1<<20), field: "throttle_key_per_minute"},
	{Name: "APPLIANCE_REQUIRE_TWO_FACTOR", Kind: "boolean", Default: "false", Help: "every account must use two-factor; until it does, it can only set it up",
		check: boolean, field: "require_two_factor"},
	{Name: "APPLIANCE_AUDIT_RETENTION_DAYS", Kind: "whole number ≥ 1", Default: "180", Help: "activity-log events older than this are deleted",
		check: intRange(1, 1<<20), field: "audit_retention_days"},
}

// Environment is the checked APPLIANCE_* variables: name → value,
// normalized (booleans as "true"/"false").
type Environment map[string]string

// ReadEnvironment checks the APPLIANCE_* variables of environ (os.Environ's
// form). It reports every unknown name and every refused value.
func ReadEnvironment(environ []string) (Environment, error) {
	env := Environment{}
	var problems []string
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "APPLIANCE_") {
			continue
		}
		i := slices.IndexFunc(Variables, func(v Variable) bool { return v.Name == name })
		if i < 0 {
			problems = append(problems, fmt.Sprintf("%s is not a variable of the appliance (see --help for the list)", name))
			continue
		}
		normalized, err := Variables[i].check(strings.TrimSpace(value))
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s=%q: %v; it accepts %s", name, value, err, Variables[i].Kind))
			continue
		}
		env[name] = normalized
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return nil, fmt.Errorf("invalid configuration:\n  %s", strings.Join(problems, "\n  "))
	}
	return env, nil
}

const environmentStoreKey = "appEnvironment"

// UseEnvironment checks the APPLIANCE_* variables of environ (the
// process's: os.Environ()), keeps them for LoadSettings and lays the
// PocketBase ones over its settings, now and after every reload of them.
func UseEnvironment(app core.App, environ []string) error {
	env, err := ReadEnvironment(environ)
	if err != nil {
		return err
	}
	app.Store().Set(environmentStoreKey, env)
	env.overPocketBase(app.Settings())
	app.OnSettingsReload().Bind(&hook.Handler[*core.SettingsReloadEvent]{
		Id: "appEnvironmentOverSettings",
		Func: func(e *core.SettingsReloadEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			env.overPocketBase(e.App.Settings())
			return nil
		},
	})
	return nil
}

// EnvironmentOf returns the variables UseEnvironment kept (none in tests).
func EnvironmentOf(app core.App) Environment {
	env, _ := app.Store().Get(environmentStoreKey).(Environment)
	return env
}

// Overrides lists the variables in force and what they override, for the
// start-up message.
func (env Environment) Overrides() []string {
	var out []string
	for _, v := range Variables {
		if _, ok := env[v.Name]; ok {
			target := "PocketBase's settings"
			if v.field != "" {
				target = "appliance_settings." + v.field
			}
			out = append(out, v.Name+" → "+target)
		}
	}
	return out
}

func (env Environment) overPocketBase(s *core.Settings) {
	for _, v := range Variables {
		if value, ok := env[v.Name]; ok && v.apply != nil {
			v.apply(s, value)
		}
	}
}

// overRecord lays the appliance variables over a settings record (a copy:
// the stored record is not changed).
func (env Environment) overRecord(record *core.Record) *core.Record {
	if len(env) == 0 {
		return record
	}
	copy := record.Clone()
	for _, v := range Variables {
		if value, ok := env[v.Name]; ok && v.field != "" {
			copy.Set(v.field, value)
		}
	}
	return copy
}

// -------------------------------------------------------------------
// What each kind of variable accepts.

func anyText(v string) (string, error) { return v, nil }

func nonEmpty(v string) (string, error) {
	if v == "" {
		return "", fmt.Errorf("empty")
	}
	return v, nil
}

// boolean accepts the usual spellings and refuses anything else: "yes"
// must not silently mean false.
func boolean(v string) (string, error) {
	switch strings.ToLower(v) {
	case "1", "true", "t", "yes", "y", "on":
		return "true", nil
	case "0", "false", "f", "no", "n", "off":
		return "false", nil
	}
	return "", fmt.Errorf("not a boolean")
}

func intRange(lo, hi int) func(string) (string, error) {
	return func(v string) (string, error) {
		n, err := strconv.Atoi(v)
		if err != nil {
			return "", fmt.Errorf("not a whole number")
		}
		if n < lo || n > hi {
			return "", fmt.Errorf("out of range")
		}
		return strconv.Itoa(n), nil
	}
}

func httpURL(v string) (string, error) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("not an http(s) URL")
	}
	return strings.TrimRight(v, "/"), nil
}

func emailAddress(v string) (string, error) {
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v {
		return "", fmt.Errorf("not an email address")
	}
	return v, nil
}

func oneOf(values ...string) func(string) (string, error) {
	return func(v string) (string, error) {
		for _, allowed := range values {
			if strings.EqualFold(v, allowed) {
				return allowed, nil
			}
		}
		return "", fmt.Errorf("not one of %s", strings.Join(values, ", "))
	}
}

var (
	prefixPattern = regexp.MustCompile(`^[A-Za-z0-9_]{0,16}$`)
	headerPattern = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
)

func tokenPrefix(v string) (string, error) {
	if !prefixPattern.MatchString(v) {
		return "", fmt.Errorf("not a token prefix")
	}
	return v, nil
}

func headerList(v string) (string, error) {
	var names []string
	for _, h := range strings.Split(v, ",") {
		if h = strings.TrimSpace(h); h != "" {
			if !headerPattern.MatchString(h) {
				return "", fmt.Errorf("%q is not a header name", h)
			}
			names = append(names, h)
		}
	}
	if len(names) == 0 {
		return "", fmt.Errorf("empty")
	}
	return strings.Join(names, ","), nil
}
