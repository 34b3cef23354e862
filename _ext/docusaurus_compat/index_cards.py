"""Section index pages list their child pages as cards, as Docusaurus' ``<DocCardList />`` does.

Each card shows the child's front-matter icon (a folder or page icon when it has
none), its sidebar label as a link, and its ``description`` (a category without one
says how many items it holds). Cards go where the page writes ``<DocCardList />``,
or else at the end of every page that has child pages in the navigation and no
visible toctree of its own (``docusaurus_index_cards = False`` turns that off).

At read time only a placeholder goes into the doctree: the children's labels and
descriptions belong to other documents, so the cards are made when the page is
written (a post-transform, from the site model's sidebar; a child's entry and
description are in the index page's signature, so it is rewritten when they change). The cards are sphinx-design
markup, left out of the search index (a page should not be found by its
children's descriptions), and HTML only: the PDF has its own contents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.shared import create_component

from .doc_nodes import doc_card_list
from .icons import icon_svg
from .page_model import page_of
from .site_model import NavItem, Sidebar, site_model

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _has_visible_toctree(document: nodes.document) -> bool:
    return any(not toctree.get("hidden") for toctree in document.findall(addnodes.toctree))


class AddIndexCards(SphinxTransform):
    """Put the card placeholder at the end of a section index page."""

    # after the folder toctree is added (800), before the collectors run (880)
    default_priority = 810

    def apply(self, **kwargs: Any) -> None:
        if not self.config.docusaurus_index_cards or next(self.document.findall(doc_card_list), None):
            return
        toctrees = list(self.document.findall(addnodes.toctree))
        if not any(toctree["entries"] for toctree in toctrees) or _has_visible_toctree(self.document):
            return
        sections = [child for child in self.document.children if isinstance(child, nodes.section)]
        (sections[0] if sections else self.document).append(doc_card_list())


def _card(node: NavItem, env: BuildEnvironment, docname: str) -> nodes.Element:
    meta = page_of(env, node.docname)
    if meta.description:
        text = meta.description
    elif node.children:
        text = f"{len(node.children)} item{'s' if len(node.children) != 1 else ''}"
    else:
        text = ""
    icon = node.icon or ("folder" if node.children else "file-lines")
    link = addnodes.pending_xref(
        "", nodes.inline(node.label, node.label), refdomain="std", reftype="doc",
        reftarget="/" + node.docname, refdoc=docname, refexplicit=True, refwarn=True,
    )
    # a link must sit in a text element for the HTML writer
    heading = nodes.inline("", "", nodes.raw("", icon_svg(icon), format="html"), link)
    title = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"], children=[heading])
    body = create_component("card-body", ["sd-card-body"], children=[title])
    if text:
        body += nodes.paragraph(text, text, classes=["sd-card-text"])
    card = create_component(
        "card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-card-hover", "docusaurus-card"],
        children=[body],
    )
    return create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])


class RenderIndexCards(SphinxPostTransform):
    """Replace each placeholder with the cards of the page's children (HTML), or nothing."""

    # before cross-references are resolved (10): the card links are doc references
    default_priority = 5
    formats = ("html",)  # elsewhere the placeholder's visitors write nothing

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(doc_card_list))
        if not placeholders:
            return
        docname = self.env.docname
        sidebar: Sidebar | None = site_model(self.env).sidebar(docname)
        node = sidebar.items.get(docname) if sidebar is not None else None
        for placeholder in placeholders:
            if sidebar is None or node is None or not node.children:
                placeholder.parent.remove(placeholder)
                continue
            row = create_component(
                "grid-row", ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-g-3"],
                children=[_card(sidebar.items[child], self.env, docname) for child in node.children],
            )
            grid = create_component(
                "grid-container",
                ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "docusaurus-cards", "no-search"],
                children=[row],
            )
            placeholder.replace_self(grid)


def _visit_skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_index_cards(app: Sphinx) -> None:
    """Register the placeholder node and the transforms."""
    # outside HTML the placeholder reaches the writer, which writes nothing for it
    skip = (_visit_skip, None)
    app.add_node(doc_card_list, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_transform(AddIndexCards)
    app.add_post_transform(RenderIndexCards)
