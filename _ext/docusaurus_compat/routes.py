"""Page URLs as Docusaurus gives them: the route table.

``security/core-principles.md`` is served at ``/security/core-principles/``;
a folder's index page (``index.md``, ``README.md`` or ``<folder>/<folder>.md``)
at the folder's URL; ``slug`` and ``id`` in front matter change the URL as in
Docusaurus. Pure: :func:`build_route_table` takes the documents and their
front matter and returns the table and the collisions it resolved; the site
model (:mod:`.site_model`) computes it once per build and reports them.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterable, Mapping

from .doc_paths import default_route, folder_of, is_folder_index, number_prefix, strip_number_prefixes
from .page_model import PageMeta


def page_route(docname: str, meta: PageMeta, root_doc: str) -> str:
    """The URL path of a document, honouring ``slug`` and ``id``."""
    # A relative slug or an id is resolved, as a URL is, against the folder's URL (number
    # prefixes dropped, as Docusaurus does); ".." stops at the site root.
    folder = "/" + strip_number_prefixes(folder_of(docname))
    if meta.slug is not None:
        path = posixpath.normpath(posixpath.join(folder, meta.slug.strip())).strip("/")
        return f"{path}/" if path else ""
    if meta.doc_id and docname != root_doc and not is_folder_index(docname):
        path = posixpath.normpath(posixpath.join(folder, meta.doc_id.strip("/"))).strip("/")
        return f"{path}/" if path else ""
    return default_route(docname, root_doc)


def doc_id(docname: str, meta: PageMeta) -> str:
    """The Docusaurus document id (folder + ``id`` or file name), as used by pagination keys.

    As in Docusaurus, number prefixes are dropped: ``01-guides/02-setup`` is ``guides/setup``.
    """
    folder = strip_number_prefixes(folder_of(docname))
    name = meta.doc_id or number_prefix(docname.rsplit("/", 1)[-1])[1]
    return f"{folder}/{name}" if folder else name


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


@dataclasses.dataclass(frozen=True)
class RouteConflict:
    """A page that asked for a URL or id another page already has."""

    docname: str
    owner: str
    line: int
    kind: str  # "route" or "id"
    value: str


def build_route_table(
    docnames: Iterable[str], pages: Mapping[str, PageMeta], root_doc: str
) -> tuple[RouteTable, list[RouteConflict]]:
    """Every document's URL and id, and the collisions, each reported once, in docname order.

    Pages served at their default URL are placed first, so a ``slug`` or ``id`` that
    names another page's URL loses to that page (the page that asked is the one to
    change). Among pages of one kind, the first in docname order keeps the URL. A page
    that loses is served at its default URL, or, if that is taken too, at its docname
    (with a number added until it is free): no two pages ever share an output file.
    """
    table = RouteTable()
    conflicts: list[RouteConflict] = []

    requested = {docname: page_route(docname, pages.get(docname) or PageMeta(), root_doc) for docname in docnames}

    def claims_another_url(docname: str) -> bool:
        return requested[docname] != default_route(docname, root_doc)

    for docname in sorted(requested, key=lambda name: (claims_another_url(name), name)):
        meta = pages.get(docname) or PageMeta()
        route = requested[docname]
        owner = table.by_route.get(route)
        clashed = owner is not None
        if owner is not None:
            line = meta.key_lines.get("slug") or meta.key_lines.get("id") or 1
            conflicts.append(RouteConflict(docname, owner, line, "route", route))
            route = default_route(docname, root_doc)
            if route in table.by_route:
                route = f"{docname}/"
            number = 2
            while route in table.by_route:
                route, number = f"{docname}-{number}/", number + 1
        table.routes[docname] = route
        table.by_route[route] = docname
        identifier = doc_id(docname, meta)
        if identifier in table.by_id and meta.doc_id:
            if not clashed:
                conflicts.append(
                    RouteConflict(docname, table.by_id[identifier], meta.key_lines.get("id", 1), "id", identifier)
                )
        else:
            table.by_id.setdefault(identifier, docname)
    table.routes = dict(sorted(table.routes.items()))
    return table, sorted(conflicts, key=lambda conflict: conflict.docname)
