package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Two-factor authentication (API.md §11). The users collection keeps the
// TOTP secret encrypted (AES-GCM under a server key held outside the row),
// the recovery codes as SHA-256 hashes, and the last accepted time step (a
// code is never accepted twice); all three are hidden. A superuser turns a
// user's two-factor off by unticking two_factor_enabled. Sign-ins waiting
// for their code live in two_factor_challenges, superuser only.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(
			&core.BoolField{Name: "two_factor_enabled", Help: "Untick to turn the user's two-factor off (their secret and recovery codes are erased). Only the user can turn it on."},
			&core.TextField{Name: "two_factor_secret", Hidden: true, Max: 512},
			&core.JSONField{Name: "two_factor_recovery_codes", Hidden: true, MaxSize: 4096},
			&core.NumberField{Name: "two_factor_last_step", Hidden: true, OnlyInt: true},
		)
		if err := app.Save(users); err != nil {
			return err
		}

		challenges := core.NewBaseCollection("two_factor_challenges")
		challenges.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, CascadeDelete: true, MaxSelect: 1, Required: true},
			&core.TextField{Name: "challenge_hash", Hidden: true, Required: true, Max: 128},
			&core.NumberField{Name: "failures", OnlyInt: true, Min: ptr(0)},
			&core.TextField{Name: "device_name", Max: 255},
			&core.DateField{Name: "expires_at", Required: true},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		challenges.AddIndex("idx_two_factor_challenges_hash", true, "challenge_hash", "")
		challenges.AddIndex("idx_two_factor_challenges_expires", false, "expires_at", "")
		if err := app.Save(challenges); err != nil {
			return err
		}

		settings, err := app.FindCollectionByNameOrId("appliance_settings")
		if err != nil {
			return err
		}
		settings.Fields.Add(&core.BoolField{Name: "require_two_factor",
			Help: "Every account must use two-factor: until a user turns it on, their sign-in only lets them set it up."})
		return app.Save(settings)
	}, func(app core.App) error {
		challenges, err := app.FindCollectionByNameOrId("two_factor_challenges")
		if err != nil {
			return err
		}
		if err := app.Delete(challenges); err != nil {
			return err
		}
		settings, err := app.FindCollectionByNameOrId("appliance_settings")
		if err != nil {
			return err
		}
		settings.Fields.RemoveByName("require_two_factor")
		if err := app.Save(settings); err != nil {
			return err
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		for _, name := range []string{"two_factor_enabled", "two_factor_secret", "two_factor_recovery_codes", "two_factor_last_step"} {
			users.Fields.RemoveByName(name)
		}
		return app.Save(users)
	})
}
