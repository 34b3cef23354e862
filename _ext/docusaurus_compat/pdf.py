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

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.images import ImageConverter

from .dialect.admonitions import ADMONITIONS
from .icons import icon_svg
from .page_model import pages_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

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
    style = ADMONITIONS.latex_style(node["classes"])
    translator.body.append("\n" + r"\begin{sphinxadmonition}{%s}" % style)
    translator.no_latex_floats += 1


def depart_admonition_latex(translator: LaTeXTranslator, node: nodes.admonition) -> None:
    translator.body.append(r"\end{sphinxadmonition}" + "\n")
    translator.no_latex_floats -= 1


class AddPageSummary(SphinxTransform):
    """Put the description and tags right after the page's title (read time).

    Tags also become index entries ("security (tag)"), so the PDF's index lists
    every page of a tag, as the HTML tag pages do.
    """

    default_priority = 801

    def apply(self, **kwargs: Any) -> None:
        meta = pages_of(self.env).get(self.env.docname)
        if meta is None or not (meta.description or meta.tags):
            return
        for section in self.document.findall(nodes.section):
            summary = page_summary(description=meta.description or "", tags=list(meta.tags))
            section.insert(1, summary)
            if meta.tags:
                target_id = f"docusaurus-tags-{self.env.new_serialno('docusaurus-tags')}"
                entries = [("single", f"{tag} (tag)", target_id, "", None) for tag in meta.tags]
                section.insert(1, addnodes.index(entries=entries))
                section.insert(1, nodes.target("", "", ids=[target_id]))
            return


class ArrangePdfChapters(SphinxPostTransform):
    """The start page's text becomes chapter one; each page it lists, a chapter."""

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        start = self.config.latex_documents[0][0] if self.config.latex_documents else None
        if self.env.docname != start or self.document.get("docusaurus_arranged"):
            return
        if self.config.docusaurus_site_dir:
            return  # a whole site's book is put together from its sidebars (site_pdf.py)
        self.document["docusaurus_arranged"] = True
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
        pages = pages_of(self.env)
        for docname, section in [(start, overview)] + [
            (chapter["docname"], next(iter(chapter.findall(nodes.section)), None)) for chapter in chapters
        ]:
            meta = pages.get(docname)
            icon = meta.icon if meta else None
            heading = section[0] if section is not None and section.children else None
            if icon and isinstance(heading, nodes.Element):
                # \texorpdfstring: the icon stays out of the PDF outline
                latex = "\\texorpdfstring{%s}{}" % _icon_macro(icon)
                heading.insert(0, nodes.raw("", latex, format="latex"))
        top = nodes.section(ids=["docusaurus-pdf-document"])
        top += nodes.title(self.config.latex_documents[0][2], self.config.latex_documents[0][2])
        top += overview
        top.extend(chapters)
        self.document.replace(sections[0], top)


# Unicode blocks of symbols and emoji that text fonts lack: arrows, technical and
# miscellaneous symbols, dingbats, emoji and pictographs.
SYMBOL_RANGES = ((0x2190, 0x21FF), (0x2300, 0x23FF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF))
# Invisible joiners and variation selectors inside emoji sequences: printed as nothing.
INVISIBLE = {0x200D, 0xFE0E, 0xFE0F}


def _symbol_fallbacks(app: Sphinx) -> str:
    """``\\newunicodechar`` for each symbol or emoji the pages use, set in the symbol font.

    XeLaTeX has no font fallback: without this, such characters vanish with a
    "Missing character" warning in the log.
    """
    font = app.config.docusaurus_latex_symbol_font
    if not font:
        return ""
    used: set[int] = set()
    for docname in sorted(app.env.found_docs):
        for char in app.env.get_doctree(docname).astext():
            code = ord(char)
            if code in INVISIBLE or any(low <= code <= high for low, high in SYMBOL_RANGES):
                used.add(code)
    if not used:
        return ""
    lines = ["\\usepackage{newunicodechar}", "\\newfontfamily\\docusaurussymbols{%s}" % font]
    for code in sorted(used):
        shown = "" if code in INVISIBLE else "{\\docusaurussymbols %s}" % chr(code)
        lines.append("\\newunicodechar{%s}{%s}" % (chr(code), shown))
    return "\n".join(lines) + "\n"


def _list_depth(app: Sphinx, config: Any) -> None:
    # Docusaurus pages nest lists deeper than LaTeX's default of six levels
    config.latex_elements.setdefault("maxlistdepth", "10")


def _icon_macro(icon: str) -> str:
    """``shield-halved`` -> ``\\docusaurusIconShieldHalved`` (robust: survives upper-cased titles)."""
    return "\\docusaurusIcon" + "".join(part.capitalize() for part in icon.split("-") if part.isalpha())


def _icon_definitions(outdir: str | Path, icons: set[str]) -> str:
    """Write each icon as a vector PDF beside the .tex file; return the macros that show them."""
    import cairosvg

    lines = []
    for icon in sorted(icons):
        target = Path(outdir) / f"docusaurus-icon-{icon}.pdf"
        svg = icon_svg(icon).replace('fill="currentColor"', 'fill="#1f4e79"')
        cairosvg.svg2pdf(bytestring=svg.encode(), write_to=str(target))
        lines.append(
            "\\DeclareRobustCommand{%s}{\\raisebox{-0.1em}{\\includegraphics[height=0.9em]{%s}}\\hspace{0.3em}}"
            % (_icon_macro(icon), target.name)
        )
    return "\n".join(lines) + "\n"


class WebpAndSvgConverter(ImageConverter):
    """WebP to PNG (Pillow) and SVG to PDF (cairosvg, vector) for the LaTeX builder."""

    default_priority = 200
    formats = ("latex",)  # browsers show WebP and SVG as they are
    conversion_rules = [("image/webp", "image/png"), ("image/svg+xml", "application/pdf")]  # noqa: RUF012 - Sphinx's API

    def is_available(self) -> bool:
        return True

    def match(self, node: nodes.image) -> bool:
        # a missing image was already reported where it stands; nothing to convert
        candidates: dict[str, str] = node.get("candidates", {})
        if not any(path in self.env.images for path in candidates.values()):
            return False
        return super().match(node)

    def convert(self, _from: str | os.PathLike[str], _to: str | os.PathLike[str]) -> bool:
        if str(_from).lower().endswith(".svg"):
            import cairosvg

            cairosvg.svg2pdf(url=str(_from), write_to=str(_to))
        else:
            from PIL import Image

            with Image.open(_from) as image:
                image.save(_to, "PNG")
        return True


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


def _extend_latex_preamble(app: Sphinx, builder: Any) -> None:
    """PDF info and icon macros, added to the preamble once the environment is read.

    Subject is the home page's description and keywords are every tag (hyperref
    only writes document info given before the first page is shipped out); each
    icon a page uses gets a macro that shows its SVG, converted to vector PDF.
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
    builder.context["preamble"] += _symbol_fallbacks(app)
    icons = {meta.icon for meta in pages.values() if meta.icon}
    Path(builder.outdir).mkdir(parents=True, exist_ok=True)
    builder.context["preamble"] += _icon_definitions(builder.outdir, icons)


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
    app.add_post_transform(WebpAndSvgConverter)
    app.connect("config-inited", _list_depth)
    app.connect("write-started", _extend_latex_preamble)
