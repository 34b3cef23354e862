/*
 * Search results: the page a reader is looking for first, at its real URL.
 *
 * Links. Sphinx's search page links a result to "<docname>.html", or for a
 * directory builder to "<docname>/"; our pages live at their Docusaurus routes
 * ("security/security" is "security/"). The routes are in
 * _static/docusaurus-search-routes.js, loaded on the search page only; when the
 * index arrives its document names are swapped for route folders, which
 * Sphinx's directory-builder branch then turns into the right links.
 *
 * Ranking.
 * Sphinx's index scores a word in any heading the same, so a page that merely
 * has an "Encryption" section can outrank the page titled "Data Encryption".
 * Here a result is lifted by what its title says about the query:
 *   1. a page whose own title holds every query word (an exact title first, then a
 *      title that holds the whole query as written, numbers included: an identifier
 *      such as "CVE-2023-44487", whose numbers Sphinx does not index, finds its page);
 *   2. a section whose heading holds every query word;
 *   3. everything else, in Sphinx's order.
 * Words are compared after stemming (Sphinx's Stemmer, so "vulnerabilities"
 * finds "Vulnerability"), and a query word may be the start of a title word
 * ("encrypt" finds "Encryption"). Sphinx puts this file into language_data.js,
 * after its Stemmer and searchtools.js; the Scorer defaults below are Sphinx's own.
 */
/*
 * Versions. On a whole Docusaurus site each page's search box sends its docs
 * version (?version=<plugin>/<name>, from the page's docsearch:version meta tag),
 * and results come from that version and from pages outside any version only,
 * as Docusaurus's contextual search gives them; without the parameter every
 * version is searched.
 */
function keepVersion(index, versions, wanted) {
  const kept = new Set();
  index.docnames.forEach((name, i) => {
    if (!(name in versions) || versions[name] === wanted) kept.add(i);
  });
  const only = (refs) => {
    if (typeof refs === "number") return kept.has(refs) ? refs : [];
    return refs.filter((ref) => kept.has(Array.isArray(ref) ? ref[0] : ref));
  };
  for (const table of [index.terms, index.titleterms]) {
    for (const word of Object.keys(table || {})) table[word] = only(table[word]);
  }
  for (const table of [index.alltitles, index.indexentries]) {
    for (const key of Object.keys(table || {})) table[key] = only(table[key]);
  }
}

if (typeof Search !== "undefined" && window.DOCUSAURUS_SEARCH_ROUTES) {
  const routes = window.DOCUSAURUS_SEARCH_ROUTES;
  const versions = window.DOCUSAURUS_SEARCH_VERSIONS || {};
  const wanted = new URLSearchParams(window.location.search).get("version");
  const setIndex = Search.setIndex;
  Search.setIndex = (index) => {
    if (wanted) keepVersion(index, versions, wanted);
    index.docnames = index.docnames.map((name) => routes[name] ?? name);
    DOCUMENTATION_OPTIONS.BUILDER = "dirhtml";
    setIndex(index);
  };
}

var Scorer = (() => {
  "use strict";

  const PAGE_TITLE = 1000;
  const EXACT_TITLE = 200;
  const PHRASE_IN_TITLE = 150;
  const SECTION_TITLE = 500;
  const stemmer = typeof Stemmer === "function" ? new Stemmer() : { stemWord: (w) => w };
  const cache = { query: null, words: [], phrase: "" };

  const wordsOf = (text) =>
    text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);

  function queryWords() {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    if (query !== cache.query) {
      const stop = window.stopwords || new Set();
      cache.query = query;
      cache.phrase = wordsOf(query).join(" ");
      cache.words = wordsOf(query)
        .filter((w) => !stop.has(w) && !/^\d+$/.test(w))
        .map((w) => stemmer.stemWord(w));
    }
    return cache.words;
  }

  function holdsEvery(title, words) {
    const stems = wordsOf(title).map((w) => [w, stemmer.stemWord(w)]);
    return words.every((q) => stems.some(([w, s]) => s === q || w.startsWith(q)));
  }

  return {
    score: (result) => {
      const [, title, anchor, , score] = result;
      const words = queryWords();
      if (!words.length || !title) return score;
      const cut = title.indexOf(" > ");
      const page = cut === -1 ? title : title.slice(0, cut);
      if (!anchor && holdsEvery(page, words)) {
        const titleWords = wordsOf(page).join(" ");
        if (titleWords === cache.phrase) return score + PAGE_TITLE + EXACT_TITLE;
        const holdsPhrase = cache.phrase && ` ${titleWords} `.includes(` ${cache.phrase} `);
        return score + PAGE_TITLE + (holdsPhrase ? PHRASE_IN_TITLE : 0);
      }
      if (anchor && cut !== -1 && holdsEvery(title.slice(cut + 3), words)) return score + SECTION_TITLE;
      return score;
    },
    objNameMatch: 11,
    objPartialMatch: 6,
    objPrio: { 0: 15, 1: 5, 2: -5 },
    objPrioDefault: 0,
    title: 15,
    partialTitle: 7,
    term: 5,
    partialTerm: 2,
  };
})();
