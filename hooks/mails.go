package hooks

import (
	"html/template"
	"log"
	"net/mail"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
	"golang.org/x/text/language"

	"github.com/authappliance/appliance/hooks/i18n"
	"github.com/authappliance/appliance/hooks/model"
)

// mailTemplate names the catalogue keys of one mail.
type mailTemplate struct {
	subject, intro, action, outro i18n.Key
}

var (
	verifyMail       = mailTemplate{i18n.MailVerifySubject, i18n.MailVerifyIntro, i18n.MailVerifyAction, i18n.MailVerifyOutro}
	resetMail        = mailTemplate{i18n.MailResetSubject, i18n.MailResetIntro, i18n.MailResetAction, i18n.MailResetOutro}
	changeEmailMail  = mailTemplate{i18n.MailChangeSubject, i18n.MailChangeIntro, i18n.MailChangeAction, i18n.MailChangeOutro}
	changeNoticeMail = mailTemplate{subject: i18n.MailChangeNoticeSubject, intro: i18n.MailChangeNoticeIntro, outro: i18n.MailChangeNoticeOutro}
	resetNoticeMail  = mailTemplate{subject: i18n.MailResetNoticeSubject, intro: i18n.MailResetNoticeIntro, outro: i18n.MailResetNoticeOutro}
	newDeviceMail    = mailTemplate{subject: i18n.MailNewDeviceSubject, intro: i18n.MailNewDeviceIntro, outro: i18n.MailNewDeviceOutro}
)

var mailLayout = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}"><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2937;background:#f3f4f6;padding:24px">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">
<p>{{.Greeting}}</p>
<p>{{.Intro}}</p>
{{if .Link}}<p style="text-align:center;margin:32px 0"><a href="{{.Link}}" style="background:#111827;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none">{{.Action}}</a></p>{{end}}
<p>{{.Outro}}</p>
<p>{{.Signoff}}</p>
{{if .Link}}<p style="font-size:12px;color:#6b7280">{{.NoButton}}<br><a href="{{.Link}}" style="color:#6b7280;word-break:break-all">{{.Link}}</a></p>{{end}}
</div></body></html>`))

// mailParts is one rendered mail.
type mailParts struct {
	Greeting, Intro, Action, Outro, Signoff, NoButton, Link string
	Lang, Dir                                               string
}

// render fills a template in lang with params and returns the subject,
// the HTML body and the plain-text body.
func (t mailTemplate) render(lang language.Tag, params map[string]string, link string) (subject, html, text string, err error) {
	tr := func(k i18n.Key) string {
		if k == "" {
			return ""
		}
		return i18n.Text(lang, k, params)
	}
	p := mailParts{
		Greeting: tr(i18n.MailGreeting), Intro: tr(t.intro), Action: tr(t.action),
		Outro: tr(t.outro), Signoff: tr(i18n.MailSignoff), NoButton: tr(i18n.MailNoButton), Link: link,
		Lang: lang.String(), Dir: i18n.Dir(lang),
	}
	var b strings.Builder
	if err := mailLayout.Execute(&b, p); err != nil {
		return "", "", "", err
	}
	lines := []string{p.Greeting, "", p.Intro, ""}
	if link != "" {
		lines = append(lines, p.Action+": "+link, "")
	}
	lines = append(lines, p.Outro, "", p.Signoff)
	return tr(t.subject), b.String(), strings.Join(lines, "\n"), nil
}

// sendMail renders a template for user u in their language (fallback: the
// request's) and sends it to the address to in the background, so that no
// request waits on SMTP or reveals by its timing whether a mail went out.
// Failures are logged. params["minutes"], a number, becomes the language's
// phrase for it ("60 minutes", "٦٠ دقيقة").
func sendMail(app core.App, u *model.User, fallback language.Tag, to string, t mailTemplate, params map[string]string, link string) {
	lang, name := userLang(u, fallback), u.GetString("name")
	all := map[string]string{"name": name, "app": app.Settings().Meta.AppName}
	for k, v := range params {
		all[k] = v
	}
	if n, err := strconv.Atoi(all["minutes"]); err == nil {
		all["minutes"] = i18n.Plural(lang, i18n.Minutes, n, nil)
	}
	subject, html, text, err := t.render(lang, all, link)
	if err != nil {
		app.Logger().Error("cannot render mail", "subject", t.subject, "error", err)
		return
	}
	message := &mailer.Message{
		From: mail.Address{
			Name:    app.Settings().Meta.SenderName,
			Address: app.Settings().Meta.SenderAddress,
		},
		To:      []mail.Address{{Name: name, Address: to}},
		Subject: subject,
		HTML:    html,
		Text:    text,
	}
	model.InBackground(app, func() {
		if err := app.NewMailClient().Send(message); err != nil {
			app.Logger().Error("cannot send mail", "subject", subject, "error", err)
			// the console too: an operator sees at once that mail is broken
			log.Printf("ERROR: cannot send the mail %q: %v", subject, err)
		}
	})
}
