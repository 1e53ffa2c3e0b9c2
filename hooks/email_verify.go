package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// emailVerify confirms the email of a signed link from the verification
// mail. The link must be unexpired, signed by this server and name the
// user's current email; it does not log anybody in.
func emailVerify(e *core.RequestEvent) error {
	if !verifyLink(e.App, e.Request.URL.Path, e.Request.URL.Query(), time.Now()) {
		return answerLink(e, http.StatusForbidden, i18n.InvalidLink, nil)
	}
	user, err := model.FindUserByID(e.App, e.Request.PathValue("id"))
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e.InternalServerError("", err)
	}
	if err != nil || !credentials.Equal(e.Request.PathValue("hash"), emailHash(user.Email())) {
		return answerLink(e, http.StatusForbidden, i18n.InvalidLink, nil)
	}
	if user.Verified() {
		return answerLink(e, http.StatusOK, i18n.AlreadyVerified, nil)
	}

	user.MarkVerified()
	ev := auditEvent(e, model.ActionEmailVerified, user.Id)
	if err := withAudit(e, &ev, func(txApp core.App) error { return txApp.Save(user) }); err != nil {
		return e.InternalServerError("", err)
	}
	return answerLink(e, http.StatusOK, i18n.EmailVerified, nil)
}

// emailVerificationResend mails a new verification link, at most once a
// minute per user.
func emailVerificationResend(e *core.RequestEvent) error {
	user := model.AsUser(e.Auth)
	if user.Verified() {
		return respond(e, http.StatusOK, i18n.AlreadyVerified, nil)
	}
	if err := checkThrottle(e, throttleVerificationMail); err != nil {
		return err
	}
	sendVerificationMail(e, user)
	return respond(e, http.StatusOK, i18n.VerificationSent, nil)
}
