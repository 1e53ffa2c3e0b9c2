package hooks

import (
	"crypto/sha1"
	"encoding/hex"
	"net/url"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/model"
)

// emailHash is the {hash} of a verification link: the SHA-1 of the email,
// as in Laravel, checked against the current email.
func emailHash(email string) string {
	sum := sha1.Sum([]byte(model.NormalizeEmail(email)))
	return hex.EncodeToString(sum[:])
}

// verificationPath is the path of a user's verification link.
func verificationPath(u *model.User) string {
	return "/api/verify-email/" + u.Id + "/" + emailHash(u.Email())
}

// sendVerificationMail mails the signed verification link of the user's
// current email.
func sendVerificationMail(e *core.RequestEvent, u *model.User) {
	link, err := signLink(e.App, verificationPath(u), url.Values{}, time.Now())
	if err != nil {
		e.App.Logger().Error("cannot sign the verification link", "error", err)
		return
	}
	sendMail(e.App, u, requestLang(e), u.Email(), verifyMail,
		map[string]string{"minutes": strconv.Itoa(int(signedLinkTTL.Minutes()))}, apiURL(e.App, link))
}
