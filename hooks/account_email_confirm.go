package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/credentials"
	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// accountEmailConfirm applies an email change from its signed link. The
// link is bound to the user and the pending address; the address must
// still be free.
func accountEmailConfirm(e *core.RequestEvent) error {
	query := e.Request.URL.Query()
	if !verifyLink(e.App, e.Request.URL.Path, query, time.Now()) {
		return answerLink(e, http.StatusForbidden, i18n.InvalidLink, nil)
	}
	user, err := model.FindUserByID(e.App, query.Get("user"))
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e.InternalServerError("", err)
	}
	if err != nil {
		return answerLink(e, http.StatusForbidden, i18n.InvalidLink, nil)
	}
	email := query.Get("email")
	pending := user.GetString("pending_email")
	if pending == "" || !credentials.Equal(pending, email) {
		return answerLink(e, http.StatusForbidden, i18n.InvalidLink, nil)
	}
	other, err := model.FindUserByEmail(e.App, email)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e.InternalServerError("", err)
	}
	if err == nil && other.Id != user.Id {
		if wantsHTML(e) {
			return answerLink(e, http.StatusUnprocessableEntity, i18n.EmailTaken, nil)
		}
		return invalid(validation.Errors{"email": fieldError(i18n.ValidationEmailTaken)})
	}

	ev := auditEvent(e, model.ActionEmailChanged, user.Id)
	ev.Details = map[string]any{"old_email": user.Email(), "new_email": email}
	user.SetEmail(email)
	user.Set("pending_email", "")
	user.MarkVerified()
	if err := withAudit(e, &ev, func(txApp core.App) error { return txApp.Save(user) }); err != nil {
		return e.InternalServerError("", err)
	}
	return answerLink(e, http.StatusOK, i18n.NewEmailVerified, nil)
}
