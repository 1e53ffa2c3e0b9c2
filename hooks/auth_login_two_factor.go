package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// authLoginTwoFactor finishes a sign-in on an account with two-factor: the
// challenge of the right password, and a TOTP code or a recovery code. A
// challenge lives 5 minutes, is used once and takes 5 wrong codes; the
// account's guessing limit counts every code checked. The check and its
// outcome run in one write transaction, so that two requests can never
// both spend the same code or challenge.
func authLoginTwoFactor(e *core.RequestEvent) error {
	form := &twoFactorLoginForm{}
	if err := bindForm(e, form); err != nil {
		return err
	}
	if err := form.validate(); err != nil {
		return err
	}

	now := time.Now()
	challenge, err := model.FindChallenge(e.App, form.Challenge, now)
	if err != nil {
		return lookupFailure(e, err, http.StatusUnauthorized, i18n.InvalidChallenge)
	}
	user, err := model.FindUserByID(e.App, challenge.UserID())
	if err != nil {
		return lookupFailure(e, err, http.StatusUnauthorized, i18n.InvalidChallenge)
	}
	if err := checkPasswordGuesses(e, user.Email(), user.Id); err != nil {
		return err
	}
	if user.Status() == model.StatusSuspended {
		return failure(http.StatusForbidden, i18n.AccountSuspended)
	}

	var token *model.AccessToken
	var plain string
	accepted, gone := false, false
	err = e.App.RunInTransaction(func(txApp core.App) error {
		challenge, err := model.FindChallenge(txApp, form.Challenge, now)
		if errors.Is(err, sql.ErrNoRows) {
			gone = true // spent by a request that committed first
			return nil
		}
		if err != nil {
			return err
		}
		user, err := model.FindUserByID(txApp, challenge.UserID())
		if err != nil {
			return err
		}
		if !user.TwoFactorEnabled() { // turned off since the password
			gone = true
			return txApp.Delete(challenge)
		}

		ev := auditEvent(e, model.ActionLogin, user.Id)
		if form.RecoveryCode != "" {
			accepted = model.UseRecoveryCode(user, form.RecoveryCode)
		} else if accepted, err = model.CheckTOTP(txApp, user, form.Code, now); err != nil {
			return err
		}
		if !accepted {
			exhausted, err := model.FailChallenge(txApp, challenge)
			if err != nil {
				return err
			}
			ev.Action = model.ActionTwoFactorFailed
			ev.Details = map[string]any{"challenge_used_up": exhausted}
			return model.Audit(txApp, ev)
		}

		if err := txApp.Save(user); err != nil { // the step or the recovery code is spent
			return err
		}
		if err := txApp.Delete(challenge); err != nil {
			return err
		}
		if form.RecoveryCode != "" {
			ev.Action = model.ActionRecoveryCodeUsed
			ev.Details = map[string]any{"recovery_codes_left": model.RecoveryCodesLeft(user)}
			if err := model.Audit(txApp, ev); err != nil {
				return err
			}
		}
		token, plain, err = signIn(txApp, e, user, challenge.DeviceName())
		return err
	})
	switch {
	case err != nil:
		return e.InternalServerError("", err)
	case gone:
		return failure(http.StatusUnauthorized, i18n.InvalidChallenge)
	case !accepted:
		field := "code"
		if form.RecoveryCode != "" {
			field = "recovery_code"
		}
		return codeRefused(field)
	}
	alertNewDevice(e, user, token)
	return answerSignIn(e, http.StatusOK, i18n.LoginSuccessful, user, plain)
}

// -------------------------------------------------------------------

type twoFactorLoginForm struct {
	Challenge    string `form:"challenge" json:"challenge"`
	Code         string `form:"code" json:"code"`
	RecoveryCode string `form:"recovery_code" json:"recovery_code"`
}

func (form *twoFactorLoginForm) validate() error {
	trimAll(&form.Challenge, &form.Code, &form.RecoveryCode)
	return validateForm(validation.ValidateStruct(form,
		validation.Field(&form.Challenge, validation.Required, validation.Length(1, 255)),
		validation.Field(&form.Code, validation.When(form.RecoveryCode == "", validation.Required), validation.Length(1, 16)),
		validation.Field(&form.RecoveryCode, validation.Length(1, 64)),
	))
}
