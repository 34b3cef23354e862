/*
 * Ctrl+K / Cmd+K focuses the search box from anywhere, as on the Docusaurus
 * site ("/" already does, through Sphinx's own shortcut). On narrow screens the
 * navigation drawer that holds the box is opened first.
 */
(() => {
  "use strict";
  // a whole Docusaurus site: the search box searches this page's docs version
  const version = document.querySelector('meta[name="docsearch:version"]');
  if (version && version.content) {
    for (const form of document.querySelectorAll("form.sidebar-search-container, form[action$='search/']")) {
      if (form.querySelector("input[name='version']")) continue;
      const input = document.createElement("input");
      Object.assign(input, { type: "hidden", name: "version", value: version.content });
      form.append(input);
    }
  }
  document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "k") return;
    const box = document.querySelector(".sidebar-drawer input[name='q']");
    if (!box) return;
    event.preventDefault();
    const drawer = document.getElementById("__navigation");
    if (drawer && box.offsetParent === null) drawer.checked = true;
    box.focus();
    box.select();
  });
})();
