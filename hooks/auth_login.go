package hooks

import (
	"net/http"
	"sync"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/crypto/bcrypt"

	"github.com/authappliance/appliance/hooks/i18n"
)

// authLogin checks an email and password and issues a new login token: each
// login is a new device. An unknown email and a wrong password answer the
// same 401 after the same bcrypt work; only a correct password reveals a
// suspension.
func authLogin(e *core.RequestEvent) error {
	form := &loginForm{}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	user, err := findUserByEmail(e.App, form.Email)
	if err != nil {
		dummyPasswordCheck(form.Password)
		return failure(http.StatusUnauthorized, i18n.InvalidLogin)
	}
	if !user.ValidatePassword(form.Password) {
		return failure(http.StatusUnauthorized, i18n.InvalidLogin)
	}
	if user.Status() == statusSuspended {
		return failure(http.StatusForbidden, i18n.AccountSuspended)
	}

	token, plain, err := issueLoginToken(e.App, e, user, form.DeviceName)
	if err != nil {
		return e.InternalServerError("", err)
	}
	alertNewDevice(e, user, token)

	return respond(e, http.StatusOK, i18n.LoginSuccessful, authResult{newUserResource(user), plain})
}

var dummyHash = sync.OnceValue(func() []byte {
	hash, _ := bcrypt.GenerateFromPassword([]byte("appliance-dummy-password"), bcrypt.DefaultCost)
	return hash
})

// dummyPasswordCheck spends the time of a real password check, so that an
// unknown email cannot be told from a wrong password by timing.
func dummyPasswordCheck(password string) {
	_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
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
