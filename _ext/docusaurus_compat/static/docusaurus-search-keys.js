/*
 * On a whole Docusaurus site a search form searches its page's docs version: the
 * form sends it along (the keys that open the search dialog are in
 * docusaurus-search-dialog.js).
 */
(() => {
  "use strict";
  const version = document.querySelector('meta[name="docsearch:version"]');
  if (version && version.content) {
    for (const form of document.querySelectorAll("form.sidebar-search-container, form[action$='search/']")) {
      if (form.querySelector("input[name='version']")) continue;
      const input = document.createElement("input");
      Object.assign(input, { type: "hidden", name: "version", value: version.content });
      form.append(input);
    }
  }
})();
