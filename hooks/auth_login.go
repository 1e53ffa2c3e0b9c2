package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// authLogin checks an email and password and issues a new login token: each
// login is a new device. An unknown email and a wrong password answer the
// same 401 after the same bcrypt work and the same activity-log write; only
// a correct password reveals a suspension. Past the account's guessing
// limit the password is not checked at all. With two-factor on, the right
// password earns a challenge instead of a token (auth_login_two_factor.go).
func authLogin(e *core.RequestEvent) error {
	form := &loginForm{}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	user, err := model.FindUserByEmail(e.App, form.Email)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e.InternalServerError("", err)
	}
	userID := ""
	if user != nil {
		userID = user.Id
	}
	// the per-account guessing limit comes before any password check
	if err := checkPasswordGuesses(e, form.Email, userID); err != nil {
		return err
	}
	if user == nil {
		if err := dummyPasswordCheck(e.App, form.Password); err != nil {
			return e.InternalServerError("", err)
		}
	}
	if user == nil || !user.ValidatePassword(form.Password) {
		// never the password; the email only when no account has it
		ev := auditEvent(e, model.ActionLoginFailed, userID)
		if user == nil {
			ev.Details = map[string]any{"email": model.NormalizeEmail(form.Email)}
		}
		if err := model.Audit(e.App, ev); err != nil {
			return e.InternalServerError("", err)
		}
		return failure(http.StatusUnauthorized, i18n.InvalidLogin)
	}
	if user.Status() == model.StatusSuspended {
		return failure(http.StatusForbidden, i18n.AccountSuspended)
	}

	if user.TwoFactorEnabled() {
		challenge, plain, err := model.CreateChallenge(e.App, user, form.DeviceName)
		if err != nil {
			return e.InternalServerError("", err)
		}
		return respond(e, http.StatusOK, i18n.TwoFactorChallenge, challengeResult{
			TwoFactor: true, Challenge: plain, ExpiresAt: apiTime(challenge.ExpiresAt()),
		})
	}

	var token *model.AccessToken
	var plain string
	err = e.App.RunInTransaction(func(txApp core.App) (err error) {
		token, plain, err = signIn(txApp, e, user, form.DeviceName)
		return err
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	alertNewDevice(e, user, token)
	return answerSignIn(e, http.StatusOK, i18n.LoginSuccessful, user, plain)
}

// challengeResult is the data of a right password on an account with
// two-factor: no token yet, the challenge to send back with the code.
type challengeResult struct {
	TwoFactor bool   `json:"two_factor"`
	Challenge string `json:"challenge"`
	ExpiresAt any    `json:"expires_at"`
}

// signIn completes a sign-in inside txApp: the IP becomes known to the
// account, a login token is issued and the login is recorded.
func signIn(txApp core.App, e *core.RequestEvent, user *model.User, deviceName string) (*model.AccessToken, string, error) {
	if err := model.RememberSignIn(txApp, user.Id, e.RealIP(), time.Now()); err != nil {
		return nil, "", err
	}
	token, plain, err := issueLoginToken(txApp, e, user, deviceName)
	if err != nil {
		return nil, "", err
	}
	ev := auditEvent(e, model.ActionLogin, user.Id)
	ev.CredentialID = token.Id
	return token, plain, model.Audit(txApp, ev)
}

const dummyUserStoreKey = "appDummyUser"

// dummyUser is a user that no one can sign in as, whose password was
// hashed at cost.
type dummyUser struct {
	cost int
	user *core.Record
}

// dummyPasswordCheck spends the time of a real password check, so that an
// unknown email cannot be told from a wrong password by timing. Like
// PocketBase's password auth, it hashes with the users collection's own
// bcrypt cost, so an operator who raises the cost raises both.
func dummyPasswordCheck(app core.App, password string) error {
	collection, err := app.FindCachedCollectionByNameOrId(model.UsersCollection)
	if err != nil {
		return err
	}
	field, _ := collection.Fields.GetByName("password").(*core.PasswordField)
	if field == nil {
		return errors.New("the users collection has no password field")
	}
	d, _ := app.Store().Get(dummyUserStoreKey).(dummyUser)
	if d.user == nil || d.cost != field.Cost {
		d = dummyUser{cost: field.Cost, user: core.NewRecord(collection)}
		d.user.SetPassword(security.RandomString(32))
		app.Store().Set(dummyUserStoreKey, d)
	}
	d.user.ValidatePassword(password)
	return nil
}

// -------------------------------------------------------------------

type loginForm struct {
	Email      string `form:"email" json:"email"`
	UserID     string `form:"userid" json:"userid"`
	Password   string `form:"password" json:"password"`
	DeviceName string `form:"device_name" json:"device_name"`
}

func (form *loginForm) validate() error {
	trimAll(&form.Email, &form.UserID, &form.DeviceName)
	if form.Email == "" {
		form.Email = form.UserID // the seed's clients send "userid"
	}
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Email, validation.Required, validation.Length(1, 255)),
		validation.Field(&form.Password, validation.Required, validation.Length(1, 255)),
		validation.Field(&form.DeviceName, validation.Length(0, 255)),
	))
}
