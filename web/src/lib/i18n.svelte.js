// Every string of the app comes from the appliance's catalogues
// (GET /api/i18n): the page_* messages, the field names and the languages.
// The language is ?lang= or the one the reader picked (kept in
// localStorage, which holds nothing secret), else Accept-Language.

export const i18n = $state({ lang: "", dir: "ltr", languages: [], messages: {}, ready: false });

const stored = () => new URLSearchParams(location.search).get("lang") || localStorage.getItem("lang") || "";

// t returns the message key in the current language, its {placeholders}
// filled from params.
export function t(key, params = {}) {
  const text = i18n.messages[key] ?? key;
  return text.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// load fetches the strings of lang ("" for the browser's choice).
export async function load(lang = stored()) {
  const res = await fetch("/api/i18n" + (lang ? "?lang=" + encodeURIComponent(lang) : ""), {
    headers: { Accept: "application/json" },
  });
  const data = (await res.json()).data;
  Object.assign(i18n, data, { ready: true });
  document.documentElement.lang = data.lang;
  document.documentElement.dir = data.dir;
}

// choose switches the language and remembers the choice.
export async function choose(lang) {
  localStorage.setItem("lang", lang);
  await load(lang);
}
