"""The PDF (Sphinx's LaTeX builder, XeLaTeX): chapters, admonitions, page summaries, metadata.

* Chapters: the PDF starts at ``latex_documents``' start page (the section's
  overview). A LaTeX-only post-transform makes that page's own text the first
  chapter (titled from its front matter) and every page its toctree lists a
  chapter of its own, in sidebar order, so the PDF outline mirrors the sidebar.
* Admonitions: each Docusaurus type gets the matching ``sphinxadmonition``
  style (Sphinx styles them by type) and keeps its title.
* Under each page's title: its description in italics and its tags (a node that
  only the LaTeX writer prints).
* Metadata: subject from the home page's description, keywords from all tags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .page_meta import pages_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

# Docusaurus admonition type -> the sphinxadmonition style that matches it
LATEX_ADMONITION = {
    "note": "note", "tip": "tip", "info": "important", "warning": "warning",
    "caution": "caution", "danger": "danger", "preview": "hint", "further": "note",
}


class page_summary(nodes.Element):  # noqa: N801 - docutils node naming
    """A page's description and tags, printed under its title in the PDF only."""


def _latex_escape(translator: LaTeXTranslator, text: str) -> str:
    return translator.escape(text)


def visit_page_summary(translator: LaTeXTranslator, node: page_summary) -> None:
    parts = []
    if node.get("description"):
        parts.append(r"\textit{%s}" % _latex_escape(translator, node["description"]))
    if node.get("tags"):
        tags = ", ".join(_latex_escape(translator, tag) for tag in node["tags"])
        parts.append(r"{\small Tags: %s}" % tags)
    translator.body.append("\n" + "\n\n".join(parts) + "\n\n")
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def visit_admonition_latex(translator: LaTeXTranslator, node: nodes.admonition) -> None:
    kind = next((cls for cls in node["classes"] if cls in LATEX_ADMONITION), None)
    style = LATEX_ADMONITION.get(kind, "note")
    translator.body.append("\n" + r"\begin{sphinxadmonition}{%s}" % style)
    translator.no_latex_floats += 1


def depart_admonition_latex(translator: LaTeXTranslator, node: nodes.admonition) -> None:
    translator.body.append(r"\end{sphinxadmonition}" + "\n")
    translator.no_latex_floats -= 1


class AddPageSummary(SphinxTransform):
    """Put the description and tags right after the page's title (read time)."""

    default_priority = 801

    def apply(self, **kwargs: Any) -> None:
        meta = pages_of(self.env).get(self.env.docname)
        if meta is None or not (meta.description or meta.tags):
            return
        for section in self.document.findall(nodes.section):
            summary = page_summary(description=meta.description or "", tags=list(meta.tags))
            section.insert(1, summary)
            return


class ArrangePdfChapters(SphinxPostTransform):
    """The start page's text becomes chapter one; each page it lists, a chapter."""

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        start = self.config.latex_documents[0][0] if self.config.latex_documents else None
        if self.env.docname != start or getattr(self.document, "docusaurus_arranged", False):
            return
        self.document.docusaurus_arranged = True
        sections = [child for child in self.document.children if isinstance(child, nodes.section)]
        if not sections:
            return
        chapters = _take_top_level_pages(sections[0])
        for wrapper in list(sections[0].findall(nodes.compound)):
            if "toctree-wrapper" in wrapper["classes"] and not wrapper.children:
                wrapper.parent.remove(wrapper)
        meta = pages_of(self.env).get(start)
        title = meta.title if meta and meta.title else sections[0][0].astext()
        overview = nodes.section(ids=["docusaurus-pdf-overview"])
        overview += nodes.title(title, title)
        overview.extend(sections[0].children[1:])
        for later in sections[1:]:
            self.document.remove(later)
            overview += later
        top = nodes.section(ids=["docusaurus-pdf-document"])
        top += nodes.title(self.config.latex_documents[0][2], self.config.latex_documents[0][2])
        top += overview
        top.extend(chapters)
        self.document.replace(sections[0], top)


def _take_top_level_pages(container: nodes.Element) -> list[addnodes.start_of_file]:
    """Remove and return the pages inlined directly into ``container`` (not those nested in them).

    Walks the children lists rather than ``.parent``: Sphinx's toctree inlining
    reassigns ``children`` without updating the children's parent pointers.
    """
    found: list[addnodes.start_of_file] = []
    for child in list(container.children):
        if isinstance(child, addnodes.start_of_file):
            container.remove(child)
            found.append(child)
        elif isinstance(child, nodes.Element):
            found.extend(_take_top_level_pages(child))
    return found


def _add_pdf_metadata(app: Sphinx, builder: Any) -> None:
    """Subject (the home page's description) and keywords (every tag) in the PDF's info.

    Added to the LaTeX preamble once the environment is read: hyperref only
    writes document info given before the first page is shipped out.
    """
    if builder.name != "latex":
        return
    pages = pages_of(app.env)
    home = pages.get(app.config.root_doc)
    subject = (home.description if home else None) or app.config.project
    tags = sorted({tag for meta in pages.values() for tag in meta.tags}, key=str.casefold)

    def clean(text: str) -> str:
        # a hyperref key value: no TeX specials, and balanced braces guaranteed by removing them
        return "".join(ch for ch in text if ch not in "{}\\%#&$^_~")

    builder.context["preamble"] += "\n\\hypersetup{pdfsubject={%s},pdfkeywords={%s}}\n" % (
        clean(subject), clean(", ".join(tags))
    )


def setup_pdf(app: Sphinx) -> None:
    """Register the PDF-only nodes, visitors and transforms."""
    app.add_node(
        page_summary,
        latex=(visit_page_summary, None),
        html=(skip_node, None), text=(skip_node, None), man=(skip_node, None), texinfo=(skip_node, None),
    )
    app.add_node(nodes.admonition, override=True, latex=(visit_admonition_latex, depart_admonition_latex))
    app.add_transform(AddPageSummary)
    app.add_post_transform(ArrangePdfChapters)
    app.connect("write-started", _add_pdf_metadata)
