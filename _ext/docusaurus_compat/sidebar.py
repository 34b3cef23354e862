"""The sidebar: labels and icons from front matter, built to scale.

The tree is the site model's (:class:`.site_model.Sidebar`, computed once per
build from Sphinx's own toctree structure, so author-written toctrees count too).
Each page's sidebar holds only the top-level entries and the current page's
branch (its ancestors and their children), as Docusaurus renders collapsed
categories: its size does not grow with the site, and it changes only when an
entry it shows changes. Collapsed categories keep furo's toggle and an empty
list that ``_static/docusaurus-nav.js`` fills in place from one shared navigation
file (``_static/docusaurus-nav/<section>.json``: one per top-level category, written
once per build, so expanding a category fetches only its own section; the script
asks the server whether it changed, so pages carry no version of it); without
JavaScript a category still links to its index page.

The markup is furo's own (checkbox + label, ``toctree-l<n>``, ``current``),
produced directly here instead of having furo re-parse a full toctree per page.
The checkbox is the keyboard control (``docusaurus.css`` keeps it focusable under
its arrow): it is named after its category and carries ``aria-expanded``, which
the script keeps in step; the current page's link has ``aria-current="page"``.

``docusaurus_sidebar_sections`` (``conf.py``) makes the top level the main docs
site's sections, in its order: ``(label, site path, icon)``. A section whose path
is a top-level page of this project (under ``docusaurus_owned_paths``) is that
page's subtree, drawn as above (open on its own pages); every other section is a
plain link to ``docusaurus_site_url`` (no toggle: its children are not here).
Top-level pages no section names follow, so none becomes unreachable. Without the
setting the top level is the pages' own. The tree sits in a ``<nav>`` landmark
named "Docs sidebar", as on the Docusaurus site.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from .html_builder import page_href
from .icons import icon_svg, resolve_icon
from .link_targets import is_owned, main_site_url
from .site_model import NavItem, Sidebar, site_model
from .url_policy import is_site_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

NAV_DIR = "docusaurus-nav"  # one JSON file per top-level category, under _static/
NAV_SCRIPT = "docusaurus-nav.js"
STATIC_DIR = Path(__file__).parent / "static"


def toggle_label(label: str) -> str:
    """The accessible name of a category's expand/collapse control (as Docusaurus names it)."""
    return f"Toggle the collapsible sidebar category '{label}'"


SECTIONS_SETTING = "docusaurus_sidebar_sections"
NAV_LABEL = "Docs sidebar"  # the landmark's name, as on the Docusaurus site


@dataclasses.dataclass(frozen=True)
class Section:
    """One entry of ``docusaurus_sidebar_sections``: its label, site path and Font Awesome icon."""

    label: str
    path: str
    icon: str | None


def checked_sections(value: Any, aliases: dict[str, str]) -> list[Section]:
    """The ``docusaurus_sidebar_sections`` entries, checked: a bad one is a ConfigError naming it."""
    from sphinx.errors import ConfigError

    sections: list[Section] = []
    seen: set[str] = set()
    for entry in value:
        where = f"{SECTIONS_SETTING}: entry {entry!r}"
        if not (isinstance(entry, (list, tuple)) and len(entry) == 3 and all(isinstance(x, str) for x in entry)):
            raise ConfigError(f"{where} must be a (label, site path, icon) triple of strings")
        label, path, icon = entry
        if not label.strip():
            raise ConfigError(f"{where} has an empty label")
        if not is_site_path(path):
            raise ConfigError(f"{where}: {path!r} must be a site path (starting with /)")
        key = path.rstrip("/") or "/"
        if key in seen:
            raise ConfigError(f"{where}: another entry already has the path {path!r}")
        seen.add(key)
        resolved = resolve_icon(icon, aliases) if icon else None
        if icon and resolved is None:
            raise ConfigError(
                f"{where}: {icon!r} is neither a Font Awesome Free icon nor a docusaurus_icon_aliases name"
            )
        sections.append(Section(label, path, resolved))
    return sections


