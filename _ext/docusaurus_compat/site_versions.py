"""A whole site's docs versions as pages show them: the version menu, the banner, the canonical page.

Each page belongs to one version of one docs plugin instance (its folder's
:class:`.routes.RouteMount`). The same doc in another version is the page with
the same Docusaurus id there; the version menu links to it (or to that
version's home when it has no such page), the banner of an unmaintained or
unreleased version links to it in the last version, and so does the canonical
link, as Docusaurus does for versioned docs.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .page_model import PageMeta
from .routes import RouteTable, doc_id

if TYPE_CHECKING:
    from .site_files.layout import SiteLayout


@dataclasses.dataclass(frozen=True)
class VersionEntry:
    """One version, as the menu and the banner name it."""

    key: str
    plugin_id: str
    label: str
    banner: str | None
    is_last: bool
    home: str | None
    """The page at the version's root URL, or its first page."""


@dataclasses.dataclass
class SiteVersions:
    """Every version, the version of each page, and each page's counterparts."""

    versions: list[VersionEntry]
    version_of: dict[str, str]
    counterparts: dict[str, dict[str, str]]
    """docname -> version key -> the page with the same id in that version."""

    def entry(self, key: str) -> VersionEntry:
        return next(version for version in self.versions if version.key == key)

    def menu(self, docname: str) -> list[tuple[VersionEntry, str | None]]:
        """The versions of the page's docs instance, each with the page it links to from here."""
        key = self.version_of.get(docname)
        if key is None:
            return []
        plugin = self.entry(key).plugin_id
        same = self.counterparts.get(docname, {})
        return [(version, same.get(version.key) or version.home)
                for version in self.versions if version.plugin_id == plugin]

    def latest(self, docname: str) -> tuple[VersionEntry, str | None] | None:
        """The last version of the page's instance and the same page there, for a page of another version."""
        key = self.version_of.get(docname)
        if key is None or self.entry(key).is_last:
            return None
        plugin = self.entry(key).plugin_id
        last = next((v for v in self.versions if v.plugin_id == plugin and v.is_last), None)
        if last is None:
            return None
        return last, self.counterparts.get(docname, {}).get(last.key) or last.home


def site_versions(
    layout: SiteLayout, routes: RouteTable, docnames: set[str], pages: dict[str, PageMeta], root_doc: str
) -> SiteVersions:
    """The versions of ``layout``, from the route table's mounts and the pages' ids."""
    version_of: dict[str, str] = {}
    by_id: dict[tuple[str, str], dict[str, str]] = {}
    first_page: dict[str, str] = {}
    for docname in sorted(docnames):
        mount, relative = routes.mount(docname)
        if not mount.scope:
            continue
        version_of[docname] = mount.scope
        plugin = mount.scope.split("/", 1)[0]
        identifier = doc_id(relative, pages.get(docname) or PageMeta())
        by_id.setdefault((plugin, identifier), {})[mount.scope] = docname
        first_page.setdefault(mount.scope, docname)
    versions = []
    for folder in layout.mounts:
        version = folder.version
        root = routes.find("/" + version.path) if version.path else root_doc
        versions.append(VersionEntry(
            folder.key, version.plugin_id, version.label, version.banner, version.is_last,
            root or first_page.get(folder.key),
        ))
    counterparts: dict[str, dict[str, str]] = {}
    for same in by_id.values():
        for docname in same.values():
            counterparts[docname] = same
    return SiteVersions(versions, version_of, counterparts)
