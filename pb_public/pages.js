// Pages opened from the appliance's mails. They only read their own query
// string and call the appliance's /api routes. The Content-Security-Policy
// allows no inline script: each page names itself in <body data-page>.
//
// Every string comes from the appliance's catalogues (GET /api/i18n): an
// element with data-i18n="key" shows that message. The language is ?lang=,
// else the browser's Accept-Language; the switcher changes it in place.

let lang = new URLSearchParams(location.search).get("lang") || "";
let strings = {};

// t returns a page string of the current language.
function t(key) {
  return strings[key] || key;
}

// withLang adds ?lang= to an /api URL when the reader chose a language.
function withLang(url) {
  return lang ? url + (url.includes("?") ? "&" : "?") + "lang=" + encodeURIComponent(lang) : url;
}

// loadStrings fetches the page strings and renders the static ones.
async function loadStrings() {
  const res = await fetch(withLang("/api/i18n"), { headers: { Accept: "application/json" } });
  const body = await res.json();
  const data = body.data;
  strings = data.messages;
  lang = data.lang;
  document.documentElement.lang = data.lang;
  document.documentElement.dir = data.dir;
  document.querySelectorAll("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  const select = document.getElementById("lang");
  if (select && select.options.length === 0) {
    for (const l of data.languages) {
      const option = new Option(l.name, l.code);
      option.lang = l.code;
      select.add(option);
    }
    select.addEventListener("change", async () => {
      lang = select.value;
      await loadStrings();
      rerender();
    });
  }
  if (select) select.value = data.lang;
}

// linkResults are the outcomes the API may send a browser here with
// (?result=<catalogue key>); any other value shows the generic failure, so
// the page never prints text taken from its URL.
const linkResults = {
  email_verified: true,
  already_verified: true,
  new_email_verified: true,
  invalid_link: false,
  email_taken: false,
};

// rerender redraws what a page computed, after a language change.
let rerender = () => {};

// showResult renders the outcome of a verification link.
function showResult() {
  const key = new URLSearchParams(location.search).get("result");
  const known = Object.hasOwn(linkResults, key);
  const ok = known && linkResults[key];
  // the API's own sentence for the outcome, in the page's language
  const text = known ? t(key) : t("page_link_unchecked");
  const el = document.getElementById("message");
  el.textContent = text;
  el.className = ok ? "ok" : "bad";
  document.getElementById("title").textContent = ok ? t("page_all_set") : t("page_link_wrong");
  rerender = showResult;
}

// resetPasswordForm posts the new password to POST /api/password/reset/{token}.
function resetPasswordForm() {
  const q = new URLSearchParams(location.search);
  const token = q.get("token") || "";
  // keep the token out of the address bar, the history and any Referer
  history.replaceState(null, "", location.pathname + (lang ? "?lang=" + encodeURIComponent(lang) : ""));
  const form = document.getElementById("reset");
  const message = document.getElementById("message");
  form.email.value = q.get("email") || "";
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    form.querySelectorAll(".field-error").forEach((el) => (el.textContent = ""));
    message.textContent = "";
    const button = document.getElementById("submit");
    button.disabled = true;
    try {
      const res = await fetch(withLang("/api/password/reset/" + encodeURIComponent(token)), {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({
          email: form.email.value,
          token: token,
          password: form.password.value,
          password_confirmation: form.password_confirmation.value,
        }),
      });
      const body = await res.json();
      message.textContent = body.message;
      message.className = body.success ? "ok" : "bad";
      if (body.success) form.hidden = true;
      if (body.errors && !Array.isArray(body.errors)) {
        for (const [field, texts] of Object.entries(body.errors)) {
          const el = form.querySelector(`[data-for="${field}"]`);
          if (el) el.textContent = texts.join(" ");
        }
      }
    } catch (err) {
      message.textContent = t("page_unreachable");
      message.className = "bad";
    } finally {
      button.disabled = false;
    }
  });
}

const pages = { "verify-email": showResult, "reset-password": resetPasswordForm };

(async () => {
  try {
    await loadStrings();
  } catch (err) {
    // the English text of the HTML stays
  }
  const page = pages[document.body.dataset.page];
  if (page) page();
})();
