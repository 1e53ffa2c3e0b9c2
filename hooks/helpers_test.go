package hooks

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/mailer"
	"github.com/pocketbase/pocketbase/tools/types"
	"golang.org/x/crypto/bcrypt"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/model"
	_ "github.com/authappliance/appliance/pb_migrations"
)

// The fixture accounts. Every password is fixturePassword.
const (
	fixturePassword = "password123"

	annID       = "annuser00000001" // verified, active
	bobID       = "bobuser00000001" // verified, active
	unverifID   = "unverif00000001" // unverified, active
	inactiveID  = "inactive0000001" // verified, inactive
	suspendedID = "suspend00000001" // verified, suspended
)

// The fixture tokens: id and the random part of the secret.
var (
	annLogin      = fixtureToken{"annlogin0000001", annID, model.TokenTypeLogin, []string{"*"}, 0}
	annLogin2     = fixtureToken{"annlogin0000002", annID, model.TokenTypeLogin, []string{"*"}, 0}
	annPATRead    = fixtureToken{"annpatread00001", annID, model.TokenTypeAPI, []string{"account:read"}, 0}
	annPATAll     = fixtureToken{"annpatall000001", annID, model.TokenTypeAPI, []string{"*"}, 0}
	annExpired    = fixtureToken{"annexpired00001", annID, model.TokenTypeLogin, []string{"*"}, -time.Hour}
	bobLogin      = fixtureToken{"boblogin0000001", bobID, model.TokenTypeLogin, []string{"*"}, 0}
	unverifLogin  = fixtureToken{"uvlogin00000001", unverifID, model.TokenTypeLogin, []string{"*"}, 0}
	inactiveLogin = fixtureToken{"inlogin00000001", inactiveID, model.TokenTypeLogin, []string{"*"}, 0}
	suspendLogin  = fixtureToken{"sulogin00000001", suspendedID, model.TokenTypeLogin, []string{"*"}, 0}

	fixtureTokens = []fixtureToken{annLogin, annLogin2, annPATRead, annPATAll, annExpired, bobLogin, unverifLogin, inactiveLogin, suspendLogin}
)

type fixtureToken struct {
	id        string
	userID    string
	tokenType string
	abilities []string
	expiresIn time.Duration // 0: never; negative: already expired
}

// secret is the token's fixed secret: the id, padded, as its random part.
func (f fixtureToken) secret() string {
	random := strings.Repeat(f.id, 3)[:credentials.TokenRandomLength]
	return credentials.TokenSecret("", random)
}

// plain is the string a client sends.
func (f fixtureToken) plain() string {
	return credentials.FormatToken(f.id, f.secret())
}

// bearer is the Authorization header of the token.
func (f fixtureToken) bearer() map[string]string {
	return map[string]string{"Authorization": "Bearer " + f.plain()}
}

var (
	fixtureDirOnce sync.Once
	fixtureDirPath string
	fixtureDirErr  error
)

// fixtureDir builds, once per test binary, a data directory made by the
// real migrations and seeded with the fixtures. Every test app clones it.
func fixtureDir(t testing.TB) string {
	fixtureDirOnce.Do(func() {
		fixtureDirPath, fixtureDirErr = os.MkdirTemp("", "appliance_fixture_")
		if fixtureDirErr != nil {
			return
		}
		app := core.NewBaseApp(core.BaseAppConfig{DataDir: fixtureDirPath, EncryptionEnv: "pb_test_env"})
		if fixtureDirErr = app.Bootstrap(); fixtureDirErr != nil {
			return
		}
		if fixtureDirErr = app.RunAllMigrations(); fixtureDirErr != nil {
			return
		}
		fixtureDirErr = seedFixtures(app)
		if err := app.ResetBootstrapState(); fixtureDirErr == nil {
			fixtureDirErr = err
		}
	})
	if fixtureDirErr != nil {
		t.Fatalf("fixture dir: %v", fixtureDirErr)
	}
	return fixtureDirPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDirPath != "" {
		os.RemoveAll(fixtureDirPath)
	}
	os.Exit(code)
}

func seedFixtures(app core.App) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(fixturePassword), 4)
	if err != nil {
		return err
	}
	users, err := app.FindCollectionByNameOrId(model.UsersCollection)
	if err != nil {
		return err
	}
	for _, u := range []struct {
		id, name, email, status string
		verified                bool
	}{
		{annID, "Ann", "ann@example.com", model.StatusActive, true},
		{bobID, "Bob", "bob@example.com", model.StatusActive, true},
		{unverifID, "Una", "una@example.com", model.StatusActive, false},
		{inactiveID, "Ivy", "ivy@example.com", model.StatusInactive, true},
		{suspendedID, "Sam", "sam@example.com", model.StatusSuspended, true},
	} {
		r := core.NewRecord(users)
		r.Id = u.id
		r.Set("name", u.name)
		r.SetEmail(u.email)
		r.SetRaw("password", &core.PasswordFieldValue{Hash: string(hash)})
		r.Set("status", u.status)
		r.SetVerified(u.verified)
		if u.verified {
			r.Set("email_verified_at", types.NowDateTime())
		}
		if err := app.Save(r); err != nil {
			return err
		}
	}

	for _, f := range fixtureTokens {
		if err := seedToken(app, f); err != nil {
			return err
		}
	}
	// made at first start in production; made here once for every test app
	_, err = model.SigningKey(app)
	return err
}

