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
  // what the text filter searches: the row's cells without its OSV/CSAF links, and its aliases
  var texts = rows.map(function (row) {
    var parts = Array.prototype.map.call(row.querySelectorAll("td > p:not(.advisory-data)"), function (p) {
      return p.textContent;
    });
    var extra = [row.getAttribute("data-aliases"), row.getAttribute("data-package")].join(" ");
    return (parts.join(" ") + " " + extra).toLowerCase();
  });
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

  // one release (kind/product/deployment/version) must match every release filter at once;
  // a version matches the releases it affects (kind "a"), not those that fix it
  function releaseMatches(row, values) {
    if (!values.product && !values.deployment && !values.version) {
      return true;
    }
    return (row.getAttribute("data-releases") || "").split(" ").some(function (token) {
      var part = token.split("/");
      return part.length === 4
        && (!values.product || part[1] === values.product)
        && (!values.deployment || part[2] === values.deployment)
        && (!values.version || (part[0] === "a" && part[3] === values.version));
    });
  }

  function matches(row, text, values, words) {
    if (!releaseMatches(row, values)) {
      return false;
    }
    var others = ["severity", "status", "package"];
    for (var i = 0; i < others.length; i++) {
      if (values[others[i]] && row.getAttribute("data-" + others[i]) !== values[others[i]]) {
        return false;
      }
    }
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
    rows.forEach(function (row, index) {
      var show = matches(row, texts[index], values, words);
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
