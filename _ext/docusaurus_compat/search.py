"""Search as Docusaurus readers know it, on Sphinx's own offline index.

* Ctrl+K / Cmd+K and ``/`` focus the search box (``_static/docusaurus-search-keys.js``).
* Ranking: a page whose title holds every query word comes first, then sections whose
  heading does, then full-text matches; and result links that go to each page's route
  (``docusaurus-search-results.js``, installed as ``html_search_scorer`` unless
  ``conf.py`` sets its own, with ``_static/docusaurus-search-routes.js``, the
  docname -> route map, which only the search page loads).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from .site_model import site_model

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SCORER = Path(__file__).parent / "static" / "docusaurus-search-results.js"
ROUTES_FILE = "docusaurus-search-routes.js"


class KeptIndexFormat:
    """Sphinx's ``searchindex.js`` format, keeping what it last read: Sphinx's ``load_indexer``
    reads the previous index, and :func:`restore_index_entries` needs it too (a second read and
    parse of a file of megabytes took most of a second at 2,000 pages)."""

    def __init__(self, base: Any) -> None:
        self.base = base
        self.last: Any = None

    def load(self, stream: Any) -> Any:
        self.last = self.base.load(stream)
        return self.last

    def loads(self, text: str) -> Any:
        self.last = self.base.loads(text)
        return self.last

    def dump(self, data: Any, stream: Any) -> None:
        self.base.dump(data, stream)

    def dumps(self, data: Any) -> str:
        return self.base.dumps(data)


def restore_index_entries(builder: Any, keep: set[str]) -> None:
    """Give the documents not rewritten this build their index entries from ``searchindex.js``.

    Sphinx's ``IndexBuilder.load`` restores words and titles from the previous index but
    not the index entries (our tag entries): it keeps those in the environment, which is
    pickled before pages are written, so after an incremental build only the rewritten
    pages kept theirs. The frozen form is lossless for what is written again (entries are
    lower-cased there and when written).
    """
    indexer = builder.indexer
    frozen = builder.indexer_format.last if isinstance(builder.indexer_format, KeptIndexFormat) else None
    if frozen is None:
        try:
            path = Path(builder.outdir) / builder.searchindex_filename
            frozen = builder.indexer_format.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # Sphinx has warned that the index will be incomplete
    if not isinstance(frozen, dict) or frozen.get("envversion") != indexer._env_version:
        return
    names = frozen.get("docnames", [])
    restored: dict[str, set[tuple[str, str, str]]] = {docname: set() for docname in keep}
    for entry, references in frozen.get("indexentries", {}).items():
        for index, target_id, main in references:
            if 0 <= index < len(names) and names[index] in restored:
                restored[names[index]].add((entry, target_id, "main" if main else ""))
    entries = indexer._index_entries  # private: Sphinx 9 keeps no public handle on them
    for docname, found in restored.items():
        entries[docname] = sorted(found)


def tidy_search_index(indexer: Any, docnames: set[str]) -> None:
    """Make an incrementally updated index the one a clean build writes.

    Sphinx's pruning leaves words whose pages are all gone (``"word": []``) and the
    index entries of removed pages, and lists entries in the order pages were last
    written; a clean build has no empty words and lists them in page order.
    """
    indexer.prune(docnames)
    # a generated page (the root of a tree without one) has its source in the build folder:
    # the index names it as the page it is, not by a path that depends on where the build ran
    for docname, filename in list(indexer._filenames.items()):
        if Path(filename).is_absolute():
            indexer._filenames[docname] = f"{docname}{Path(filename).suffix}"
    for mapping in (indexer._mapping, indexer._title_mapping):
        for word in [word for word, pages in mapping.items() if not pages]:
            del mapping[word]
    entries = indexer._index_entries
    ordered = {docname: entries[docname] for docname in sorted(entries) if docname in docnames}
    entries.clear()
    entries.update(ordered)


def _use_our_scorer(app: Sphinx, config: Config) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def search_routes(app: Sphinx) -> dict[str, str]:
    """docname -> the folder Sphinx's directory-builder search links need ("index" is the root)."""
    return {doc: route.rstrip("/") or "index" for doc, route in site_model(app.env).routes.routes.items()}


def _write_routes(app: Sphinx) -> list:
    # html-collect-pages: after the documents, before the search page is rendered
    builder = app.builder
    if isinstance(builder, StandaloneHTMLBuilder) and builder.name == "html" and builder.search:
        data = json.dumps(search_routes(app), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        text = f"window.DOCUSAURUS_SEARCH_ROUTES = {data};\n"
        versions = site_model(app.env).versions
        if versions is not None:  # a whole site: each page's docs version, for contextual search
            by_page = json.dumps(versions.version_of, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            text += f"window.DOCUSAURUS_SEARCH_VERSIONS = {by_page};\n"
        target = Path(app.outdir) / "_static" / ROUTES_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return []


def _load_routes_on_search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == "search" and app.builder.name == "html":
        app.add_js_file(ROUTES_FILE)  # this page only: Sphinx resets page-level files after each page


def setup_search(app: Sphinx) -> None:
    """Load the shortcut script on every page (the static folder is added by the sidebar); rank titles first."""
    app.add_js_file("docusaurus-search-keys.js", defer="defer")
    app.connect("config-inited", _use_our_scorer)
    app.connect("html-collect-pages", _write_routes)
    app.connect("html-page-context", _load_routes_on_search_page)