// seedToken saves a fixture token.
func seedToken(app core.App, f fixtureToken) error {
	tokens, err := app.FindCollectionByNameOrId(model.TokensCollection)
	if err != nil {
		return err
	}
	r := core.NewRecord(tokens)
	r.Id = f.id
	r.Set("user", f.userID)
	r.Set("name", "Fixture "+f.id)
	r.Set("type", f.tokenType)
	r.Set("token_hash", credentials.Hash(f.secret()))
	r.Set("abilities", f.abilities)
	r.Set("attributes", model.DeviceAttributes{DeviceName: "Desktop", Browser: "Firefox", Platform: "Linux", IPAddress: "127.0.0.1", UserAgent: "fixture"})
	if f.expiresIn != 0 {
		r.Set("expires_at", model.DateTimeIn(f.expiresIn))
	}
	return app.Save(r)
}

// newTestApp returns a registered test app over a clone of the fixtures.
// Throttling is off unless a test turns it on.
func newTestApp(t testing.TB) *tests.TestApp {
	app, err := tests.NewTestApp(fixtureDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := Register(app); err != nil {
		t.Fatal(err)
	}
	checkContract(t, app)
	app.Store().Set(model.SyncBackgroundStoreKey, true)
	if err := setSetting(app, "throttle_enabled", false); err != nil {
		t.Fatal(err)
	}
	return app
}

// setSetting changes one field of the appliance settings record.
func setSetting(app core.App, field string, value any) error {
	record, err := model.FindSettingsRecord(app)
	if err != nil {
		return err
	}
	record.Set(field, value)
	return app.Save(record)
}

// tokenExists reports whether a token row with id is in the database.
func tokenExists(t testing.TB, app core.App, id string) bool {
	t.Helper()
	n, err := app.CountRecords(model.TokensCollection, dbx.HashExp{"id": id})
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// jsonBody is a request body; ApiScenario sends it as application/json.
func jsonBody(s string) *strings.Reader {
	return strings.NewReader(s)
}

// testServer builds the app's real router once, for tests that send
// several requests to the same app (ApiScenario builds one per request).
func testServer(t testing.TB, app *tests.TestApp) http.Handler {
	t.Helper()
	baseRouter, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	serveEvent := &core.ServeEvent{App: app, Router: baseRouter}
	err = app.OnServe().Trigger(serveEvent, func(e *core.ServeEvent) error {
		var buildErr error
		mux, buildErr = e.Router.BuildMux()
		return buildErr
	})
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

// call sends one JSON request to handler and returns the recorder.
func call(handler http.Handler, method, url, body string, headers map[string]string) *httptest.ResponseRecorder {
	return callFrom(handler, "192.0.2.1", method, url, body, headers)
}

// callFrom is call from the client IP ip.
func callFrom(handler http.Handler, ip, method, url, body string, headers map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	req.RemoteAddr = ip + ":40000"
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	return rec
}

// preparedApp returns a test app set up by prepare, and the factory that
// hands it to one ApiScenario (which cleans it up).
func preparedApp(t testing.TB, prepare func(app *tests.TestApp)) (*tests.TestApp, func(testing.TB) *tests.TestApp) {
	t.Helper()
	app := newTestApp(t)
	prepare(app)
	return app, func(testing.TB) *tests.TestApp { return app }
}

// mustSign signs a link for app at the given time.
func mustSign(t testing.TB, app core.App, path string, params url.Values, at time.Time) string {
	t.Helper()
	link, err := signLink(app, path, params, at)
	if err != nil {
		t.Fatal(err)
	}
	return link
}

// mustUser loads a user.
func mustUser(t testing.TB, app core.App, id string) *model.User {
	t.Helper()
	u, err := model.FindUserByID(app, id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// lastMailTo returns the last mail sent to address (test apps send mail
// inline, see model.SyncBackgroundStoreKey).
func lastMailTo(t testing.TB, app *tests.TestApp, address string) *mailer.Message {
	t.Helper()
	msgs := app.TestMailer.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, to := range msgs[i].To {
			if to.Address == address {
				return msgs[i]
			}
		}
	}
	t.Fatalf("no mail to %s among %d", address, len(msgs))
	return nil
}

// linkIn returns the first link of a mail's text body that contains part.
func linkIn(t testing.TB, msg *mailer.Message, part string) string {
	t.Helper()
	for _, field := range strings.Fields(msg.Text) {
		if strings.HasPrefix(field, "http") && strings.Contains(field, part) {
			return field
		}
	}
	t.Fatalf("no link with %q in %q", part, msg.Text)
	return ""
}

// verified is authenticateToken's credential, for tests that only ask
// whether a token is accepted.
func verified(app core.App, value string, now time.Time) *credential {
	c, _ := authenticateToken(app, value, now)
	return c
}

// superuserHeaders creates a superuser and returns its PocketBase auth
// header, as the admin UI sends it.
func superuserHeaders(t testing.TB, app *tests.TestApp) map[string]string {
	t.Helper()
	collection, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(collection)
	su.SetEmail("root@example.com")
	su.SetPassword("superuser-password-1")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	token, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{"Authorization": token}
}
