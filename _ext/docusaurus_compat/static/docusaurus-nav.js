/*
 * Expands collapsed sidebar categories in place.
 *
 * Each page's sidebar holds only the top level and the current branch; a
 * collapsed category has furo's toggle and an empty <ul data-nav-children="route">.
 * The first time one is opened, its entries are read from the navigation file
 * of its top-level section (_static/docusaurus-nav/<data-nav-file>.json, written
 * once per build) and put into that list. Without JavaScript, the category's own link still
 * leads to its index page. Each toggle's aria-expanded follows its state.
 */
(() => {
  "use strict";

  const root = document.documentElement.dataset.content_root || "";
  const files = new Map();

  function load(key) {
    if (!files.has(key)) {
      // "no-cache": the browser asks whether the file changed (a 304 when it did not), so no
      // page needs to carry a version of the whole navigation
      const url = `${root}_static/docusaurus-nav/${encodeURIComponent(key)}.json`;
      const request = fetch(url, { cache: "no-cache" }).then((r) => {
        if (!r.ok) throw new Error(`navigation file: HTTP ${r.status}`);
        return r.json();
      });
      request.catch(() => files.delete(key));
      files.set(key, request);
    }
    return files.get(key);
  }

  let counter = 0;

  function entry(item, depth, data, key) {
    const li = document.createElement("li");
    li.className = `toctree-l${depth}`;
    // the site's own classes (className in its sidebars file), as words: never markup
    if (item.cl) li.classList.add(...String(item.cl).split(/\s+/).filter(Boolean));
    // a category without a page of its own is a label; a link entry goes where it says
    const link = document.createElement(item.u !== undefined || item.x ? "a" : "span");
    link.className = item.x ? "reference external" : "reference internal";
    // "./" keeps a route from ever being read as a URL scheme on the site's root page
    if (item.u !== undefined) link.href = (root || "./") + item.u;
    else if (item.x) link.href = item.x;
    if (item.i && data.icons[item.i]) {
      // icon markup comes from our own build (Font Awesome SVG files), never from page content
      const holder = document.createElement("template");
      holder.innerHTML = data.icons[item.i];
      link.append(holder.content);
    }
    link.append(document.createTextNode(item.l));
    li.append(link);
    if (item.c) {
      li.classList.add("has-children");
      counter += 1;
      const id = `toctree-checkbox-nav-${counter}`;
      const box = document.createElement("input");
      Object.assign(box, { type: "checkbox", id, name: id, className: "toctree-checkbox" });
      box.setAttribute("aria-label", `Toggle the collapsible sidebar category '${item.l}'`);
      box.setAttribute("aria-expanded", "false");
      const label = document.createElement("label");
      label.htmlFor = id;
      label.innerHTML = '<span class="icon"><svg><use href="#svg-arrow-right"></use></svg></span>';
      const list = document.createElement("ul");
      list.dataset.navChildren = item.k !== undefined ? item.k : item.u;
      list.dataset.navFile = key;
      li.append(box, label, list);
    }
    return li;
  }

  function fill(list) {
    if (list.dataset.navLoaded) return Promise.resolve();
    list.dataset.navLoaded = "loading";
    const depth = (list.closest("li") ? Number((list.closest("li").className.match(/toctree-l(\d+)/) || [0, 0])[1]) : 0) + 1;
    const key = list.dataset.navFile;
    return load(key).then((data) => {
      const items = data.nodes[list.dataset.navChildren] || [];
      list.replaceChildren(...items.map((item) => entry(item, depth, data, key)));
      list.dataset.navLoaded = "yes";
    }).catch(() => { delete list.dataset.navLoaded; });
  }

  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains("toctree-checkbox")) return;
    box.setAttribute("aria-expanded", String(box.checked));
    if (!box.checked) return;
    const list = box.parentElement.querySelector(":scope > ul[data-nav-children]");
    if (list && !list.children.length) fill(list);
  });
})();
