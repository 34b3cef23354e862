"""The HTML builder that writes every page at its Docusaurus URL (``<route>/index.html``).

Routes come from the site model; the 404 page (sphinx-notfound-page's, a
generated page) is written at ``/404.html`` and links from the site root, so
it works at any depth. The search index of an incremental build is made the
one a clean build writes (:mod:`.search`).
"""

from __future__ import annotations

import functools
from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from .search import KeptIndexFormat, restore_index_entries, tidy_search_index
from .site_model import site_model
from .url_policy import is_not_found_page, site_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class PrettyURLHTMLBuilder(DirectoryHTMLBuilder):
    """HTML with Docusaurus URLs: every page is ``<route>/index.html``."""

    name = "html"

    def _route(self, docname: str) -> str | None:
        return site_model(self.env).routes.routes.get(docname)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        route = self._route(docname)
        if route is None:
            if is_not_found_page(self.config, self.env.all_docs, docname):
                return f"{docname}{self.out_suffix}"
            return super().get_target_uri(docname, typ)
        return route

    def get_output_path(self, page_name: str, /) -> Path:
        route = self._route(page_name)
        if route is None:
            if is_not_found_page(self.config, self.env.all_docs, page_name):
                return Path(self.outdir, f"{page_name}{self.out_suffix}")
            return super().get_output_path(page_name)
        return Path(self.outdir, *route.split("/")[:-1], f"index{self.out_suffix}")

    # The search index of an incremental build must be the one a clean build writes.
    def load_indexer(self, docnames: Set[str]) -> None:
        # Sphinx stems every word of every page, with no memory of words it has met: at 2,000
        # pages of 9,000 distinct words that is over a million calls of the Snowball stemmer
        assert self.indexer is not None
        self.indexer.lang.stem = functools.cache(self.indexer.lang.stem)  # type: ignore[method-assign]
        self.indexer_format = KeptIndexFormat(type(self).indexer_format)
        super().load_indexer(docnames)
        restore_index_entries(self, set(self.env.all_docs).difference(docnames))
        self.indexer_format.last = None  # megabytes: not kept past this

    def dump_search_index(self) -> None:
        if self.indexer is not None:
            tidy_search_index(self.indexer, set(self.env.all_docs))
        super().dump_search_index()


def page_href(app: Sphinx, pagename: str, docname: str) -> str:
    """A link from one page to another: relative, except on the 404 page (from the site root)."""
    if is_not_found_page(app.config, app.env.all_docs, pagename):
        return site_root(app.config).rstrip("/") + "/" + app.builder.get_target_uri(docname)
    return app.builder.get_relative_uri(pagename, docname)


def _absolute_root_on_404(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if is_not_found_page(app.config, app.env.all_docs, pagename):
        # scripts (search, sidebar) find _static/ and the index from here, at any depth
        context["content_root"] = site_root(app.config)
        context["pageurl"] = None  # no canonical URL: it answers for every missing address


def setup_html_builder(app: Sphinx) -> None:
    """Make ``-b html`` write Docusaurus URLs."""
    app.connect("html-page-context", _absolute_root_on_404, priority=600)  # after furo sets pageurl
    # folder links from a file:// copy (no web server) go to the folder's index.html
    app.add_js_file("docusaurus-file-urls.js", defer="defer")
    app.add_builder(PrettyURLHTMLBuilder, override=True)
