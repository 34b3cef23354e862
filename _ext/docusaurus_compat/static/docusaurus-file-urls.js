/*
 * Pretty URLs from a file:// copy of the site.
 *
 * Pages link to folders ("security/"), which a web server answers with the
 * folder's index.html. Opened straight from disk there is no server, so here a
 * link or search form that points at a folder is sent to its index.html.
 * Nothing happens on http(s).
 */
(() => {
  "use strict";

  if (window.location.protocol !== "file:") return;

  function toIndex(url) {
    const target = new URL(url, window.location.href);
    if (target.protocol !== "file:" || !target.pathname.endsWith("/")) return null;
    target.pathname += "index.html";
    return target;
  }

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download")) return;
    const target = toIndex(link.href);
    if (!target) return;
    event.preventDefault();
    window.location.href = target.href;
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "get").toLowerCase() !== "get") return;
    const target = toIndex(form.action);
    if (!target) return;
    event.preventDefault();
    target.search = new URLSearchParams(new FormData(form)).toString();
    window.location.href = target.href;
  });
})();
