package model

import (
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

const AuditEventsCollection = "audit_events"

// The actions of the activity log (API.md §11).
const (
	ActionRegister               = "register"
	ActionLogin                  = "login"
	ActionLoginFailed            = "login_failed"
	ActionTwoFactorFailed        = "two_factor_failed"
	ActionLogout                 = "logout"
	ActionLogoutAll              = "logout_all"
	ActionDeviceRevoked          = "device_revoked"
	ActionTokenCreated           = "token_created"
	ActionTokenRevoked           = "token_revoked"
	ActionKeyCreated             = "key_created"
	ActionKeyRegenerated         = "key_regenerated"
	ActionKeyRevoked             = "key_revoked"
	ActionPasswordChanged        = "password_changed"
	ActionPasswordResetRequested = "password_reset_requested"
	ActionPasswordReset          = "password_reset"
	ActionEmailVerified          = "email_verified"
	ActionEmailChangeRequested   = "email_change_requested"
	ActionEmailChanged           = "email_changed"
	ActionProfileUpdated         = "profile_updated"
	ActionStatusChanged          = "status_changed"
	ActionTwoFactorSetupStarted  = "two_factor_setup_started"
	ActionTwoFactorEnabled       = "two_factor_enabled"
	ActionTwoFactorDisabled      = "two_factor_disabled"
	ActionRecoveryCodesRenewed   = "recovery_codes_regenerated"
	ActionRecoveryCodeUsed       = "recovery_code_used"
)

// Who acted.
const (
	ActorUser      = "user"
	ActorSuperuser = "superuser"
	ActorSystem    = "system"
)

// Event is one entry of the activity log. Never put a secret in Details.
type Event struct {
	Action       string
	UserID       string // the account the event is about
	ActorType    string // "" means ActorUser
	ActorID      string // "" with ActorUser means the user themself
	CredentialID string // the token or key used, or the one acted on
	IP           string
	UserAgent    string
	Details      map[string]any
}

// maxUserAgent bounds the stored User-Agent.
const maxUserAgent = 512

// Audit appends the event to the activity log. Pass the app of the
// transaction that makes the change, so that both commit or neither does.
func Audit(app core.App, ev Event) error {
	collection, err := app.FindCachedCollectionByNameOrId(AuditEventsCollection)
	if err != nil {
		return err
	}
	if ev.ActorType == "" {
		ev.ActorType = ActorUser
	}
	if ev.ActorType == ActorUser && ev.ActorID == "" {
		ev.ActorID = ev.UserID
	}
	if len(ev.UserAgent) > maxUserAgent {
		ev.UserAgent = ev.UserAgent[:maxUserAgent]
	}
	if ev.Details == nil {
		ev.Details = map[string]any{}
	}
	record := core.NewRecord(collection)
	record.Set("action", ev.Action)
	record.Set("user", ev.UserID)
	record.Set("actor_type", ev.ActorType)
	record.Set("actor_id", ev.ActorID)
	record.Set("credential_id", ev.CredentialID)
	record.Set("ip_address", ev.IP)
	record.Set("user_agent", ev.UserAgent)
	record.Set("details", ev.Details)
	return app.Save(record)
}

// FindUserEvents returns one page (from 1) of the user's events, newest
// first, and how many events the user has in all.
func FindUserEvents(app core.App, userID string, page, perPage int) ([]*core.Record, int64, error) {
	total, err := app.CountRecords(AuditEventsCollection, dbx.HashExp{"user": userID})
	if err != nil {
		return nil, 0, err
	}
	var records []*core.Record
	err = app.RecordQuery(AuditEventsCollection).
		AndWhere(dbx.HashExp{"user": userID}).
		OrderBy("created DESC", "rowid DESC").
		Limit(int64(perPage)).Offset(int64((page - 1) * perPage)).
		All(&records)
	return records, total, err
}

// PruneAuditEvents deletes the events older than the retention. It is the
// one delete the log allows, and it bypasses the record hooks that refuse
// every other.
func PruneAuditEvents(app core.App, now time.Time) error {
	oldest, _ := types.ParseDateTime(now.Add(-SettingsOf(app).AuditRetention))
	_, err := app.DB().Delete(AuditEventsCollection,
		dbx.NewExp("created < {:oldest}", dbx.Params{"oldest": oldest.String()})).Execute()
	return err
}

// errAppendOnly is what an edit or a delete of an event answers.
var errAppendOnly = errors.New("the activity log is append-only: its events cannot be changed or deleted")

// bindAuditHooks keeps the log append-only whatever path a change takes.
func bindAuditHooks(app core.App) {
	app.OnRecordUpdate(AuditEventsCollection).BindFunc(func(e *core.RecordEvent) error {
		return errAppendOnly
	})
	app.OnRecordDelete(AuditEventsCollection).BindFunc(func(e *core.RecordEvent) error {
		return errAppendOnly
	})
}
