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

import hashlib
import os
import pickle
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.search import IndexBuilder
from sphinx.util import logging

from .generated_root import write_if_changed
from .search_chunks import FORMAT, PageTerms, SearchPage, Tokenizer
from .search_index import IndexState, build_state, page_files, shared_files
from .search_records import changed_records, forget_changes, load_record, prune_records, store_record
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


def _keep_record(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    # at html-page-context, as the page is written: under -j in the writing processes, in parallel
    if doctree is not None and pagename in app.env.all_docs and _searching(app):
        store_record(app, doctree, pagename, tokenizer_for(app))


_TOKENIZERS: weakref.WeakKeyDictionary[Sphinx, Tokenizer] = weakref.WeakKeyDictionary()


def tokenizer_for(app: Sphinx) -> Tokenizer:
    """The site language's stemmer and stopwords, as Sphinx's own index uses them (one per build:
    it keeps every word's term)."""
    tokenizer = _TOKENIZERS.get(app)
    if tokenizer is None:
        builder = app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)
        if builder.indexer is not None:
            lang = builder.indexer.lang
        else:  # a page resolved before Sphinx made its indexer: the language it will use
            config = app.config
            lang = IndexBuilder(app.env, config.html_search_language or config.language,
                                config.html_search_options, config.html_search_scorer).lang
        tokenizer = _TOKENIZERS[app] = Tokenizer(stem=lang.stem, stopwords=frozenset(lang.stopwords))
    return tokenizer


STATE = "search-index.pickle"
"""In the doctree folder: the :class:`IndexState` the index was last written from, and a digest
of each file written. Removed while the index is being written, so that a build that stops
half-way leaves none (the next build then makes the index anew)."""


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _load_state(path: Path) -> tuple[IndexState, dict[str, bytes]] | None:
    try:
        with path.open("rb") as file:
            state, written = pickle.load(file)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
        return None
    if not isinstance(state, IndexState) or state.format != FORMAT or not isinstance(written, dict):
        return None
    return state, written


def _existing(root: Path) -> set[str]:
    """The files under the index folder, by their path under it."""
    found: set[str] = set()
    for folder, _subfolders, names in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        prefix = "" if relative == "." else relative + "/"
        found.update(prefix + name for name in names)
    return found


def _all_pages(
    app: Sphinx, docnames: list[str], urls: list[str], versions: list[str],
) -> tuple[list[SearchPage], list[PageTerms]]:
    """Every page's record and terms; a page without a record is reported and taken out of the lists."""
    pages: list[SearchPage] = []
    terms: list[PageTerms] = []
    keep: list[int] = []
    for number, (docname, url, version) in enumerate(zip(docnames, urls, versions, strict=True)):
        loaded = load_record(app.doctreedir, docname, url, version)
        if loaded is None:
            logger.warning(
                "%s has no search record: the page was not written by an HTML build; "
                "run a clean build (make clean html)", docname,
                type="docusaurus", subtype="search", location=docname,
            )
            continue
        pages.append(loaded[0])
        terms.append(loaded[1])
        keep.append(number)
    for values in (docnames, urls, versions):
        values[:] = [values[number] for number in keep]
    return pages, terms


def write_index(app: Sphinx) -> None:
    """Write ``_search/`` from the records of every page: only the terms of the pages whose record
    changed are re-made when the pages, their order and the average length are as before."""
    env = app.env
    model = site_model(env)
    routes = model.routes.routes
    version_of = model.versions.version_of if model.versions is not None else {}
    prune_records(app.doctreedir, set(env.all_docs))
    listed = sorted(
        (route.lstrip("/"), docname) for docname in env.all_docs if (route := routes.get(docname)) is not None
    )
    urls = [url for url, _docname in listed]
    docnames = [docname for _url, docname in listed]
    versions = [version_of.get(docname, "") for docname in docnames]
    root = Path(app.outdir) / INDEX_DIR
    state_path = Path(app.doctreedir) / STATE
    kept = _load_state(state_path)
    state_path.unlink(missing_ok=True)
    existing = _existing(root)

    texts: dict[str, str] | None = None
    written: dict[str, bytes] = {}
    if kept is not None and kept[0].docnames == docnames and kept[0].urls == urls:
        state, written = kept
        if set(written) <= existing:
            texts = _updated_files(app, state, docnames, versions)
    if texts is None:
        pages, terms = _all_pages(app, docnames, urls, versions)
        state = build_state(docnames, urls, terms)
        texts = shared_files(state, versions)
        for number, page in enumerate(pages):
            texts.update(page_files(number, page))
        written = {}  # nothing known of what the folder holds: compare with it
    expected = {name for name in texts if not name.startswith(("p/", "x/"))}
    expected.update(f"{kind}/{number}.json" for kind in ("p", "x") for number in range(len(docnames)))
    for name, text in texts.items():
        digest = _digest(text)
        if written.get(name) != digest or name not in existing:
            write_if_changed(root / name, text)
        written[name] = digest
    for stale in sorted(existing - expected):
        (root / stale).unlink()
    written = {name: digest for name, digest in written.items() if name in expected}
    forget_changes(app.doctreedir)
    state_path.parent.mkdir(parents=True, exist_ok=True)
    with state_path.open("wb") as file:
        pickle.dump((state, written), file, protocol=pickle.HIGHEST_PROTOCOL)


def _updated_files(app: Sphinx, state: IndexState, docnames: list[str], versions: list[str]) -> dict[str, str] | None:
    """The files that may have changed, after updating ``state`` for the changed records (None when
    the whole index must be made anew)."""
    number_of = {docname: number for number, docname in enumerate(docnames)}
    changes: dict[int, tuple[PageTerms, PageTerms]] = {}
    pages: dict[int, SearchPage] = {}
    for docname, old in changed_records(app.doctreedir).items():
        number = number_of.get(docname)
        if number is None:
            continue  # not a page of the index (no URL)
        loaded = load_record(app.doctreedir, docname, state.urls[number], versions[number])
        if old is None or loaded is None:
            return None
        pages[number], new = loaded
        changes[number] = (old, new)
    if not state.update(changes):
        return None
    texts = shared_files(state, versions)
    for number, page in pages.items():
        texts.update(page_files(number, page))
    return texts


def _finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and _searching(app):
        write_index(app)


def setup_search_dialog(app: Sphinx) -> None:
    """Keep each page's record, write the index when the build ends, load the dialog on every page."""
    app.add_js_file(SCRIPT, defer="defer")
    app.add_css_file(STYLES)
    app.connect("html-page-context", _keep_record)
    app.connect("build-finished", _finish)
