// Pages opened from the appliance's mails. They only read their own query
// string and call the appliance's /api routes. The Content-Security-Policy
// allows no inline script: each page names itself in <body data-page>.

// linkResults are the outcomes the API may send a browser here with
// (?result=<catalogue key>); any other value shows the generic failure, so
// the page never prints text taken from its URL.
const linkResults = {
  email_verified: { ok: true, text: "Your email has been successfully verified!" },
  already_verified: { ok: true, text: "This email address is already verified." },
  new_email_verified: { ok: true, text: "Email verified and updated successfully." },
  invalid_link: { ok: false, text: "Invalid or expired verification link." },
  email_taken: { ok: false, text: "This email address is no longer available." },
};

// showResult renders the outcome of a verification link.
function showResult() {
  const key = new URLSearchParams(location.search).get("result");
  const result = Object.hasOwn(linkResults, key)
    ? linkResults[key]
    : { ok: false, text: "This link could not be checked." };
  const el = document.getElementById("message");
  el.textContent = result.text;
  el.className = result.ok ? "ok" : "bad";
  document.getElementById("title").textContent = result.ok ? "All set" : "Something is wrong with this link";
}

// resetPasswordForm posts the new password to POST /api/password/reset/{token}.
function resetPasswordForm() {
  const q = new URLSearchParams(location.search);
  const token = q.get("token") || "";
  // keep the token out of the address bar, the history and any Referer
  history.replaceState(null, "", location.pathname);
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
      const res = await fetch("/api/password/reset/" + encodeURIComponent(token), {
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
      message.textContent = "The server could not be reached. Please try again.";
      message.className = "bad";
    } finally {
      button.disabled = false;
    }
  });
}

const pages = { "verify-email": showResult, "reset-password": resetPasswordForm };
const page = pages[document.body.dataset.page];
if (page) page();
