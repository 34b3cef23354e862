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
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from .html_builder import page_href
from .icons import icon_svg
from .site_model import NavItem, Sidebar, site_model

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NAV_DIR = "docusaurus-nav"  # one JSON file per top-level category, under _static/
NAV_SCRIPT = "docusaurus-nav.js"
STATIC_DIR = Path(__file__).parent / "static"


def toggle_label(label: str) -> str:
    """The accessible name of a category's expand/collapse control (as Docusaurus names it)."""
    return f"Toggle the collapsible sidebar category '{label}'"


class _Renderer:
    """Writes one page's sidebar in furo's markup."""

    def __init__(self, sidebar: Sidebar, pagename: str, href: Callable[[str], str]) -> None:
        self.sidebar = sidebar
        self.pagename = pagename
        self.href = href
        self.checkboxes = 0
        self.branch = {item.docname for item in sidebar.chain(pagename)}

    def render(self) -> str:
        children = self._children(self.sidebar.items[self.sidebar.root])
        items = "".join(self.item(node, 1) for node in children)
        current = ' class="current"' if any(n.docname in self.branch for n in children) else ""
        return f"<ul{current}>{items}</ul>"

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


def render_nav(sidebar: Sidebar, pagename: str, href: Callable[[str], str]) -> str:
    """One page's sidebar: top level plus the current branch (``href``: docname -> link)."""
    return _Renderer(sidebar, pagename, href).render()


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
    context["furo_navigation_tree"] = render_nav(sidebar, pagename, lambda doc: page_href(app, pagename, doc))


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


def _add_static_files(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_js_file(NAV_SCRIPT, defer="defer")