def _sections(config: Config) -> list[Section]:
    return checked_sections(getattr(config, SECTIONS_SETTING), config.docusaurus_icon_aliases)


def _check_sections(app: Sphinx, config: Config) -> None:
    _sections(config)


@dataclasses.dataclass(frozen=True)
class TopEntry:
    """One top-level sidebar entry under ``docusaurus_sidebar_sections``: a page of this
    project's tree (``node``, with the section's label and icon) or a link to the main site."""

    node: NavItem | None = None
    label: str = ""
    href: str = ""
    icon: str | None = None


def _section_page(app: Sphinx, sidebar: Sidebar, section: Section) -> str | None:
    """The top-level page of ``sidebar`` a section's path names, or None (the main site has it)."""
    if not is_owned(section.path, app.config.docusaurus_owned_paths):
        return None
    docname = site_model(app.env).find_page(app.config.root_doc, section.path)
    if docname is None or docname not in sidebar.items or sidebar.items[docname].parent != sidebar.root:
        return None
    return docname


def top_entries(app: Sphinx, sidebar: Sidebar, pagename: str) -> list[TopEntry] | None:
    """The top level that ``docusaurus_sidebar_sections`` gives ``sidebar``, or None without it."""
    sections = _sections(app.config)
    if not sections or sidebar is not _main_sidebar(app):
        return None
    entries, named = [], set()
    for section in sections:
        docname = _section_page(app, sidebar, section)
        if docname is None:
            href = main_site_url(app.config, pagename, section.path)
            entries.append(TopEntry(label=section.label, href=href, icon=section.icon))
        else:
            named.add(docname)
            node = dataclasses.replace(sidebar.items[docname], label=section.label, icon=section.icon)
            entries.append(TopEntry(node=node))
    entries += [TopEntry(node=sidebar.items[key]) for key in sidebar.items[sidebar.root].children if key not in named]
    return entries


class _Renderer:
    """Writes one page's sidebar in furo's markup."""

    def __init__(self, sidebar: Sidebar, pagename: str, href: Callable[[str], str]) -> None:
        self.sidebar = sidebar
        self.pagename = pagename
        self.href = href
        self.checkboxes = 0
        self.branch = {item.docname for item in sidebar.chain(pagename)}

    def render(self, top: Sequence[TopEntry] | None = None) -> str:
        if top is None:
            top = [TopEntry(node=node) for node in self._children(self.sidebar.items[self.sidebar.root])]
        items = "".join(self.item(entry.node, 1) if entry.node else self.site_link(entry) for entry in top)
        current = ' class="current"' if any(e.node and e.node.docname in self.branch for e in top) else ""
        return f'<nav aria-label="{NAV_LABEL}"><ul{current}>{items}</ul></nav>'

    @staticmethod
    def site_link(entry: TopEntry) -> str:
        """A section of the main docs site: a plain link (its children are not in this project)."""
        icon = icon_svg(entry.icon) if entry.icon else ""
        return (f'<li class="toctree-l1 docusaurus-site-section"><a class="reference" href="{escape(entry.href)}" '
                f'rel="noopener noreferrer">{icon}{escape(entry.label)}</a></li>')

    def _children(self, node: NavItem) -> list[NavItem]:
        return [self.sidebar.items[child] for child in node.children]

    def item(self, node: NavItem, depth: int) -> str:
        in_branch = node.docname in self.branch
        is_page = node.docname == self.pagename
        classes = [f"toctree-l{depth}"]
        if in_branch:
            classes.append("current")
        if node.children:
            classes.append("has-children")
        if is_page:
            classes.append("current-page")
        if node.class_name:
            classes.extend(node.class_name.split())
        icon = icon_svg(node.icon) if node.icon else ""
        if node.is_page:
            link_class = "reference internal" + (" current" if is_page else "")
            aria = ' aria-current="page"' if is_page else ""
            link = (f'<a class="{link_class}" href="{escape(self.href(node.docname))}"{aria}>'
                    f"{icon}{escape(node.label)}</a>")
        elif node.href:
            link = f'<a class="reference external" href="{escape(node.href)}">{icon}{escape(node.label)}</a>'
        else:  # a category without a page: its label, and the toggle beside it
            link = f'<span class="reference internal">{icon}{escape(node.label)}</span>'
        html = f'<li class="{" ".join(classes)}">{link}'
        if node.children:
            expanded = in_branch or node.open_by_default
            if node.collapsible:
                self.checkboxes += 1
                box = f"toctree-checkbox-{self.checkboxes}"
                checked = ' checked=""' if expanded else ""
                html += (
                    f'<input aria-label="{escape(toggle_label(node.label))}" '
                    f'aria-expanded="{"true" if expanded else "false"}"{checked} '
                    f'class="toctree-checkbox" id="{box}" name="{box}" type="checkbox"/>'
                    f'<label for="{box}"><span class="icon"><svg><use href="#svg-arrow-right"></use>'
                    "</svg></span></label>"
                )
            if expanded:
                children = self._children(node)
                inner = "".join(self.item(child, depth + 1) for child in children)
                current = ' class="current"' if any(c.docname in self.branch for c in children) else ""
                html += f"<ul{current}>{inner}</ul>"
            else:
                html += (
                    f'<ul data-nav-children="{escape(node.key)}" '
                    f'data-nav-file="{escape(self.sidebar.file_key(node.docname))}"></ul>'
                )
        return html + "</li>"


