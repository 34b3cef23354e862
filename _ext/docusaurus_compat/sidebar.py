"""The sidebar: labels and icons from front matter, built to scale.

The whole tree is computed once per build, when writing starts, from Sphinx's
own toctree structure (``env.toctree_includes``, so author-written toctrees
count too). Each page's sidebar then holds only the top-level entries and the
current page's branch (its ancestors and their children), as Docusaurus
renders collapsed categories: its size does not grow with the site. Collapsed
categories keep furo's toggle and an empty list that
``_static/docusaurus-nav.js`` fills in place from one shared navigation file
(``_static/docusaurus-nav/<section>.json``: one per top-level category, written once
per build, so expanding a category fetches only its own section); without
JavaScript a category still links to its index page.

The markup is furo's own (checkbox + label, ``toctree-l<n>``, ``current``),
produced directly here instead of having furo re-parse a full toctree per page.
The checkbox is the keyboard control (``docusaurus.css`` keeps it focusable under
its arrow): it is named after its category and carries ``aria-expanded``, which
the script keeps in step; the current page's link has ``aria-current="page"``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from .icons import icon_svg
from .page_meta import PageMeta, pages_of
from .routes import is_folder_index, page_href, route_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

NAV_DIR = "docusaurus-nav"  # one JSON file per top-level category, under _static/
NAV_SCRIPT = "docusaurus-nav.js"
STATIC_DIR = Path(__file__).parent / "static"


@dataclasses.dataclass
class NavNode:
    """One sidebar entry."""

    docname: str
    label: str
    icon: str | None
    route: str
    parent: NavNode | None = None
    children: list[NavNode] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class NavTree:
    """The tree, an index by docname, and the digest of its JSON form."""

    root: NavNode
    by_doc: dict[str, NavNode]
    version: str = ""


def page_label(env: BuildEnvironment, docname: str) -> str:
    """``sidebar_label``, else a ``_category_.json`` label, else the title, else the file name."""
    meta = pages_of(env).get(docname) or PageMeta()
    if meta.sidebar_label:
        return meta.sidebar_label
    category = getattr(env, "docusaurus_categories", {}).get(docname.rpartition("/")[0])
    if category is not None and category.label and is_folder_index(docname):
        return category.label
    title = env.titles.get(docname)
    if title is not None and title.astext():
        return title.astext()
    return docname.rsplit("/", 1)[-1]


def build_nav_tree(env: BuildEnvironment) -> NavTree:
    """The whole navigation tree, rooted at the root document."""
    pages = pages_of(env)
    routes = route_table(env).routes
    root_doc = env.config.root_doc
    by_doc: dict[str, NavNode] = {}

    def node_for(docname: str, parent: NavNode | None) -> NavNode:
        meta = pages.get(docname) or PageMeta()
        node = NavNode(docname, page_label(env, docname), meta.icon, routes.get(docname, ""), parent)
        by_doc[docname] = node
        for child in env.toctree_includes.get(docname, []):
            if child in by_doc or child not in env.all_docs:
                continue
            node.children.append(node_for(child, node))
        return node

    return NavTree(node_for(root_doc, None), by_doc)


def nav_file_key(node: NavNode) -> str:
    """The navigation file that holds a category: that of its top-level ancestor."""
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node.route.strip("/").replace("/", "-") or "root"


def navigation_files(tree: NavTree) -> dict[str, str]:
    """file key -> JSON: every category's children, keyed by the category's URL path."""
    icons: dict[str, dict[str, str]] = {}
    nodes: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for node in tree.by_doc.values():
        if not node.children or node.parent is None:
            continue
        key = nav_file_key(node)
        file_icons = icons.setdefault(key, {})
        entries = []
        for child in node.children:
            entry: dict[str, Any] = {"l": child.label, "u": child.route}
            if child.icon:
                entry["i"] = child.icon
                file_icons.setdefault(child.icon, icon_svg(child.icon))
            if child.children:
                entry["c"] = 1
            entries.append(entry)
        nodes.setdefault(key, {})[node.route] = entries
    return {
        key: json.dumps(
            {"icons": icons[key], "nodes": nodes[key]}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        for key in sorted(nodes)
    }


def toggle_label(label: str) -> str:
    """The accessible name of a category's expand/collapse control (as Docusaurus names it)."""
    return f"Toggle the collapsible sidebar category '{label}'"


