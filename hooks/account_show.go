package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// accountShow answers the caller's user object (GET /api/account and its
// seed alias GET /api/profile). It is the hot read of every app behind the
// appliance: the user object of a cached user is encoded once.
func accountShow(e *core.RequestEvent) error {
	if c := credentialOf(e); c != nil && c.user.Record == e.Auth {
		if data, err := sharedUserJSON(c.user); err == nil {
			return respondEncoded(e, http.StatusOK, i18n.UserProfile, data)
		}
	}
	return respond(e, http.StatusOK, i18n.UserProfile, newUserResource(model.AsUser(e.Auth)))
}