def render_nav(
    sidebar: Sidebar, pagename: str, href: Callable[[str], str], top: Sequence[TopEntry] | None = None,
) -> str:
    """One page's sidebar: top level plus the current branch (``href``: docname -> link;
    ``top``: the top level :func:`top_entries` gives, instead of the tree's own)."""
    return _Renderer(sidebar, pagename, href).render(top)


def _skip_furo_toctree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    # furo renders and re-parses the whole toctree per page; ours replaces it below
    if app.builder.format == "html" and "toctree" in context:
        context["toctree"] = lambda **kwargs: ""


def _set_our_tree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html":
        return
    sidebar = site_model(app.env).sidebar(pagename) or _main_sidebar(app)
    if sidebar is None:  # a whole site whose versions have no sidebars (sidebarPath: false)
        context["furo_navigation_tree"] = ""
        return
    context["furo_navigation_tree"] = render_nav(
        sidebar, pagename, lambda doc: page_href(app, pagename, doc), top_entries(app, sidebar, pagename),
    )


def _main_sidebar(app: Sphinx) -> Sidebar | None:
    """The sidebar of generated pages (search, tags, 404): the root page's (a docs folder's root
    always has one; a whole site's, when any of its versions has a sidebar)."""
    return site_model(app.env).sidebar(app.config.root_doc)


def _write_navigation_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    files: dict[str, str] = {}
    for sidebar in site_model(app.env).sidebars.values():
        files.update(sidebar.files)
    folder = Path(app.outdir) / "_static" / NAV_DIR
    if folder.is_dir():
        for stale in folder.glob("*.json"):
            if stale.stem not in files:
                stale.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for key, data in files.items():
        target = folder / f"{key}.json"
        if not target.is_file() or target.read_text(encoding="utf-8") != data:
            target.write_text(data, encoding="utf-8")


def setup_sidebar(app: Sphinx) -> None:
    """Replace furo's per-page toctree with the scalable sidebar."""
    # after sphinx-notfound-page (400) sets its own toctree on the 404 page, before furo (500) calls it
    app.connect("html-page-context", _skip_furo_toctree, priority=450)
    app.connect("html-page-context", _set_our_tree, priority=600)  # after furo
    app.connect("build-finished", _write_navigation_files)
    app.connect("builder-inited", _add_static_files)
    app.connect("config-inited", _check_sections)


def _add_static_files(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_js_file(NAV_SCRIPT, defer="defer")
