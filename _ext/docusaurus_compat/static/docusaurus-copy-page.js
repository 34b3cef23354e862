/* "Copy page": copies the page's Markdown copy (the file beside it, <page>.md) to the clipboard.
 * The button is rendered hidden; this script shows it, so that without JavaScript (or without
 * a clipboard) no dead button is shown: the "View as Markdown" link beside it still works.
 * The result is announced in the polite live region next to it, and the label comes back. */
(function () {
  "use strict";
  var RESTORE_AFTER_MS = 2000;

  function setUp(box) {
    var button = box.querySelector(".docusaurus-copy-page-button");
    var status = box.querySelector(".docusaurus-copy-page-status");
    if (!button || !status || !navigator.clipboard || !window.fetch) return;
    var label = button.textContent;
    var timer = null;

    function say(message) {
      button.textContent = message;
      status.textContent = message;
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () {
        button.textContent = label;
        status.textContent = "";
        timer = null;
      }, RESTORE_AFTER_MS);
    }

    button.addEventListener("click", function () {
      var url = new URL(button.getAttribute("data-markdown"), document.baseURI).href;
      button.setAttribute("aria-busy", "true");
      fetch(url, { cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.text();
        })
        .then(function (text) { return navigator.clipboard.writeText(text); })
        .then(function () { say("Copied"); }, function () { say("Copy failed"); })
        .then(function () { button.removeAttribute("aria-busy"); });
    });
    button.hidden = false;
  }

  function start() {
    document.querySelectorAll(".docusaurus-copy-page").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
