import { api } from "./api.js";

// session holds the signed-in user (null when signed out). The token
// itself lives in an httpOnly cookie that no script can read. A session
// the API refuses with 403 (an unverified email, a suspension) is still a
// session: `refusal` holds the API's message, and the app shows it with a
// way forward.
export const session = $state({ user: null, refusal: null, checked: false });

export async function refresh() {
  const answer = await api("GET", "/api/account");
  session.user = answer.status === 200 ? answer.data : null;
  session.refusal = answer.status === 403 ? answer.message : null;
  session.checked = true;
  return session.user;
}

export async function signOut() {
  await api("DELETE", "/api/session");
  session.user = null;
  session.refusal = null;
}
