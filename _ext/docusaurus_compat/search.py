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

from .routes import route_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SCORER = Path(__file__).parent / "static" / "docusaurus-search-results.js"
ROUTES_FILE = "docusaurus-search-routes.js"


def _use_our_scorer(app: Sphinx, config: Config) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def search_routes(app: Sphinx) -> dict[str, str]:
    """docname -> the folder Sphinx's directory-builder search links need ("index" is the root)."""
    return {doc: route.rstrip("/") or "index" for doc, route in route_table(app.env).routes.items()}


def _write_routes(app: Sphinx) -> list:
    # html-collect-pages: after the documents, before the search page is rendered
    if app.builder.name == "html" and app.builder.search:
        data = json.dumps(search_routes(app), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        target = Path(app.outdir) / "_static" / ROUTES_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"window.DOCUSAURUS_SEARCH_ROUTES = {data};\n", encoding="utf-8")
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
