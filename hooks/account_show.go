package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// accountShow answers the caller's user object (GET /api/account and its
// seed alias GET /api/profile).
func accountShow(e *core.RequestEvent) error {
	return respond(e, http.StatusOK, i18n.UserProfile, newUserResource(model.AsUser(e.Auth)))
}
