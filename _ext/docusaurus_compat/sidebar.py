"""The sidebar tree: labels and icons from front matter, computed once per build.

The tree is built from Sphinx's own toctree structure (``env.toctree_includes``,
so author-written toctrees count too) when writing starts, and rendered for
each page as the nested list furo decorates with its collapse controls. It
replaces the ``toctree()`` call furo makes per page, which re-resolves every
toctree for every page.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .icons import icon_svg
from .page_meta import PageMeta, pages_of
from .routes import is_folder_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


@dataclasses.dataclass
class NavNode:
    """One sidebar entry."""

    docname: str
    label: str
    icon: str | None
    children: list[NavNode] = dataclasses.field(default_factory=list)


def page_label(env: BuildEnvironment, docname: str) -> str:
    """``sidebar_label``, else the page title, else the file name."""
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


def build_nav_tree(env: BuildEnvironment) -> NavNode:
    """The whole navigation tree, rooted at the root document."""
    pages = pages_of(env)
    root_doc = env.config.root_doc
    seen = {root_doc}

    def node_for(docname: str) -> NavNode:
        meta = pages.get(docname) or PageMeta()
        node = NavNode(docname, page_label(env, docname), meta.icon)
        for child in env.toctree_includes.get(docname, []):
            if child in seen or child not in env.all_docs:
                continue
            seen.add(child)
            node.children.append(node_for(child))
        return node

    return node_for(root_doc)


def ancestors_of(tree: NavNode, docname: str) -> list[str]:
    """Docnames from the root down to ``docname`` (empty if it is not in the tree)."""
    path: list[str] = []

    def search(node: NavNode) -> bool:
        path.append(node.docname)
        if node.docname == docname:
            return True
        if any(search(child) for child in node.children):
            return True
        path.pop()
        return False

    return path if search(tree) else []


def render_nav(tree: NavNode, pagename: str, builder: Builder) -> str:
    """The sidebar list for one page, current branch marked (furo's toctree markup)."""
    branch = set(ancestors_of(tree, pagename))

    def render(nodes_: list[NavNode], depth: int) -> str:
        if not nodes_:
            return ""
        items = []
        for node in nodes_:
            current = node.docname in branch
            classes = f"toctree-l{depth}" + (" current" if current else "")
            link_classes = "reference internal" + (" current" if node.docname == pagename else "")
            href = builder.get_relative_uri(pagename, node.docname)
            icon = Markup(icon_svg(node.icon)) if node.icon else Markup("")
            aria = ' aria-current="page"' if node.docname == pagename else ""
            items.append(
                f'<li class="{classes}"><a class="{link_classes}" href="{escape(href)}"{aria}>'
                f"{icon}{escape(node.label)}</a>{render(node.children, depth + 1)}</li>"
            )
        ul_class = ' class="current"' if any(n.docname in branch for n in nodes_) else ""
        return f"<ul{ul_class}>{''.join(items)}</ul>"

    return render(tree.children, 1)


def _build_tree_once(app: Sphinx, builder: Builder) -> None:
    builder.docusaurus_nav_tree = build_nav_tree(builder.env)


def _use_our_tree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    tree = getattr(app.builder, "docusaurus_nav_tree", None)
    if tree is None or "toctree" not in context:
        return
    html = render_nav(tree, pagename, app.builder)
    context["toctree"] = lambda **kwargs: html


def setup_sidebar(app: Sphinx) -> None:
    """Hand furo our tree instead of its per-page ``toctree()`` call."""
    app.connect("write-started", _build_tree_once)
    # before furo's handler (500), which reads context["toctree"]
    app.connect("html-page-context", _use_our_tree, priority=400)
