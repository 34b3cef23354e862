"""Page URLs as Docusaurus gives them, and the HTML builder that writes them.

``security/core-principles.md`` is served at ``/security/core-principles/``
(from ``security/core-principles/index.html``); a folder's index page
(``index.md``, ``README.md`` or ``<folder>/<folder>.md``) at the folder's URL;
``slug`` and ``id`` in front matter change the URL as in Docusaurus.

The route table is computed once per build, at ``env-updated``, from the
typed front matter in the environment.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from .page_meta import PageMeta, pages_of
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

INDEX_NAMES = ("index", "readme")


def folder_of(docname: str) -> str:
    """``"a/b/c"`` -> ``"a/b"``; top-level documents -> ``""``."""
    return posixpath.dirname(docname)


def is_folder_index(docname: str) -> bool:
    """``x/index``, ``x/README`` and ``x/x`` (number prefixes aside) stand for their folder."""
    parts = [number_prefix(part)[1].lower() for part in docname.split("/")]
    return parts[-1] in INDEX_NAMES or (len(parts) >= 2 and parts[-1] == parts[-2])


_NUMBER_PREFIX = re.compile(r"^(?P<number>\d+)\s*[-_.]+\s*(?P<rest>[^-_.\s].*)$")
_VERSION_LIKE = re.compile(r"^\d+\.\d+")


def number_prefix(segment: str) -> tuple[int | None, str]:
    """Docusaurus number prefixes: ``"05-core-principles"`` -> ``(5, "core-principles")``.

    Version-like names (``"09.5-security"``, ``"1.2-notes"``) keep their digits.
    """
    match = _NUMBER_PREFIX.match(segment)
    if not match or _VERSION_LIKE.match(segment):
        return None, segment
    return int(match.group("number")), match.group("rest")


def strip_number_prefixes(path: str) -> str:
    """Remove number prefixes from every segment of a path."""
    return "/".join(number_prefix(segment)[1] for segment in path.split("/"))


def default_route(docname: str, root_doc: str) -> str:
    """The URL path (no leading slash, trailing slash) a document gets without ``slug``/``id``."""
    if docname == root_doc:
        return ""
    if is_folder_index(docname):
        folder = strip_number_prefixes(folder_of(docname))
        return f"{folder}/" if folder else ""
    return f"{strip_number_prefixes(docname)}/"


def page_route(docname: str, meta: PageMeta, root_doc: str) -> str:
    """The URL path of a document, honouring ``slug`` and ``id``."""
    if meta.slug is not None:
        slug = meta.slug.strip()
        if slug.startswith("/"):
            path = posixpath.normpath(slug).strip("/")
        else:
            path = posixpath.normpath(posixpath.join(folder_of(docname), slug)).strip("/")
            path = "" if path == "." else path
        return f"{path}/" if path else ""
    if meta.doc_id and docname != root_doc and not is_folder_index(docname):
        folder = folder_of(docname)
        return f"{folder}/{meta.doc_id.strip('/')}/" if folder else f"{meta.doc_id.strip('/')}/"
    return default_route(docname, root_doc)


def doc_id(docname: str, meta: PageMeta) -> str:
    """The Docusaurus document id (folder + ``id`` or file name), as used by pagination keys."""
    if meta.doc_id:
        folder = folder_of(docname)
        return f"{folder}/{meta.doc_id}" if folder else meta.doc_id
    return docname


@dataclasses.dataclass
class RouteTable:
    """docname -> URL path, and back; plus Docusaurus ids."""

    routes: dict[str, str] = dataclasses.field(default_factory=dict)
    by_route: dict[str, str] = dataclasses.field(default_factory=dict)
    by_id: dict[str, str] = dataclasses.field(default_factory=dict)

    def find(self, path: str) -> str | None:
        """The document served at a site path such as ``/security/lifecycle/``."""
        key = path.strip("/")
        return self.by_route.get(f"{key}/" if key else "")


def build_route_table(env: BuildEnvironment) -> RouteTable:
    """Compute every document's URL; warn (and keep the first) when two collide."""
    table = RouteTable()
    pages = pages_of(env)
    root_doc = env.config.root_doc
    warned: set[str] = set()  # one warning per page, even when its id and URL both collide
    for docname in sorted(env.all_docs):
        meta = pages.get(docname) or PageMeta()
        route = page_route(docname, meta, root_doc)
        owner = table.by_route.get(route)
        if owner is not None:
            warned.add(docname)
            line = meta.key_lines.get("slug") or meta.key_lines.get("id") or 1
            warn(
                f"page URL '/{route}' is already used by '{env.doc2path(owner, False)}': "
                "change this page's slug or id (it is served at its default URL instead)",
                DocusaurusWarning.ROUTE_CONFLICT,
                location=(docname, line),
            )
            route = default_route(docname, root_doc)
            if route in table.by_route:
                route = f"{docname}/"
        table.routes[docname] = route
        table.by_route[route] = docname
        identifier = doc_id(docname, meta)
        if identifier in table.by_id and meta.doc_id:
            if docname in warned:
                continue
            warn(
                f"page id '{identifier}' is already used by "
                f"'{env.doc2path(table.by_id[identifier], False)}': give this page another id",
                DocusaurusWarning.ROUTE_CONFLICT,
                location=(docname, meta.key_lines.get("id", 1)),
            )
        else:
            table.by_id.setdefault(identifier, docname)
    return table


