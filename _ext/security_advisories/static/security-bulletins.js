/* Security bulletins index: filter the table by the form's fields, kept in the URL's query string.
 * Without this script the form stays hidden and the whole table shows. No eval, no inline code:
 * it runs under the site's Content-Security-Policy (script-src 'self'). */
(function () {
  "use strict";
  var form = document.getElementById("advisory-filters");
  var table = document.getElementById("security-bulletins-table");
  if (!form || !table || !window.URLSearchParams) {
    return;
  }
  var FIELDS = ["product", "deployment", "version", "severity", "status", "package"];
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-status]"));
  var count = form.querySelector(".advisory-count");

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var value = params.get(name) || "";
      form.elements[name].value = hasOption(form.elements[name], value) ? value : "";
    });
    form.elements.q.value = params.get("q") || "";
  }

  function wanted() {
    var values = {};
    FIELDS.forEach(function (name) {
      values[name] = form.elements[name].value;
    });
    values.q = form.elements.q.value.trim();
    return values;
  }

  function matches(row, values, words) {
    for (var i = 0; i < FIELDS.length; i++) {
      var name = FIELDS[i];
      if (!values[name]) {
        continue;
      }
      var have = name === "package" ? [row.getAttribute("data-package")] : (row.getAttribute("data-" + name) || "").split(" ");
      if (have.indexOf(values[name]) < 0) {
        return false;
      }
    }
    var text = (row.textContent + " " + (row.getAttribute("data-aliases") || "")).toLowerCase();
    return words.every(function (word) {
      return text.indexOf(word) >= 0;
    });
  }

  function writeUrl(values) {
    var params = new URLSearchParams(window.location.search);
    FIELDS.concat(["q"]).forEach(function (name) {
      if (values[name]) {
        params.set(name, values[name]);
      } else {
        params.delete(name);
      }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", url);
    }
  }

  function apply() {
    var values = wanted();
    var words = values.q.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var show = matches(row, values, words);
      row.hidden = !show;
      shown += show ? 1 : 0;
    });
    count.textContent = shown === rows.length
      ? "Showing all " + rows.length + " bulletins."
      : "Showing " + shown + " of " + rows.length + " bulletins.";
    writeUrl(values);
  }

  form.hidden = false;
  readUrl();
  apply();
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0); // the fields are cleared after the event
  });
  window.addEventListener("popstate", function () {
    readUrl();
    apply();
  });
})();
