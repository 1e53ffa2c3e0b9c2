package i18n

// Message keys. The English texts the seed's clients already know
// (API.md §9) are kept word for word.
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
)

var english = map[Key]string{
	Unauthenticated:      "Unauthenticated.",
	Forbidden:            "You are not allowed to perform this action.",
	NotFound:             "The requested resource was not found.",
	MethodNotAllowed:     "This method is not allowed for this route.",
	PayloadTooLarge:      "The request body is too large.",
	TooManyRequests:      "You are making too many requests. Please try again in a minute.",
	ServerError:          "Something went wrong! Please try again.",
	InvalidBody:          "The request body could not be read. Send JSON or form data.",
	ValidationFailed:     "The given data was invalid.",
	BadRequest:           "The request could not be processed.",
	EmailNotVerified:     "Your email address is not verified.",
	AccountSuspended:     "Your account has been suspended.",
	AccountInactive:      "Your account is inactive. Reactivate it to continue.",
	MissingAbility:       "This credential does not have the ability to perform this action.",
	InvalidAPICredential: "Invalid or expired API credentials.",

	Registered:       "Account created successfully! Please check your email to verify your account.",
	LoginSuccessful:  "Login successful!",
	InvalidLogin:     "Invalid login details! Please try again with valid credentials.",
	LoggedOut:        "Logged out successfully!",
	LoggedOutAll:     "Logged out successfully from all devices!",
	Dashboard:        "Dashboard summary!",
	ActiveDevices:    "Active devices!",
	UserProfile:      "User profile details!",
	DeviceRevoked:    "Device logged out successfully!",
	OtherDevicesGone: "Logged out successfully from all other devices!",

	AlreadyVerified:      "This email address is already verified.",
	VerificationSent:     "An email verification link has been sent to your inbox. Please check your email and follow the instructions to complete the verification process.",
	EmailVerified:        "Your email has been successfully verified!",
	InvalidLink:          "Invalid or expired verification link.",
	ResetLinkSent:        "If an account exists with the provided email, a password reset link has been sent.",
	PasswordReset:        "Password updated successfully! You can now log in with your new password.",
	InvalidResetToken:    "This password reset token is invalid or has expired.",
	PasswordUpdated:      "Your password has been updated successfully.",
	ProfileUpdated:       "Profile updated successfully!",
	EmailChangeRequested: "Email updated. Please check your new inbox to verify the address.",
	NewEmailVerified:     "Email verified and updated successfully.",
	EmailTaken:           "This email address is no longer available.",

	AccountActivated:   "Account has been activated!",
	AccountReactivated: "Account has been reactivated!",
	AccountInactivated: "Account inactivated successfully!",
	AccountSuspendedOK: "Account suspended. Every credential has been revoked.",
	StatusUnchanged:    "This account status change is not allowed.",

	Tokens:        "All API tokens of the user!",
	TokenCreated:  "API token created successfully. Store this token securely as it will not be shown again.",
	TokenRevoked:  "API token revoked successfully!",
	TokensRevoked: "All API tokens revoked successfully!",

	APIKeys:           "All API keys of the user!",
	APIKeyCreated:     "API key created successfully. Store this token securely as it will not be shown again.",
	APIKeyRegenerated: "API key regenerated successfully!",
	APIKeyRevoked:     "API key revoked successfully!",
	APIDataTest:       "API key authenticated successfully!",

	TwoFactorChallenge:   "Enter the code from your authenticator app, or a recovery code, to finish signing in.",
	TwoFactorSetup:       "Add this secret to your authenticator app, then confirm it with a code to turn two-factor authentication on.",
	TwoFactorEnabled:     "Two-factor authentication is on. Store these recovery codes securely as they will not be shown again.",
	TwoFactorDisabled:    "Two-factor authentication is off.",
	RecoveryCodesRenewed: "New recovery codes generated. Store them securely as they will not be shown again; the old ones no longer work.",
	TwoFactorAlreadyOn:   "Two-factor authentication is already on.",
	TwoFactorNotOn:       "Two-factor authentication is not on.",
	TwoFactorNotStarted:  "Start the two-factor set-up first.",
	TwoFactorRequired:    "This appliance requires two-factor authentication. Turn it on to continue.",
	InvalidChallenge:     "This sign-in has expired or is not valid. Please sign in again.",
	Activity:             "Account activity!",

	ValidationRequired:       "The {field} field is required.",
	ValidationLength:         "The {field} field must be between {min} and {max} characters.",
	ValidationTooLong:        "The {field} field must not be greater than {max} characters.",
	ValidationTooShort:       "The {field} field must be at least {min} characters.",
	ValidationEmail:          "The {field} field must be a valid email address.",
	ValidationURL:            "The {field} field must be a valid URL.",
	ValidationEmailTaken:     "The {field} has already been taken.",
	ValidationConfirmation:   "The {field} field confirmation does not match.",
	ValidationPassword:       "The {field} is incorrect.",
	ValidationAbility:        "The {field} field must be a list of abilities made of [a-z0-9_.:-] or \"*\".",
	ValidationAbilityAbove:   "The {field} field asks for abilities this credential does not have.",
	ValidationAbilityKey:     "The {field} field asks for abilities an API key can never hold (account:write, tokens:*, keys:*).",
	ValidationDate:           "The {field} field must be a valid date.",
	ValidationDateFuture:     "The {field} field must be a date in the future.",
	ValidationDateMax:        "The {field} field must be a date within {max} days.",
	ValidationInvalid:        "The {field} field is invalid.",
	ValidationSameEmail:      "The {field} field must be different from your current email.",
	ValidationSamePassword:   "The {field} field must be different from your current password.",
	ValidationString:         "The {field} field must be a string.",
	ValidationPasswordBytes:  "The {field} field is too long: a password may take at most 72 bytes, and letters outside English take 2 to 4 bytes each.",
	ValidationPasswordCommon: "This password is too common. Choose another.",
	ValidationDateCreator:    "The {field} field must not be later than {date}, when the credential making this request expires.",
	ValidationList:           "The {field} field must be a list.",
	ValidationStringList:     "The {field} field must be a list of strings.",
	ValidationCode:           "The {field} is invalid or has already been used.",
	ValidationInteger:        "The {field} field must be a whole number.",
	ValidationBetween:        "The {field} field must be between {min} and {max}.",
}