def route_table(env: BuildEnvironment) -> RouteTable:
    """This build's route table (computed at ``env-updated``)."""
    table = getattr(env, "docusaurus_routes", None)
    if table is None:
        table = env.docusaurus_routes = build_route_table(env)
    return table


def _compute_routes(app: Sphinx, env: BuildEnvironment) -> None:
    env.docusaurus_routes = build_route_table(env)


class PrettyURLHTMLBuilder(DirectoryHTMLBuilder):
    """HTML with Docusaurus URLs: every page is ``<route>/index.html``."""

    name = "html"

    def _is_not_found_page(self, name: str) -> bool:
        # sphinx-notfound-page's page: web hosts serve /404.html for a missing path
        return name == getattr(self.config, "notfound_pagename", None) and name not in self.env.all_docs

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        route = route_table(self.env).routes.get(docname)
        if route is None:
            if self._is_not_found_page(docname):
                return f"{docname}{self.out_suffix}"
            return super().get_target_uri(docname, typ)
        return route

    def get_output_path(self, page_name: str, /) -> Path:
        route = route_table(self.env).routes.get(page_name)
        if route is None:
            if self._is_not_found_page(page_name):
                return Path(self.outdir, f"{page_name}{self.out_suffix}")
            return super().get_output_path(page_name)
        return Path(self.outdir, *route.split("/")[:-1], f"index{self.out_suffix}")

    # The search index of an incremental build must be the one a clean build writes.
    def load_indexer(self, docnames: set[str]) -> None:
        from .search import restore_index_entries  # search.py imports this module

        super().load_indexer(docnames)
        restore_index_entries(self, set(self.env.all_docs).difference(docnames))

    def dump_search_index(self) -> None:
        from .search import tidy_search_index

        if self.indexer is not None:
            tidy_search_index(self.indexer, set(self.env.all_docs))
        super().dump_search_index()


def page_href(app: Sphinx, pagename: str, docname: str) -> str:
    """A link from one page to another: relative, except on the 404 page.

    The 404 page is served for a missing path at any depth, so its links are
    absolute from the site root (``notfound_urls_prefix``), as sphinx-notfound-page
    makes the theme's own links.
    """
    if pagename == getattr(app.config, "notfound_pagename", None) and pagename not in app.env.all_docs:
        prefix = app.config.notfound_urls_prefix or "/"
        return prefix.rstrip("/") + "/" + app.builder.get_target_uri(docname)
    return app.builder.get_relative_uri(pagename, docname)


def _absolute_root_on_404(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == getattr(app.config, "notfound_pagename", None) and pagename not in app.env.all_docs:
        # scripts (search, sidebar) find _static/ and the index from here, at any depth
        context["content_root"] = app.config.notfound_urls_prefix or "/"
        context["pageurl"] = None  # no canonical URL: it answers for every missing address


def setup_routes(app: Sphinx) -> None:
    """Compute URLs once per build and make ``-b html`` write them."""
    app.connect("html-page-context", _absolute_root_on_404, priority=600)  # after furo sets pageurl
    # folder links from a file:// copy (no web server) go to the folder's index.html
    app.add_js_file("docusaurus-file-urls.js", defer="defer")
    app.connect("env-updated", _compute_routes, priority=400)
    app.add_builder(PrettyURLHTMLBuilder, override=True)