class _Renderer:
    """Writes one page's sidebar in furo's markup."""

    def __init__(self, tree: NavTree, pagename: str, href: Callable[[str], str]) -> None:
        self.tree = tree
        self.pagename = pagename
        self.href = href
        self.checkboxes = 0
        current = tree.by_doc.get(pagename)
        self.branch: set[str] = set()
        while current is not None:
            self.branch.add(current.docname)
            current = current.parent

    def render(self) -> str:
        children = self.tree.root.children
        items = "".join(self.item(node, 1) for node in children)
        current = ' class="current"' if any(n.docname in self.branch for n in children) else ""
        return f'<ul{current} data-docusaurus-nav="{self.tree.version}">{items}</ul>'

    def item(self, node: NavNode, depth: int) -> str:
        in_branch = node.docname in self.branch
        is_page = node.docname == self.pagename
        classes = [f"toctree-l{depth}"]
        if in_branch:
            classes.append("current")
        if node.children:
            classes.append("has-children")
        if is_page:
            classes.append("current-page")
        href = escape(self.href(node.docname))
        icon = icon_svg(node.icon) if node.icon else ""
        link_class = "reference internal" + (" current" if is_page else "")
        aria = ' aria-current="page"' if is_page else ""
        html = (
            f'<li class="{" ".join(classes)}"><a class="{link_class}" href="{href}"{aria}>'
            f"{icon}{escape(node.label)}</a>"
        )
        if node.children:
            self.checkboxes += 1
            box = f"toctree-checkbox-{self.checkboxes}"
            checked = ' checked=""' if in_branch else ""
            html += (
                f'<input aria-label="{escape(toggle_label(node.label))}" '
                f'aria-expanded="{"true" if in_branch else "false"}"{checked} '
                f'class="toctree-checkbox" id="{box}" name="{box}" type="checkbox"/>'
                f'<label for="{box}"><span class="icon"><svg><use href="#svg-arrow-right"></use>'
                "</svg></span></label>"
            )
            if in_branch:
                inner = "".join(self.item(child, depth + 1) for child in node.children)
                current = ' class="current"' if any(c.docname in self.branch for c in node.children) else ""
                html += f"<ul{current}>{inner}</ul>"
            else:
                html += (
                    f'<ul data-nav-children="{escape(node.route)}" '
                    f'data-nav-file="{escape(nav_file_key(node))}"></ul>'
                )
        return html + "</li>"


def render_nav(tree: NavTree, pagename: str, href: Callable[[str], str]) -> str:
    """One page's sidebar: top level plus the current branch (``href``: docname -> link)."""
    return _Renderer(tree, pagename, href).render()


def _build_tree_once(app: Sphinx, builder: Builder) -> None:
    if builder.format != "html":
        return
    tree = build_nav_tree(builder.env)
    files = navigation_files(tree)
    tree.version = hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest()[:12]
    builder.docusaurus_nav_tree = tree
    builder.docusaurus_nav_files = files


def _skip_furo_toctree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    # furo renders and re-parses the whole toctree per page; ours replaces it below
    if getattr(app.builder, "docusaurus_nav_tree", None) is not None and "toctree" in context:
        context["toctree"] = lambda **kwargs: ""


def _set_our_tree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    tree = getattr(app.builder, "docusaurus_nav_tree", None)
    if tree is not None:
        context["furo_navigation_tree"] = render_nav(tree, pagename, lambda doc: page_href(app, pagename, doc))


def _write_navigation_files(app: Sphinx, exception: Exception | None) -> None:
    files = getattr(app.builder, "docusaurus_nav_files", None)
    if exception is not None or files is None:
        return
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
    app.connect("write-started", _build_tree_once)
    # after sphinx-notfound-page (400) sets its own toctree on the 404 page, before furo (500) calls it
    app.connect("html-page-context", _skip_furo_toctree, priority=450)
    app.connect("html-page-context", _set_our_tree, priority=600)  # after furo
    app.connect("build-finished", _write_navigation_files)
    app.connect("builder-inited", _add_static_files)


def _add_static_files(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_js_file(NAV_SCRIPT, defer="defer")
