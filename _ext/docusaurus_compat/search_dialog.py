"""The search dialog: Ctrl+K, Cmd+K, ``/`` or the top bar's Search button open it.

Results come as the reader types, grouped by page with the matching sections, from
the chunked index of :mod:`.search_chunks` written to ``_search/`` when the build
ends (``html``/``dirhtml``). Records of each page are kept by :mod:`.search_records`.
The dialog is ``static/docusaurus-search-dialog.js`` (its styles in
``docusaurus-search-dialog.css``); it loads Sphinx's ``language_data.js`` for the
stemmer and stopwords when first opened. Sphinx's own search page stays, and is
where the dialog's "See all results" link and the no-JavaScript search form go.

Files in ``_search/`` that this build did not write are removed, and a file is
written only when its text changed, so an incremental build leaves the index a
clean build writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from .generated_root import write_if_changed
from .search_chunks import Tokenizer, index_files
from .search_records import load_record, prune_records, store_record
from .site_model import site_model

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

INDEX_DIR = "_search"
BUILDERS = ("html", "dirhtml")
SCRIPT = "docusaurus-search-dialog.js"
STYLES = "docusaurus-search-dialog.css"


def _searching(app: Sphinx) -> bool:
    builder = app.builder
    return isinstance(builder, StandaloneHTMLBuilder) and builder.name in BUILDERS and bool(builder.search)


def _keep_record(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if _searching(app):
        store_record(app, doctree, docname)


def tokenizer_for(app: Sphinx) -> Tokenizer:
    """The site language's stemmer and stopwords, as Sphinx's own index uses them."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    lang = builder.indexer.lang if builder.indexer is not None else None
    if lang is None:
        return Tokenizer(stem=lambda word: word)
    return Tokenizer(stem=lang.stem, stopwords=frozenset(lang.stopwords))


def write_index(app: Sphinx) -> dict[str, str]:
    """Write ``_search/`` from the records of every page; returns the files written, by path."""
    env = app.env
    model = site_model(env)
    routes = model.routes.routes
    version_of = model.versions.version_of if model.versions is not None else {}
    docnames = set(env.all_docs)
    prune_records(app.doctreedir, docnames)
    pages = []
    for docname in sorted(docnames):
        route = routes.get(docname)
        if route is None:
            continue
        record = load_record(app.doctreedir, docname, route.lstrip("/"), version_of.get(docname, ""))
        if record is None:
            logger.warning(
                "%s has no search record: the page was not written by an HTML build; "
                "run a clean build (make clean html)", docname,
                type="docusaurus", subtype="search", location=docname,
            )
            continue
        pages.append(record)
    files = index_files(pages, tokenizer_for(app))
    root = Path(app.outdir) / INDEX_DIR
    for relative, text in files.items():
        write_if_changed(root / relative, text)
    for stale in sorted(root.rglob("*")):
        if stale.is_file() and stale.relative_to(root).as_posix() not in files:
            stale.unlink()
    return files


def _finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and _searching(app):
        write_index(app)


def setup_search_dialog(app: Sphinx) -> None:
    """Keep each page's record, write the index when the build ends, load the dialog on every page."""
    app.add_js_file(SCRIPT, defer="defer")
    app.add_css_file(STYLES)
    app.connect("doctree-resolved", _keep_record)
    app.connect("build-finished", _finish)
