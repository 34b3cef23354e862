"""The navigation trees of the site model: entries, sidebars and their navigation files.

A :class:`Sidebar` is one docs version's named sidebar; each :class:`NavItem`
is a page, or (in a whole Docusaurus site) a category without a page of its
own or a link. :func:`navigation_files` writes every category's children as
JSON for the sidebar script.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from .icons import icon_svg


@dataclasses.dataclass
class NavItem:
    """One sidebar entry. Every field is shown somewhere, so every field is in the signatures."""

    docname: str
    label: str
    icon: str | None
    route: str
    parent: str | None
    children: list[str]
    href: str | None = None
    """A link entry's URL (a sidebars file's ``link`` item); such an entry is no page."""
    is_page: bool = True
    """False for a category without a page of its own, and for a link entry."""
    class_name: str | None = None
    """Classes the sidebars file (``className``) or the page (``sidebar_class_name``) gives the entry."""
    collapsed: bool = True
    """A category shown closed until opened (a sidebars file's ``collapsed: false`` shows it open)."""
    collapsible: bool = True
    """False: always open, with no toggle (``collapsible: false``)."""

    @property
    def open_by_default(self) -> bool:
        """Whether its children are shown on every page that shows it."""
        return bool(self.children) and (not self.collapsed or not self.collapsible)

    @property
    def key(self) -> str:
        """Names the entry in the navigation files: its route, or its own name when it is no page."""
        return self.route if self.is_page else self.docname

    def shown(self) -> tuple[Any, ...]:
        """What an entry shows where it appears: every field, with its children reduced to
        whether there are any (the entries themselves are shown, and counted, where they appear)."""
        return tuple(
            bool(self.children) if field.name == "children" else getattr(self, field.name)
            for field in dataclasses.fields(self)
        )


@dataclasses.dataclass
class Sidebar:
    """One navigation tree: a docs version's named sidebar, rooted at its root page."""

    version: str
    name: str
    root: str
    items: dict[str, NavItem]
    files: dict[str, str] = dataclasses.field(default_factory=dict)
    """Navigation file key -> JSON of every category's children (``_static/docusaurus-nav/``)."""

    def chain(self, docname: str) -> list[NavItem]:
        """The root, the page's ancestors and the page itself (empty when the page is not in the tree)."""
        chain = []
        item = self.items.get(docname)
        while item is not None:
            chain.append(item)
            item = self.items.get(item.parent) if item.parent is not None else None
        return chain[::-1]

    def file_key(self, docname: str) -> str:
        """The navigation file that holds a category: that of its top-level ancestor."""
        chain = self.chain(docname)
        top = chain[1] if len(chain) > 1 else chain[0]
        return re.sub(r"[^\w.-]+", "-", top.key.strip("/#")).strip("-") or "root"

    def visible(self, docname: str) -> list[NavItem]:
        """The entries a page's sidebar shows: the top level, and the children along its branch."""
        shown: list[NavItem] = []

        def add(keys: list[str]) -> None:
            for key in keys:
                item = self.items[key]
                shown.append(item)
                if item.open_by_default:
                    add(item.children)

        add(self.items[self.root].children)
        for item in self.chain(docname)[1:]:
            if not item.open_by_default:
                add(item.children)
        return shown


def navigation_files(sidebar: Sidebar) -> dict[str, str]:
    """file key -> JSON: every category's children, keyed by the category's URL path."""
    icons: dict[str, dict[str, str]] = {}
    entries_by_file: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for item in sidebar.items.values():
        if not item.children or item.parent is None:
            continue
        key = sidebar.file_key(item.docname)
        file_icons = icons.setdefault(key, {})
        entries = []
        for child in (sidebar.items[name] for name in item.children):
            entry: dict[str, Any] = {"l": child.label}
            if child.is_page:
                entry["u"] = child.route
            elif child.href:
                entry["x"] = child.href
            if child.children and child.key != entry.get("u"):
                entry["k"] = child.key
            if child.class_name:
                entry["cl"] = child.class_name
            if child.icon:
                entry["i"] = child.icon
                file_icons.setdefault(child.icon, icon_svg(child.icon))
            if child.children:
                entry["c"] = 1
            entries.append(entry)
        entries_by_file.setdefault(key, {})[item.key] = entries
    return {
        key: json.dumps(
            {"icons": icons[key], "nodes": entries_by_file[key]},
            sort_keys=True, ensure_ascii=False, separators=(",", ":"),
        )
        for key in sorted(entries_by_file)
    }
