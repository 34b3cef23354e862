"""Page URLs as Docusaurus gives them: the route table.

``security/core-principles.md`` is served at ``/security/core-principles/``;
a folder's index page (``index.md``, ``README.md`` or ``<folder>/<folder>.md``)
at the folder's URL; ``slug`` and ``id`` in front matter change the URL as in
Docusaurus. Pure: :func:`build_route_table` takes the documents and their
front matter and returns the table and the collisions it resolved; the site
model (:mod:`.site_model`) computes it once per build and reports them.

A whole Docusaurus site keeps each docs version in its own folder
(:class:`RouteMount`): a page's URL is its version's URL path followed by the
route its path inside that folder gives, and its id is unique only within its
version.
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


@dataclasses.dataclass(frozen=True)
class RouteMount:
    """A folder of the sources served below a URL path (a Docusaurus docs version)."""

    dir: str = ""
    """Docname prefix (``""``: the whole source folder)."""
    prefix: str = ""
    """URL path without slashes (``docs/next``; ``""``: the site root)."""
    scope: str = ""
    """Where its ids are unique (``""`` for a one-folder project, where ids are plain)."""

    def relative(self, docname: str) -> str | None:
        if not self.dir:
            return docname
        return docname[len(self.dir) + 1 :] if docname.startswith(self.dir + "/") else None


WHOLE_PROJECT = (RouteMount(),)


def mount_of(mounts: Iterable[RouteMount], docname: str) -> tuple[RouteMount, str]:
    """The deepest mount holding ``docname``, and its name there (no mount: the project root)."""
    best: tuple[RouteMount, str] | None = None
    for mount in mounts:
        relative = mount.relative(docname)
        if relative is not None and (best is None or len(mount.dir) > len(best[0].dir)):
            best = (mount, relative)
    return best or (RouteMount(), docname)


def scoped_id(scope: str, identifier: str) -> str:
    """The key of an id in :attr:`RouteTable.by_id`."""
    return f"{scope}:{identifier}" if scope else identifier


def _prefixed(prefix: str, route: str) -> str:
    if not prefix:
        return route
    return f"{prefix}/{route}" if route else f"{prefix}/"


@dataclasses.dataclass
class RouteTable:
    """docname -> URL path, and back; plus Docusaurus ids."""

    routes: dict[str, str] = dataclasses.field(default_factory=dict)
    by_route: dict[str, str] = dataclasses.field(default_factory=dict)
    by_id: dict[str, str] = dataclasses.field(default_factory=dict)
    """Scoped id (:func:`scoped_id`) -> docname."""
    mounts: tuple[RouteMount, ...] = WHOLE_PROJECT
    base_url: str = "/"
    """The site's ``baseUrl``: absolute links start with it."""

    def find(self, path: str) -> str | None:
        """The document served at a site path such as ``/security/lifecycle/``."""
        key = path.strip("/")
        return self.by_route.get(f"{key}/" if key else "")

    def mount(self, docname: str) -> tuple[RouteMount, str]:
        """The mount of a document and its name inside it."""
        return mount_of(self.mounts, docname)

    def by_doc_id(self, docname: str, identifier: str) -> str | None:
        """The page with Docusaurus id ``identifier`` in ``docname``'s version."""
        return self.by_id.get(scoped_id(self.mount(docname)[0].scope, identifier))


@dataclasses.dataclass(frozen=True)
class RouteConflict:
    """A page that asked for a URL or id another page already has."""

    docname: str
    owner: str
    line: int
    kind: str  # "route" or "id"
    value: str


def build_route_table(
    docnames: Iterable[str],
    pages: Mapping[str, PageMeta],
    root_doc: str,
    mounts: tuple[RouteMount, ...] = WHOLE_PROJECT,
    base_url: str = "/",
) -> tuple[RouteTable, list[RouteConflict]]:
    """Every document's URL and id, and the collisions, each reported once, in docname order.

    Pages served at their default URL are placed first, so a ``slug`` or ``id`` that
    names another page's URL loses to that page (the page that asked is the one to
    change). Among pages of one kind, the first in docname order keeps the URL. A page
    that loses is served at its default URL, or, if that is taken too, at its docname
    (with a number added until it is free): no two pages ever share an output file.
    """
    table = RouteTable(mounts=mounts, base_url=base_url)
    conflicts: list[RouteConflict] = []
    located = {docname: mount_of(mounts, docname) for docname in docnames}

    def requested_route(docname: str) -> str:
        mount, relative = located[docname]
        return _prefixed(mount.prefix, page_route(relative, pages.get(docname) or PageMeta(), root_doc))

    def default(docname: str) -> str:
        mount, relative = located[docname]
        return _prefixed(mount.prefix, default_route(relative, root_doc))

    requested = {docname: requested_route(docname) for docname in docnames}

    def claims_another_url(docname: str) -> bool:
        return requested[docname] != default(docname)

    for docname in sorted(requested, key=lambda name: (claims_another_url(name), name)):
        meta = pages.get(docname) or PageMeta()
        route = requested[docname]
        owner = table.by_route.get(route)
        clashed = owner is not None
        if owner is not None:
            line = meta.key_lines.get("slug") or meta.key_lines.get("id") or 1
            conflicts.append(RouteConflict(docname, owner, line, "route", route))
            route = default(docname)
            if route in table.by_route:
                route = f"{docname}/"
            number = 2
            while route in table.by_route:
                route, number = f"{docname}-{number}/", number + 1
        table.routes[docname] = route
        table.by_route[route] = docname
        mount, relative = located[docname]
        identifier = scoped_id(mount.scope, doc_id(relative, meta))
        if identifier in table.by_id and meta.doc_id:
            if not clashed:
                conflicts.append(
                    RouteConflict(docname, table.by_id[identifier], meta.key_lines.get("id", 1), "id",
                                  doc_id(relative, meta))
                )
        else:
            table.by_id.setdefault(identifier, docname)
    table.routes = dict(sorted(table.routes.items()))
    return table, sorted(conflicts, key=lambda conflict: conflict.docname)
