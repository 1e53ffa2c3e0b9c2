package hooks

import (
	"net/http"
	"strconv"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// Pages of GET /api/account/activity.
const (
	activityPerPage    = 20
	activityMaxPerPage = 100
)

// accountActivityList answers the caller's activity-log events, newest
// first, one page at a time; never another user's.
func accountActivityList(e *core.RequestEvent) error {
	query := e.Request.URL.Query()
	page, pageErr := queryInt(query.Get("page"), 1, 1, 1<<20)
	perPage, perPageErr := queryInt(query.Get("per_page"), activityPerPage, 1, activityMaxPerPage)
	if err := validateForm(validation.Errors{"page": pageErr, "per_page": perPageErr}.Filter()); err != nil {
		return err
	}

	records, total, err := model.FindUserEvents(e.App, e.Auth.Id, page, perPage)
	if err != nil {
		return e.InternalServerError("", err)
	}
	items := make([]activityItem, len(records))
	for i, r := range records {
		ip, ua := r.GetString("ip_address"), r.GetString("user_agent")
		if r.GetString("actor_type") == model.ActorSuperuser {
			ip, ua = "", "" // where the operator works from is not the user's business
		}
		items[i] = activityItem{
			ID:           r.Id,
			Action:       r.GetString("action"),
			Actor:        r.GetString("actor_type"),
			IPAddress:    ip,
			UserAgent:    ua,
			CredentialID: nullable(r.GetString("credential_id")),
			Details:      r.Get("details"),
			CreatedAt:    apiTime(r.GetDateTime("created")),
		}
	}
	return respond(e, http.StatusOK, i18n.Activity, activityPage{
		Items: items, Page: page, PerPage: perPage, TotalItems: total,
		TotalPages: (total + int64(perPage) - 1) / int64(perPage),
	})
}

// activityItem is one event of GET /api/account/activity. actor tells
// whether the user, a superuser (in the admin UI) or the system acted.
type activityItem struct {
	ID           string `json:"id"`
	Action       string `json:"action"`
	Actor        string `json:"actor"`
	IPAddress    string `json:"ip_address"`
	UserAgent    string `json:"user_agent"`
	CredentialID any    `json:"credential_id"`
	Details      any    `json:"details"`
	CreatedAt    any    `json:"created_at"`
}

type activityPage struct {
	Items      []activityItem `json:"items"`
	Page       int            `json:"page"`
	PerPage    int            `json:"per_page"`
	TotalItems int64          `json:"total_items"`
	TotalPages int64          `json:"total_pages"`
}

// queryInt reads a whole-number query parameter between lo and hi; empty
// is fallback.
func queryInt(raw string, fallback, lo, hi int) (int, error) {
	if raw == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, fieldError(i18n.ValidationInteger)
	}
	if n < lo || n > hi {
		return 0, fieldError(i18n.ValidationBetween).SetParams(map[string]any{"min": lo, "max": hi})
	}
	return n, nil
}
