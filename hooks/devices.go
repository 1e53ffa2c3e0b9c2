package hooks

import (
	"github.com/mileusna/useragent"
	"github.com/pocketbase/pocketbase/core"

	"github.com/authappliance/appliance/hooks/model"
)

// maxUserAgent bounds the stored User-Agent.
const maxUserAgent = 512

// detectDevice reads the device attributes of a request with a maintained
// User-Agent parser, and the client IP as PocketBase resolves it (trusted
// proxy headers as configured). name is the client's device_name, else a
// label such as "Firefox on Linux".
func detectDevice(e *core.RequestEvent, clientName string) (name string, attrs model.DeviceAttributes) {
	raw := e.Request.UserAgent()
	if len(raw) > maxUserAgent {
		raw = raw[:maxUserAgent]
	}
	ua := useragent.Parse(raw)

	attrs = model.DeviceAttributes{
		Browser:   ua.Name,
		Platform:  ua.OS,
		IPAddress: e.RealIP(),
		UserAgent: raw,
	}
	switch {
	case ua.Device != "":
		attrs.DeviceName = ua.Device
	case ua.Bot:
		attrs.DeviceName = "Bot"
	case ua.Tablet:
		attrs.DeviceName = "Tablet"
	case ua.Mobile:
		attrs.DeviceName = "Mobile"
	default:
		attrs.DeviceName = "Desktop"
	}

	name = clientName
	if name == "" {
		name = deviceLabel(ua)
	}
	return name, attrs
}

func deviceLabel(ua useragent.UserAgent) string {
	switch {
	case ua.Name != "" && ua.OS != "":
		return ua.Name + " on " + ua.OS
	case ua.Name != "":
		return ua.Name
	case ua.OS != "":
		return "Unknown browser on " + ua.OS
	}
	return "Unknown device"
}
