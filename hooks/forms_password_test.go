package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// TestPasswordPolicy walks the §10 password rules through the three routes
// that set a password: register, reset and change.
func TestPasswordPolicy(t *testing.T) {
	t.Parallel()

	cases := []struct {
		name, password, confirmation, email, message string
	}{
		{"24 euro signs: 24 characters, 72 bytes", strings.Repeat("€", 24), "", "zed@example.com", ""},
		{"25 euro signs: past bcrypt's 72 bytes", strings.Repeat("€", 25), "", "zed@example.com", "is too long: a password may take at most 72 bytes"},
		{"65 characters", strings.Repeat("x1", 32) + "y", "", "zed@example.com", "must be between 8 and 64 characters."},
		{"7 characters", "x1y2z3w", "", "zed@example.com", "must be between 8 and 64 characters."},
		{"a common password", "password123", "", "zed@example.com", "This password is too common. Choose another."},
		{"a common password in capitals", "QWERTYUIOP", "", "zed@example.com", "This password is too common. Choose another."},
		{"the email's local part", "my-zedd.kim-rocks", "", "zedd.kim@example.com", "This password is too common. Choose another."},
		{"a confirmation that differs", "tulip-harbor-91", "tulip-harbor-92", "zed@example.com", "confirmation does not match."},
	}
	for _, c := range cases {
		if c.confirmation == "" {
			c.confirmation = c.password
		}
		status := 422
		if c.message == "" {
			status = 201
		}
		register := tests.ApiScenario{
			Name:   "register: " + c.name,
			Method: http.MethodPost,
			URL:    "/api/register",
			Body: jsonBody(`{"name":"Zed","email":"` + c.email + `","password":"` + c.password +
				`","password_confirmation":"` + c.confirmation + `"}`),
			ExpectedStatus: status,
			TestAppFactory: newTestApp,
		}
		change := tests.ApiScenario{
			Name:    "change: " + c.name,
			Method:  http.MethodPost,
			URL:     "/api/account/password",
			Headers: annLogin.bearer(),
			Body: jsonBody(`{"current_password":"` + fixturePassword + `","new_password":"` + strings.ReplaceAll(c.password, "zedd.kim", "ann") +
				`","new_password_confirmation":"` + strings.ReplaceAll(c.confirmation, "zedd.kim", "ann") + `"}`),
			ExpectedStatus: 200,
			TestAppFactory: newTestApp,
		}
		if c.message == "" {
			register.ExpectedContent = []string{`"success":true`}
			change.ExpectedContent = []string{`"success":true`}
		} else {
			register.ExpectedContent = []string{`"password":["` + firstWords(c.message)}
			register.ExpectedEvents = map[string]int{"OnModelCreate": 0}
			change.ExpectedStatus = 422
			change.ExpectedContent = []string{`"new_password":["`, c.message}
			change.ExpectedEvents = map[string]int{"OnModelUpdate": 0}
		}
		register.Test(t)
		change.Test(t)
	}
}

// firstWords is the start of a field message as it follows the field name
// ("The password field ...") or stands alone ("This password ...").
func firstWords(message string) string {
	if strings.HasPrefix(message, "This ") {
		return message
	}
	return "The password field " + message
}
