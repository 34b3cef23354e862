/*
 * The search dialog (_ext/docusaurus_compat/search_dialog.py).
 *
 * Ctrl+K, Cmd+K, "/" or any [data-docusaurus-search-open] control opens a modal
 * <dialog>; results come as the reader types, one group per page with its matching
 * sections and snippets whose matched words are marked. Arrow keys move through
 * them (the input is an ARIA combobox over a listbox), Enter opens one, Esc closes
 * and gives focus back to what had it. Results the reader opened are kept in
 * localStorage as recent searches. "See all results" goes to Sphinx's search page.
 *
 * The index (_search/, written by search_chunks.py) is fetched in pieces: meta.json
 * when the dialog first opens, then only the postings chunks of the query's terms,
 * the vocabulary shard of the word being typed, and the pages shown. Words are
 * stemmed with Sphinx's Stemmer from language_data.js, as the index was.
 *
 * Ranking: pages that hold every query term first; among them a page whose title is
 * exactly the query, then pages whose title holds every term, then by BM25 with
 * headings lifted. No eval, no inline code or style: it runs under the site's
 * Content-Security-Policy.
 */
(() => {
  "use strict";

  const ROOT = document.documentElement.dataset.content_root ?? "";
  const INDEX = new URL(`${ROOT}_search/`, document.baseURI);
  const RECENT_KEY = "docusaurus-search-recent";
  const MAX_PAGES = 6; // one request each: within the 6 connections a browser opens to a host over HTTP/1.1
  const MAX_SECTIONS = 3;
  const COMPLETIONS = 4;
  const SNIPPET = 150;
  const PAUSE_MS = 120; // the sections' text is fetched once typing pauses this long
  const WORD = /[\p{L}\p{N}_]+/gu;
  // starts only where a run of word characters starts (else a long "word" costs quadratic time)
  const COMPOUND = /(?<![\p{L}\p{N}_])[\p{L}\p{N}_]+(?:[-.][\p{L}\p{N}_]+)+/gu;
  const DIGITS = /^\d+$/;
  // a whole Docusaurus site: search the docs version being read, as its contextual search does
  const VERSION = document.querySelector('meta[name="docsearch:version"]')?.content ?? "";

  /* ---- the index ------------------------------------------------------------ */

  const fetched = new Map();
  const arrived = new Map(); // the files already here, for a render that must not wait
  function json(path) {
    if (!fetched.has(path)) {
      const request = fetch(new URL(path, INDEX)).then((response) => {
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        return response.json();
      }).then((data) => {
        arrived.set(path, data);
        return data;
      });
      request.catch(() => fetched.delete(path)); // a failed file may be asked for again
      fetched.set(path, request);
    }
    return fetched.get(path);
  }

  let language = null;
  function loadLanguage() {
    // Sphinx's stemmer and stopwords; the search page has them already
    language ??= new Promise((resolve) => {
      const ready = () => resolve({
        stemmer: typeof Stemmer === "function" ? new Stemmer() : { stemWord: (word) => word },
        stop: window.stopwords instanceof Set ? window.stopwords : new Set(),
      });
      if (typeof Stemmer === "function") return ready();
      const script = document.createElement("script");
      script.src = `${ROOT}_static/language_data.js`;
      script.addEventListener("load", ready);
      script.addEventListener("error", ready);
      document.head.append(script);
    });
    return language;
  }

  // search_chunks.digits: base-32 digits, most significant first; 32-63 mark "more follow"
  const DIGIT_VALUE = new Map([..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"]
    .map((character, value) => [character, value]));
  function undigits(text) {
    const numbers = [];
    let value = 0;
    for (const character of text) {
      const place = DIGIT_VALUE.get(character);
      value = value * 32 + (place & 31);
      if (place < 32) {
        numbers.push(value);
        value = 0;
      }
    }
    return numbers;
  }

  const decoded = new Map();
  async function metaFile() {
    const meta = await json("meta.json");
    if (typeof meta.titleTerms === "string") meta.titleTerms = undigits(meta.titleTerms);
    return meta;
  }

  const shardName = (prefix) => [...prefix].map((c) => c.codePointAt(0).toString(16)).join("-");

  function chunkOf(meta, term) {
    // the last chunk whose first term is <= term (chunks hold terms in code-point order)
    let low = 0;
    let high = meta.chunks.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (meta.chunks[middle] <= term) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  async function postings(meta, term) {
    const chunk = chunkOf(meta, term);
    if (chunk < 0) return null;
    const path = `t/${chunk}.json`;
    const table = await json(path);
    if (!Object.hasOwn(table, term)) return null;
    const key = `${path} ${term}`;
    if (!decoded.has(key)) decoded.set(key, undigits(table[term]));
    return decoded.get(key);
  }

  // word -> term for the whole visit: snippets stem every word of the results' text
  const terms = new Map();

  class Query {
    constructor(text, lang) {
      this.lang = lang;
      this.cache = terms;
      const lowered = text.toLowerCase();
      const typing = !/\s$/.test(text);
      const words = [...lowered.matchAll(WORD)];
      const compounds = [...lowered.matchAll(COMPOUND)].filter((m) => m[0].length <= 40);
      const inCompound = (m) => compounds.some((c) => m.index >= c.index && m.index < c.index + c[0].length);
      const last = words.length ? words[words.length - 1] : null;
      const lastEnd = last ? last.index + last[0].length : -1;
      this.units = [];
      for (const c of compounds) {
        const parts = words.filter((w) => w.index >= c.index && w.index < c.index + c[0].length);
        this.units.push({
          term: c[0],
          prefix: typing && c.index + c[0].length === lastEnd ? c[0] : "",
          parts: parts.map((w) => this.unitOf(w[0], typing && w === last)).filter(Boolean),
        });
      }
      for (const w of words) {
        if (inCompound(w)) continue;
        const unit = this.unitOf(w[0], typing && w === last);
        if (unit) this.units.push(unit);
      }
      // the distinct terms as the index counts a title's terms (words and compounds)
      this.termCount = new Set([
        ...words.map((w) => this.term(w[0])).filter(Boolean),
        ...compounds.map((c) => c[0]),
      ]).size;
    }

    term(word) {
      if (this.cache.has(word)) return this.cache.get(word);
      let term;
      if (word.length > 40 || this.lang.stop.has(word) || (word.length < 2 && !DIGITS.test(word))) term = "";
      else if (DIGITS.test(word)) term = word;
      else term = this.lang.stemmer.stemWord(word).toLowerCase() || word;
      this.cache.set(word, term);
      return term;
    }

    unitOf(word, unfinished) {
      const term = this.term(word);
      const prefix = unfinished && word.length >= 2 && !this.lang.stop.has(word) ? word : "";
      return term || prefix ? { term, prefix, parts: [] } : null;
    }
  }

  let shardSets = null;
  async function completions(prefix) {
    // the terms of the most frequent words that start with the prefix, from the longest
    // vocabulary shard that covers it (a split shard's own file holds only its top words)
    if (prefix.length < 2) return [];
    const meta = await json("meta.json");
    const wanted = prefix.length === 2 ? 2 : prefix.length === 3 ? 3 : COMPLETIONS;
    // the most frequent words come with meta.json: when enough of them start with the prefix,
    // they are its most frequent completions (every word not listed is rarer)
    const local = [];
    for (const [word, term] of meta.top || []) {
      if (word.startsWith(prefix) && !local.includes(term || word)) local.push(term || word);
      if (local.length === wanted) return local;
    }
    shardSets ??= { all: new Set(meta.vocab), heads: new Set(meta.vocabHeads || []) };
    let shard = "";
    let length = Math.min(prefix.length, 5);
    for (; length >= 2 && !shard; length--) {
      const name = shardName(prefix.slice(0, length));
      if (shardSets.all.has(name)) shard = name;
    }
    if (!shard || (shardSets.heads.has(shard) && prefix.length > length + 1)) return [];
    const words = await json(`v/${shard}.json`);
    const terms = [];
    for (const [word, term] of words) {
      if (!word.startsWith(prefix)) continue;
      const target = term || word;
      if (!terms.includes(target)) terms.push(target);
      if (terms.length === wanted) break;
    }
    return terms;
  }

  const idf = (pages, frequency) => Math.log(1 + (pages - frequency + 0.5) / (frequency + 0.5));

  async function alternatives(meta, unit) {
    // [term, factor, postings] that can stand for one unit of the query, fetched together
    const [exact, completed] = await Promise.all([
      unit.term ? postings(meta, unit.term) : null,
      unit.prefix ? completions(unit.prefix) : [],
    ]);
    const others = completed.filter((term) => term !== unit.term);
    const refs = await Promise.all(others.map((term) => postings(meta, term)));
    const found = exact ? [[unit.term, 1, exact]] : [];
    others.forEach((term, i) => {
      if (refs[i]) found.push([term, exact ? 0.5 : 0.9, refs[i]]);
    });
    return found;
  }

  async function rank(text) {
    const [meta, lang] = await Promise.all([metaFile(), loadLanguage()]);
    const query = new Query(text, lang);
    let units = query.units;
    // a compound the index does not know ("kube-api") is searched as its words
    const first = await Promise.all(units.map((unit) => alternatives(meta, unit)));
    const expanded = [];
    for (const [i, unit] of units.entries()) {
      if (first[i].length || !unit.parts.length) expanded.push([unit, first[i]]);
      else {
        const parts = await Promise.all(unit.parts.map((part) => alternatives(meta, part)));
        unit.parts.forEach((part, j) => expanded.push([part, parts[j]]));
      }
    }
    units = expanded.filter(([, found]) => found.length);
    const scores = new Map();
    const matched = new Set();
    for (const [, found] of units) {
      // a completion of a word the index knows counts no more than the word itself
      const exactIdf = found[0][1] === 1 ? idf(meta.pages, found[0][2].length / 2) : Infinity;
      const best = new Map();
      for (const [term, factor, refs] of found) {
        matched.add(term);
        const weight = Math.min(idf(meta.pages, refs.length / 2), exactIdf) * factor;
        let page = 0;
        for (let i = 0; i < refs.length; i += 2) {
          page += refs[i];
          const value = refs[i + 1];
          const inTitle = value & 1;
          const score = weight * ((value >> 2) / 3 + (value & 2 ? 1.5 : 0) + (inTitle ? 1.5 : 0));
          const hit = best.get(page) ?? { score: 0, inTitle: 0, exact: 0 };
          hit.score = Math.max(hit.score, score);
          hit.inTitle |= inTitle;
          hit.exact |= inTitle && factor === 1;
          best.set(page, hit);
        }
      }
      for (const [page, hit] of best) {
        const entry = scores.get(page) ?? { page, score: 0, units: 0, title: 0, exact: 0 };
        entry.score += hit.score;
        entry.units += 1;
        entry.title += hit.inTitle;
        entry.exact += hit.exact;
        scores.set(page, entry);
      }
    }
    const wanted = expanded.length;
    const version = meta.versionOf && VERSION ? meta.versions.indexOf(VERSION) + 1 : 0;
    const inVersion = (entry) => !version || !meta.versionOf[entry.page] || meta.versionOf[entry.page] === version;
    const results = [...scores.values()].filter(inVersion).map((entry) => ({
      ...entry,
      exactTitle: entry.exact === wanted && meta.titleTerms[entry.page] === query.termCount,
      allInTitle: entry.title === wanted,
    }));
    results.sort((a, b) =>
      b.units - a.units ||
      (b.exactTitle - a.exactTitle) ||
      (b.allInTitle - a.allInTitle) ||
      b.score - a.score ||
      a.page - b.page);
    return { query, results, matched, total: results.filter((r) => r.units === wanted).length || results.length };
  }

  /* ---- snippets ------------------------------------------------------------- */

  function matcher(found) {
    const prefixes = found.query.units.flatMap((u) => [u.prefix, ...u.parts.map((p) => p.prefix)]).filter(Boolean);
    return (word) => {
      const lowered = word.toLowerCase();
      return found.matched.has(lowered) || found.matched.has(found.query.term(lowered)) ||
        prefixes.some((prefix) => lowered.startsWith(prefix));
    };
  }

  function hits(text, isMatch) {
    const spans = [];
    for (const m of text.matchAll(COMPOUND)) if (isMatch(m[0])) spans.push([m.index, m.index + m[0].length]);
    for (const m of text.matchAll(WORD)) if (isMatch(m[0])) spans.push([m.index, m.index + m[0].length]);
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const span of spans) {
      const previous = merged[merged.length - 1];
      if (previous && span[0] <= previous[1]) previous[1] = Math.max(previous[1], span[1]);
      else merged.push([...span]);
    }
    return merged;
  }

  function marked(text, spans, into) {
    // text with its matched words in <mark>, built as nodes: no HTML is parsed
    let at = 0;
    for (const [start, end] of spans) {
      into.append(text.slice(at, start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      into.append(mark);
      at = end;
    }
    into.append(text.slice(at));
    return into;
  }

  function snippet(text, isMatch) {
    const element = document.createElement("span");
    element.className = "docusaurus-search-snippet";
    const spans = hits(text, isMatch);
    let start = 0;
    if (spans.length) start = Math.max(0, spans[0][0] - 40);
    if (start > 0) {
      const space = text.indexOf(" ", start);
      start = space >= 0 && space < spans[0][0] ? space + 1 : start;
    }
    let end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start + SNIPPET / 2) end = space;
    }
    const window = spans.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start]);
    if (start > 0) element.append("… ");
    marked(text.slice(start, end), window, element);
    if (end < text.length) element.append(" …");
    return element;
  }

  /* ---- the dialog ----------------------------------------------------------- */

  let dialog = null;
  let input = null;
  let listbox = null;
  let status = null;
  let allLink = null;
  let clearRecent = null;
  let opener = null;
  let generation = 0;
  let pauseTimer = 0;
  let options = [];
  let active = -1;

  function searchPage() {
    const link = document.querySelector("a[data-docusaurus-search-open][href]");
    if (link) return link.getAttribute("href");
    const form = document.querySelector("form.sidebar-search-container[action]");
    return form ? form.getAttribute("action") : `${ROOT}search.html`;
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function build() {
    const label = element("label", { for: "docusaurus-search-input", class: "visually-hidden" }, "Search the documentation");
    input = element("input", {
      id: "docusaurus-search-input", name: "q", type: "search", role: "combobox",
      "aria-expanded": "false", "aria-controls": "docusaurus-search-listbox", "aria-autocomplete": "list",
      autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "search",
      placeholder: "Search docs", maxlength: "200",
    });
    const close = element("button", { type: "button", class: "docusaurus-search-close" }, "Cancel");
    const form = element("form", { role: "search", action: searchPage(), method: "get", class: "docusaurus-search-form" },
      label, input, close);
    listbox = element("div", { id: "docusaurus-search-listbox", role: "listbox", "aria-label": "Search results" });
    status = element("p", { role: "status", class: "docusaurus-search-status", "aria-live": "polite" });
    allLink = element("a", { class: "docusaurus-search-all", href: searchPage() }, "See all results");
    clearRecent = element("button", { type: "button", class: "docusaurus-search-clear", hidden: "" }, "Clear recent searches");
    const keys = element("p", { class: "docusaurus-search-keys", "aria-hidden": "true" },
      element("kbd", {}, "↑"), element("kbd", {}, "↓"), " to move, ", element("kbd", {}, "Enter"), " to open, ",
      element("kbd", {}, "Esc"), " to close");
    const footer = element("div", { class: "docusaurus-search-footer" }, allLink, clearRecent, keys);
    dialog = element("dialog", { class: "docusaurus-search-dialog", "aria-label": "Search" },
      form, element("div", { class: "docusaurus-search-results", role: "region", "aria-label": "Results", tabindex: "0" },
        status, listbox), footer);
    document.body.append(dialog);

    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      if (opener && document.contains(opener)) opener.focus();
      opener = null;
    });
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
    input.addEventListener("input", () => update());
    input.addEventListener("keydown", onKey);
    form.addEventListener("submit", (event) => {
      if (active >= 0) {
        event.preventDefault();
        go(options[active]);
      } else remember(input.value.trim(), null);
    });
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) remember(input.value.trim(), option);
    });
    clearRecent.addEventListener("click", () => {
      try {
        localStorage.removeItem(RECENT_KEY);
      } catch {
        /* storage is off: nothing was kept */
      }
      update();
      input.focus();
    });
  }

  function open(from) {
    if (!dialog) build();
    if (dialog.open) return;
    opener = from ?? document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    json("meta.json").catch(() => {}); // start fetching while the reader types
    loadLanguage();
    update();
  }

  function setActive(index) {
    if (options[active]) options[active].setAttribute("aria-selected", "false");
    active = options.length ? (index + options.length) % options.length : -1;
    if (active >= 0) {
      const option = options[active];
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  function onKey(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      setActive(active < 0 && event.key === "ArrowUp" ? -1 : active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Home" && event.ctrlKey) {
      setActive(0);
    } else if (event.key === "End" && event.ctrlKey) {
      setActive(options.length - 1);
    }
  }

  function go(option) {
    option.click(); // a real click: the listbox remembers it, and a file:// copy rewrites folder links
  }

  function recent() {
    try {
      const kept = JSON.parse(localStorage.getItem(RECENT_KEY) || "[]");
      return Array.isArray(kept) ? kept.filter((r) => r && typeof r.url === "string" && typeof r.title === "string") : [];
    } catch {
      return [];
    }
  }

  function remember(query, option) {
    if (!query && !option) return;
    const entry = option
      ? { query, title: option.dataset.title || option.textContent.trim(), url: option.getAttribute("href") }
      : { query, title: query, url: `${searchPage()}?q=${encodeURIComponent(query)}` };
    entry.url = new URL(entry.url, document.baseURI).pathname + new URL(entry.url, document.baseURI).search +
      new URL(entry.url, document.baseURI).hash;
    const kept = [entry, ...recent().filter((r) => r.url !== entry.url)].slice(0, 5);
    try {
      localStorage.setItem(RECENT_KEY, JSON.stringify(kept));
    } catch {
      /* storage is off: nothing is kept */
    }
  }

  function show(groups, message, keepActive = false) {
    const was = active;
    listbox.replaceChildren(...groups);
    options = [...listbox.querySelectorAll("[role=option]")];
    options.forEach((option, index) => {
      option.id = `docusaurus-search-option-${index}`;
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1;
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    input.setAttribute("aria-expanded", options.length ? "true" : "false");
    listbox.hidden = !options.length;
    if (status.textContent !== message) status.textContent = message;
    if (options.length && input.value.trim()) setActive(keepActive && was >= 0 ? Math.min(was, options.length - 1) : 0);
  }

  function option(href, title, detail, kind) {
    const link = element("a", { href, role: "option", class: `docusaurus-search-option docusaurus-search-${kind}` });
    link.dataset.title = title;
    link.append(element("span", { class: "docusaurus-search-title" }, ...(Array.isArray(title) ? title : [title])));
    if (detail) link.append(detail);
    return link;
  }

  function showRecent() {
    const kept = recent();
    clearRecent.hidden = !kept.length;
    allLink.hidden = true;
    if (!kept.length) return show([], "");
    const group = element("div", { role: "group", "aria-labelledby": "docusaurus-search-recent" },
      element("p", { id: "docusaurus-search-recent", class: "docusaurus-search-group" }, "Recent searches"));
    for (const item of kept) {
      const detail = item.query && item.query !== item.title
        ? element("span", { class: "docusaurus-search-snippet" }, `Searched for “${item.query}”`) : null;
      group.append(option(item.url, item.title, detail, "recent"));
    }
    show([group], `${kept.length} recent ${kept.length === 1 ? "search" : "searches"}`);
  }

  async function update() {
    const text = input.value;
    const mine = ++generation;
    allLink.href = `${searchPage()}?q=${encodeURIComponent(text.trim())}` +
      (VERSION ? `&version=${encodeURIComponent(VERSION)}` : "");
    if (!text.trim()) {
      listbox.setAttribute("aria-busy", "false");
      return showRecent();
    }
    clearRecent.hidden = true;
    allLink.hidden = false;
    let found;
    let pages;
    let top;
    try {
      found = await rank(text);
      top = found.results.slice(0, MAX_PAGES);
      pages = await Promise.all(top.map((result) => json(`p/${result.page}.json`)));
    } catch (error) {
      // a copy opened from disk cannot fetch the index: the search page still works there
      if (mine === generation) show([], "Press Enter to see the results on the search page.");
      return;
    }
    if (mine !== generation) return; // a later keystroke has its own results coming
    const isMatch = matcher(found);
    const count = found.total;
    const message = count ? `${count} ${count === 1 ? "page" : "pages"} found` : `No results for “${text.trim()}”`;
    const render = (texts, keepActive) => show(
      pages.map((page, index) => resultGroup(page, texts[index], index, isMatch)), message, keepActive);
    const paths = top.map((result) => `x/${result.page}.json`);
    render(paths.map((path) => arrived.get(path)), false);
    const done = paths.every((path) => arrived.has(path));
    listbox.setAttribute("aria-busy", done ? "false" : "true"); // snippets are still coming
    if (done) return;
    // headings and titles now; the sections' text (for snippets) when the reader stops typing
    window.clearTimeout(pauseTimer);
    pauseTimer = window.setTimeout(async () => {
      if (mine !== generation) return;
      try {
        const texts = await Promise.all(paths.map((path) => json(path)));
        if (mine === generation) render(texts, true);
      } catch {
        /* snippets stay the opening lines */
      }
      if (mine === generation) listbox.setAttribute("aria-busy", "false");
    }, PAUSE_MS);
  }

  function resultGroup(page, texts, index, isMatch) {
    const href = ROOT + page.u;
    const id = `docusaurus-search-group-${index}`;
    const sections = page.s.map(([heading, anchor], i) => {
      const text = texts ? texts[i] || "" : "";
      return { heading, anchor, text, inHeading: hits(heading, isMatch).length, inText: hits(text, isMatch).length };
    });
    const opening = sections.find((s) => !s.anchor && s.text) ??
      { text: page.x || "", inHeading: 0, inText: hits(page.x || "", isMatch).length };
    const matching = sections.filter((s) => s.anchor && (s.inHeading || s.inText))
      .sort((a, b) => b.inHeading - a.inHeading || b.inText - a.inText)
      .slice(0, MAX_SECTIONS)
      .sort((a, b) => sections.indexOf(a) - sections.indexOf(b));
    const group = element("div", { role: "group", "aria-labelledby": id, class: "docusaurus-search-page" });
    const heading = element("p", { id, class: "docusaurus-search-group" });
    marked(page.t, hits(page.t, isMatch), heading);
    group.append(heading);
    const best = opening.inText || !matching.length ? opening : matching[0];
    group.append(option(href, page.t, best.text ? snippet(best.text, isMatch) : null, "page"));
    for (const section of matching) {
      const title = marked(section.heading, hits(section.heading, isMatch), document.createDocumentFragment());
      const detail = section.text ? snippet(section.text, isMatch) : null;
      const link = option(`${href}#${section.anchor}`, [...title.childNodes], detail, "section");
      link.dataset.title = `${section.heading} – ${page.t}`;
      group.append(link);
    }
    return group;
  }

  /* ---- opening it ----------------------------------------------------------- */

  const typingIn = (target) =>
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

  window.addEventListener("keydown", (event) => {
    const key = event.key.toLowerCase();
    const shortcut = (event.ctrlKey || event.metaKey) && !event.altKey && key === "k";
    const slash = key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target);
    if (!shortcut && !slash) return;
    if (dialog && dialog.open) {
      if (shortcut) {
        event.preventDefault();
        dialog.close();
      }
      return;
    }
    event.preventDefault();
    event.stopPropagation(); // Sphinx's own "/" shortcut would focus the sidebar's box
    open(document.activeElement);
  }, true);

  document.addEventListener("click", (event) => {
    const control = event.target.closest("[data-docusaurus-search-open]");
    if (!control || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    open(control);
  });

  // the engine, for the ranking test and the benchmark: ranked page URLs for a query
  window.DocusaurusSearch = {
    open: () => open(document.activeElement),
    async rank(text) {
      const found = await rank(text);
      const urls = await Promise.all(found.results.slice(0, 10).map((r) => json(`p/${r.page}.json`)));
      return urls.map((page) => page.u);
    },
  };
})();
