// A small history router: the app's paths are real URLs (API.md §13), so a
// mail link or a reload opens the right page.

export const route = $state({ path: location.pathname, query: new URLSearchParams(location.search) });

export function navigate(to, replace = false) {
  history[replace ? "replaceState" : "pushState"](null, "", to);
  sync();
}

function sync() {
  route.path = location.pathname;
  route.query = new URLSearchParams(location.search);
}

window.addEventListener("popstate", sync);

// link makes an <a> navigate inside the app.
export function link(node) {
  const onclick = (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(node.getAttribute("href"));
  };
  node.addEventListener("click", onclick);
  return { destroy: () => node.removeEventListener("click", onclick) };
}
