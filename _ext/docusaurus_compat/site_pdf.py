"""The PDF of one version of a whole Docusaurus site (``make pdf SITE=...``), chapters in sidebar order.

Sphinx's LaTeX builder inlines the pages the start page's toctrees list. A
Docusaurus site's order is its sidebars, whose categories need not be pages, so
for a whole site the book is put together here instead: one chapter per
top-level sidebar entry of the chosen version (``PDFVERSION=`` names it; the
last version by default), a category's pages as sections of its chapter, in
the order the sidebar shows them; then Sphinx resolves the references as for
any book.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.builders.latex import LaTeXBuilder
from sphinx.util import logging

from .nav_tree import NavItem, Sidebar
from .site_model import site_model

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .site_versions import SiteVersions

logger = logging.getLogger(__name__)


def pdf_version(versions: SiteVersions, wanted: str | None) -> str:
    """The version key the PDF is made of: ``wanted`` (a version name or label), else the last one."""
    if wanted:
        for entry in versions.versions:
            if wanted in (entry.key, entry.key.split("/", 1)[1], entry.label):
                return entry.key
        names = ", ".join(entry.key.split("/", 1)[1] for entry in versions.versions)
        logger.warning("PDFVERSION=%s names no version of this site (there are: %s): the last version is used",
                       wanted, names, type="docusaurus", subtype="site_config")
    return next(entry.key for entry in versions.versions if entry.is_last)


class SiteLaTeXBuilder(LaTeXBuilder):
    """LaTeX whose chapters are a version's sidebar entries (one docs folder: Sphinx's own way)."""

    name = "latex"

    def assemble_doctree(self, indexfile: str, toctree_only: bool, appendices: list[str]) -> nodes.document:
        model = site_model(self.env)
        if model.versions is None:
            return super().assemble_doctree(indexfile, toctree_only, appendices)
        key = pdf_version(model.versions, os.environ.get("PDFVERSION"))
        self._included = {indexfile}
        tree = new_document("<latex output>", self.env.get_doctree(indexfile).settings)
        top = nodes.section(ids=["docusaurus-pdf-document"])
        title = self.config.latex_documents[0][2] if self.config.latex_documents else self.config.project
        top += nodes.title(title, title)
        tree += top
        for (version, _name), sidebar in model.sidebars.items():
            if version == key:
                for child in sidebar.items[sidebar.root].children:
                    top.extend(self._entry(sidebar, sidebar.items[child]))
        tree["docname"] = indexfile
        self.docnames = self._included  # the LaTeX writer's documents: images and labels of these
        self.env.resolve_references(tree, indexfile, self)
        for pending in list(tree.findall(addnodes.pending_xref)):
            pending.replace_self(nodes.inline(pending.astext(), pending.astext()))
        return tree

    def _entry(self, sidebar: Sidebar, item: NavItem) -> list[nodes.Node]:
        """A page with the pages under it inside its section, or a category's section of pages."""
        children = [node for key in item.children for node in self._entry(sidebar, sidebar.items[key])]
        if not item.is_page or item.docname not in self.env.all_docs:  # a generated index: its pages
            if item.href or not children:
                return []  # a link entry, or an empty category: nothing to print
            section = nodes.section(ids=[f"docusaurus-pdf-category-{len(self._included)}-{len(children)}"])
            section += nodes.title(item.label, item.label)
            section.extend(children)
            return [section]
        self._included.add(item.docname)
        page = self.env.get_doctree(item.docname)
        for toctree in list(page.findall(addnodes.toctree)):
            toctree.parent.remove(toctree)  # its pages come from the sidebar, here
        start = addnodes.start_of_file(docname=item.docname)
        start.extend(page.children)
        sections = [child for child in start.children if isinstance(child, nodes.section)]
        first_title = sections[0][0] if sections and sections[0].children else None
        if len(sections) > 1 and isinstance(first_title, nodes.Element) and "visually-hidden" in first_title["classes"]:
            # hide_title with a heading of its own further down: that heading is the chapter
            hidden = sections.pop(0)
            hidden.replace_self(hidden.children[1:])
        (sections[0] if sections else start).extend(children)
        return [start]


def setup_site_pdf(app: Sphinx) -> None:
    """Build the PDF of a whole site from its sidebars."""
    app.add_builder(SiteLaTeXBuilder, override=True)
