/*
 * The top bar's controls that need JavaScript (_templates/docusaurus-navbar.html renders
 * them `hidden`; this script shows them).
 *
 * Colour mode: one button, named after the current mode, as Docusaurus's ColorModeToggle
 * (facebook/docusaurus, packages/docusaurus-theme-classic/src/theme/ColorModeToggle/index.tsx):
 * "Switch between dark and light mode (currently system mode)". Each click moves to the mode
 * that changes what the page looks like: system -> the opposite of the system's colours ->
 * the system's colours -> system (so system -> light -> dark -> system when the system is dark,
 * system -> dark -> light -> system when it is light), which is also furo's own cycle. The
 * state is furo's: localStorage "theme" ("auto" | "light" | "dark") and <body data-theme>,
 * which docusaurus-theme-init.js applies before the page is drawn.
 *
 * Phone menu: under furo's drawer width the top links fold behind one button, "Toggle
 * navigation bar" (Docusaurus's name, theme-classic Navbar/MobileSidebar/Toggle), with
 * aria-expanded. It opens furo's navigation drawer (its #__navigation checkbox), which shows
 * the top links above the sidebar; Escape, the overlay or leaving the drawer with Tab close
 * it, and Escape gives the focus back to the button.
 *
 * The search button is a link to the search page with role="button": Space presses it too
 * (the search dialog's own script handles the click).
 */
(() => {
  "use strict";

  const MODES = ["auto", "light", "dark"];
  const WORDS = { auto: "system", light: "light", dark: "dark" };

  function systemDark() {
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function currentMode() {
    const mode = document.body.dataset.theme;
    return MODES.includes(mode) ? mode : "auto";
  }

  function nextMode(mode) {
    if (mode === "auto") return systemDark() ? "light" : "dark";
    // the system's own colours -> system; otherwise the opposite
    if ((mode === "dark") === systemDark()) return "auto";
    return mode === "dark" ? "light" : "dark";
  }

  function showMode(button) {
    const label = `Switch between dark and light mode (currently ${WORDS[currentMode()]} mode)`;
    button.setAttribute("aria-label", label);
    button.title = label;
  }

  function setUpColorMode(button) {
    showMode(button);
    button.hidden = false;
    button.addEventListener("click", () => {
      const mode = nextMode(currentMode());
      document.body.dataset.theme = mode;
      localStorage.setItem("theme", mode);
      showMode(button);
    });
    // another tab changed it
    window.addEventListener("storage", (event) => {
      if (event.key !== "theme") return;
      document.body.dataset.theme = MODES.includes(event.newValue) ? event.newValue : "auto";
      showMode(button);
    });
  }

  function setUpMenu(toggle) {
    const box = document.getElementById("__navigation");
    const drawer = document.querySelector(".sidebar-drawer");
    if (!box || !drawer) return;
    drawer.id = drawer.id || "docusaurus-sidebar-drawer";
    toggle.setAttribute("aria-controls", drawer.id);
    toggle.hidden = false;
    const narrow = window.matchMedia("(max-width: 63em)"); // furo's drawer width

    function sync() {
      toggle.setAttribute("aria-expanded", String(box.checked));
    }
    function close(returnFocus) {
      if (!box.checked) return;
      box.checked = false;
      sync();
      if (returnFocus) toggle.focus();
    }
    toggle.addEventListener("click", () => {
      if (box.checked) {
        close(false);
        return;
      }
      box.checked = true;
      sync();
      const first = drawer.querySelector("a[href], input:not([type=hidden]), button");
      if (first) first.focus();
    });
    box.addEventListener("change", sync); // furo's overlay (a label) closes it too
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && box.checked && narrow.matches) close(true);
    });
    document.addEventListener("focusin", (event) => {
      if (box.checked && narrow.matches && !drawer.contains(event.target) && event.target !== toggle) close(false);
    });
    narrow.addEventListener("change", () => close(false));
  }

  function setUpSearchButton(link) {
    link.addEventListener("keydown", (event) => {
      if (event.key === " " && !event.repeat) {
        event.preventDefault();
        link.click();
      }
    });
  }

  const bar = document.querySelector("nav.docusaurus-navbar");
  if (!bar) return;
  const colorMode = bar.querySelector(".docusaurus-color-mode");
  if (colorMode) setUpColorMode(colorMode);
  const menu = bar.querySelector(".docusaurus-navbar-toggle");
  if (menu) setUpMenu(menu);
  for (const link of bar.querySelectorAll("a[role=button][data-docusaurus-search-open]")) setUpSearchButton(link);
})();
