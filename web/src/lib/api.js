import { i18n } from "./i18n.svelte.js";

// api calls the appliance's JSON API with the session cookie (same origin;
// the script never sees the token) and returns the envelope with the HTTP
// status. Answers come in the page's language.
export async function api(method, path, body) {
  const url = path + (path.includes("?") ? "&" : "?") + "lang=" + encodeURIComponent(i18n.lang || "en");
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch {
    return { status: 0, success: false, message: null, data: null, errors: [] };
  }
  const envelope = await res.json().catch(() => ({ success: false, message: null, data: null, errors: [] }));
  return { status: res.status, ...envelope };
}

// fieldErrors returns the errors object of a failed answer ({} when none).
export function fieldErrors(answer) {
  return answer && answer.errors && !Array.isArray(answer.errors) ? answer.errors : {};
}

// formatTime shows an API time in the reader's locale.
export function formatTime(iso) {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(i18n.lang || undefined);
}

// credentialBody is the body of a new token or key from its form: the
// abilities only when some are ticked (none: the API's default), the
// expiry only when one is set, in UTC.
export function credentialBody(form) {
  const body = { name: form.name };
  if (form.abilities.length) body.abilities = form.abilities;
  if (form.expires_at) body.expires_at = new Date(form.expires_at).toISOString();
  return body;
}
