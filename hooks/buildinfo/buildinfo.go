// Package buildinfo says which build of the appliance is running. A
// release build stamps Version, Commit and Date with -ldflags -X; a plain
// `go build` of a git checkout still knows its commit and its time from
// the build information Go embeds (runtime/debug.ReadBuildInfo).
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Stamped at release build (scripts/release.sh):
//
//	-X github.com/authappliance/appliance/hooks/buildinfo.Version=v1.2.0
var (
	Version = ""
	Commit  = ""
	Date    = ""
)

// Info is what a build knows of itself.
type Info struct {
	Version, Commit, Date string
	Modified              bool // built from a checkout with uncommitted changes
}

// Read returns the stamped values, completed from Go's build information.
func Read() Info {
	info := Info{Version: Version, Commit: Commit, Date: Date}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if info.Commit == "" {
					info.Commit = s.Value
				}
			case "vcs.time":
				if info.Date == "" {
					info.Date = s.Value
				}
			case "vcs.modified":
				info.Modified = s.Value == "true" && Commit == ""
			}
		}
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
	}
	if info.Version == "" {
		info.Version = "dev"
	}
	return info
}

// String is the line of `appliance --version`.
func (i Info) String() string {
	commit := i.Commit
	switch {
	case commit == "":
		commit = "unknown commit (built without version control information)"
	case len(commit) > 12:
		commit = commit[:12]
	}
	if i.Modified {
		commit += " with uncommitted changes"
	}
	date := i.Date
	if date == "" {
		date = "unknown"
	}
	return fmt.Sprintf("%s (commit %s, built %s, %s %s/%s)", i.Version, commit, date, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
