// Pages opened from the appliance's mails. They only read their own query
// string and call the appliance's /api routes.

// showResult renders the outcome the API put in the query string when it
// sent a browser here after a verification link.
function showResult() {
  const q = new URLSearchParams(location.search);
  const el = document.getElementById("message");
  el.textContent = q.get("message") || "This link could not be checked.";
  el.className = q.get("status") === "success" ? "ok" : "bad";
  document.getElementById("title").textContent =
    q.get("status") === "success" ? "All set" : "Something is wrong with this link";
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
