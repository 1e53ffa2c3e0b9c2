package i18n

// Mail template keys. A mail is a subject, a greeting, lines before the
// button, the button's label and lines after it; hooks/mails.go renders the
// same parts as HTML and as plain text. "{name}", "{app}" and
// "{minutes}" are filled in at send time.
const (
	MailGreeting Key = "mail_greeting"
	MailSignoff  Key = "mail_signoff"
	MailNoButton Key = "mail_no_button"

	MailVerifySubject Key = "mail_verify_subject"
	MailVerifyIntro   Key = "mail_verify_intro"
	MailVerifyAction  Key = "mail_verify_action"
	MailVerifyOutro   Key = "mail_verify_outro"

	MailResetSubject Key = "mail_reset_subject"
	MailResetIntro   Key = "mail_reset_intro"
	MailResetAction  Key = "mail_reset_action"
	MailResetOutro   Key = "mail_reset_outro"

	MailChangeSubject Key = "mail_change_subject"
	MailChangeIntro   Key = "mail_change_intro"
	MailChangeAction  Key = "mail_change_action"
	MailChangeOutro   Key = "mail_change_outro"

	MailChangeNoticeSubject Key = "mail_change_notice_subject"
	MailChangeNoticeIntro   Key = "mail_change_notice_intro"
	MailChangeNoticeOutro   Key = "mail_change_notice_outro"

	MailResetNoticeSubject Key = "mail_reset_notice_subject"
	MailResetNoticeIntro   Key = "mail_reset_notice_intro"
	MailResetNoticeOutro   Key = "mail_reset_notice_outro"

	MailNewDeviceSubject Key = "mail_new_device_subject"
	MailNewDeviceIntro   Key = "mail_new_device_intro"
	MailNewDeviceOutro   Key = "mail_new_device_outro"
)

func init() {
	for k, v := range map[Key]string{
		MailGreeting: "Hello {name},",
		MailSignoff:  "Regards, {app}",
		MailNoButton: "If the button does not work, copy this link into your browser:",

		MailVerifySubject: "Verify your email address",
		MailVerifyIntro:   "Please click the button below to verify your email address.",
		MailVerifyAction:  "Verify Email Address",
		MailVerifyOutro:   "This link expires in {minutes} minutes. If you did not create an account, no further action is required.",

		MailResetSubject: "Reset your password",
		MailResetIntro:   "You are receiving this email because we received a password reset request for your account.",
		MailResetAction:  "Reset Password",
		MailResetOutro:   "This link expires in {minutes} minutes. If you did not request a password reset, no further action is required.",

		MailChangeSubject: "Confirm your new email address",
		MailChangeIntro:   "Please click the button below to confirm {email} as the new email address of your account.",
		MailChangeAction:  "Confirm Email Address",
		MailChangeOutro:   "This link expires in {minutes} minutes. If you did not ask for this change, ignore this email.",

		MailChangeNoticeSubject: "Your email address is being changed",
		MailChangeNoticeIntro:   "Someone asked to change the email address of your account to {email}.",
		MailChangeNoticeOutro:   "If this was not you, change your password now: the change takes effect only once the new address is confirmed.",

		MailResetNoticeSubject: "Your password was reset",
		MailResetNoticeIntro:   "The password of your account was just reset with a link from a password reset email. Every device was signed out, and every personal access token and API key of the account was revoked.",
		MailResetNoticeOutro:   "If this was you, sign in again with your new password and create new tokens and keys where you need them. If it was not, reset your password again at once.",

		MailNewDeviceSubject: "New sign-in to your account",
		MailNewDeviceIntro:   "Your account was just used to sign in from a new device: {device} ({ip}).",
		MailNewDeviceOutro:   "If this was you, no action is needed. If not, change your password and log out of every device.",
	} {
		english[k] = v
	}
}
