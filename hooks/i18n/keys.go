package i18n

// Message keys: the ids of the messages in locales/*.toml. The English
// texts the seed's clients already know (API.md §9) are kept word for word.
const (
	// envelope and generic failures
	Unauthenticated      Key = "unauthenticated"
	Forbidden            Key = "forbidden"
	NotFound             Key = "not_found"
	MethodNotAllowed     Key = "method_not_allowed"
	PayloadTooLarge      Key = "payload_too_large"
	TooManyRequests      Key = "too_many_requests"
	ServerError          Key = "server_error"
	InvalidBody          Key = "invalid_body"
	ValidationFailed     Key = "validation_failed"
	BadRequest           Key = "bad_request"
	EmailNotVerified     Key = "email_not_verified"
	AccountSuspended     Key = "account_suspended"
	AccountInactive      Key = "account_inactive"
	MissingAbility       Key = "missing_ability"
	InvalidAPICredential Key = "invalid_api_credentials"

	// registration and login
	Registered       Key = "registered"
	LoginSuccessful  Key = "login_successful"
	InvalidLogin     Key = "invalid_login"
	LoggedOut        Key = "logged_out"
	LoggedOutAll     Key = "logged_out_all"
	Dashboard        Key = "dashboard"
	ActiveDevices    Key = "active_devices"
	UserProfile      Key = "user_profile"
	DeviceRevoked    Key = "device_revoked"
	OtherDevicesGone Key = "other_devices_revoked"

	// email verification and password reset
	AlreadyVerified      Key = "already_verified"
	VerificationSent     Key = "verification_sent"
	EmailVerified        Key = "email_verified"
	InvalidLink          Key = "invalid_link"
	ResetLinkSent        Key = "reset_link_sent"
	PasswordReset        Key = "password_reset"
	InvalidResetToken    Key = "invalid_reset_token"
	PasswordUpdated      Key = "password_updated"
	ProfileUpdated       Key = "profile_updated"
	EmailChangeRequested Key = "email_change_requested"
	NewEmailVerified     Key = "new_email_verified"
	EmailTaken           Key = "email_taken"

	// account status
	AccountActivated   Key = "account_activated"
	AccountReactivated Key = "account_reactivated"
	AccountInactivated Key = "account_inactivated"
	AccountSuspendedOK Key = "account_suspended_ok"
	StatusUnchanged    Key = "status_unchanged"

	// personal access tokens
	Tokens        Key = "tokens"
	TokenCreated  Key = "token_created"
	TokenRevoked  Key = "token_revoked"
	TokensRevoked Key = "tokens_revoked"

	// API keys
	APIKeys           Key = "api_keys"
	APIKeyCreated     Key = "api_key_created"
	APIKeyRegenerated Key = "api_key_regenerated"
	APIKeyRevoked     Key = "api_key_revoked"
	APIDataTest       Key = "api_data_test"

	// two-factor authentication and the activity log
	TwoFactorChallenge   Key = "two_factor_challenge"
	TwoFactorSetup       Key = "two_factor_setup"
	TwoFactorEnabled     Key = "two_factor_enabled"
	TwoFactorDisabled    Key = "two_factor_disabled"
	RecoveryCodesRenewed Key = "recovery_codes_renewed"
	TwoFactorAlreadyOn   Key = "two_factor_already_on"
	TwoFactorNotOn       Key = "two_factor_not_on"
	TwoFactorNotStarted  Key = "two_factor_not_started"
	TwoFactorRequired    Key = "two_factor_required"
	InvalidChallenge     Key = "invalid_challenge"
	Activity             Key = "activity"

	// an expired or idle token of a real session (never for an unknown one)
	SessionExpired Key = "session_expired"
	// a session cookie sent by another site
	CrossSiteRefused Key = "cross_site_refused"

	// the strings of the web pages (GET /api/i18n)
	Translations Key = "translations"
)

// Plural messages: the number fills {count}.
const (
	MoreErrors Key = "more_errors" // "(and 2 more errors)" after a 422's first error
	Minutes    Key = "minutes"     // "60 minutes", in the mails
)

// Validation message keys, named after the ozzo-validation error codes
// they translate. "{field}" is the field name in words.
const (
	ValidationRequired       Key = "validation_required"
	ValidationLength         Key = "validation_length_out_of_range"
	ValidationTooLong        Key = "validation_length_too_long"
	ValidationTooShort       Key = "validation_length_too_short"
	ValidationEmail          Key = "validation_is_email"
	ValidationURL            Key = "validation_is_url"
	ValidationEmailTaken     Key = "validation_email_taken"
	ValidationConfirmation   Key = "validation_confirmation_mismatch"
	ValidationPassword       Key = "validation_invalid_password"
	ValidationAbility        Key = "validation_invalid_ability"
	ValidationAbilityAbove   Key = "validation_ability_not_held"
	ValidationAbilityKey     Key = "validation_ability_not_for_keys"
	ValidationDate           Key = "validation_invalid_date"
	ValidationDateFuture     Key = "validation_date_not_future"
	ValidationDateMax        Key = "validation_date_too_far"
	ValidationInvalid        Key = "validation_invalid_value"
	ValidationSameEmail      Key = "validation_same_email"
	ValidationSamePassword   Key = "validation_same_password"
	ValidationString         Key = "validation_not_a_string"
	ValidationPasswordBytes  Key = "validation_password_too_many_bytes"
	ValidationPasswordCommon Key = "validation_password_too_common"
	ValidationDateCreator    Key = "validation_date_after_creator"
	ValidationList           Key = "validation_not_a_list"
	ValidationStringList     Key = "validation_not_a_string_list"
	ValidationCode           Key = "validation_invalid_code"
	ValidationInteger        Key = "validation_not_an_integer"
	ValidationBetween        Key = "validation_number_out_of_range"
	ValidationIn             Key = "validation_in"
)

// Mail template keys. A mail is a subject, a greeting, lines before the
// button, the button's label and lines after it; hooks/mails.go renders the
// same parts as HTML and as plain text. "{name}", "{app}" and "{minutes}"
// are filled in at send time.
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
