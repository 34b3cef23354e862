"""The HTML translator: heading anchors as Docusaurus shows them, code blocks keyboard-scrollable,
external links with ``rel="noopener noreferrer"``.

Sphinx's permalink is titled "Link to this heading" for every heading, which
gives screen-reader users a list of identical links; and it points at the
docutils id, where Docusaurus (and old deep links) use the GitHub-style slug.
Here each is a "#" link named "Direct link to <heading>".

A long code line makes its block scroll sideways; as in Docusaurus, every code
block's ``<pre>`` takes keyboard focus so that it can be scrolled without a mouse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import escape
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from .dialect.code_fences import LINE_CLASSES
from .url_policy import is_web_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _class_lines(html: str, line_classes: dict[int, list[str]]) -> str:
    """Wrap the given lines of a highlighted block in spans with their magic-comment classes.

    Pygments closes every span at the end of its line, so each line can be wrapped alone.
    """
    opening = html.find("<pre")
    body_start = html.find(">", opening) + 1
    body_end = html.rfind("</pre>")
    if opening < 0 or body_end < body_start:
        return html
    lines = html[body_start:body_end].split("\n")
    for number, classes in line_classes.items():
        if 0 < number <= len(lines) and classes:
            names = " ".join(escape(name) for name in classes)
            lines[number - 1] = f'<span class="{names}">{lines[number - 1]}</span>'
    return html[:body_start] + "\n".join(lines) + html[body_end:]


class DocusaurusHTMLTranslator(HTML5Translator):
    """HTML5 translator whose section permalinks name their heading."""

    def visit_reference(self, node: nodes.Element) -> None:
        super().visit_reference(node)
        if not node.get("internal") and is_web_url(node.get("refuri", "")):
            # another site gets neither a handle on this window nor the page's address
            self.body[-1] = self.body[-1].replace("<a ", '<a rel="noopener noreferrer" ', 1)

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        except nodes.SkipNode:
            # highlighted blocks are written in one piece, then skipped
            for index in range(start, len(self.body)):
                self.body[index] = self.body[index].replace("<pre>", '<pre tabindex="0">', 1)
                if node.get(LINE_CLASSES):
                    self.body[index] = _class_lines(self.body[index], node[LINE_CLASSES])
            raise

    def add_permalink_ref(self, node: nodes.Element, title: str) -> None:
        if not (
            isinstance(node, nodes.section)
            and node["ids"]
            and node.children
            and isinstance(node[0], nodes.title)
            and self.config.html_permalinks
            and self.builder.add_permalinks
        ):
            super().add_permalink_ref(node, title)
            return
        # ids[0] is the Docusaurus id (section_ids.py), or docutils' when a label holds that id
        anchor = node["ids"][0]
        label = self.attval(f"Direct link to {node[0].astext()}")
        self.body.append(
            f'<a class="headerlink" href="#{anchor}" aria-label="{label}" title="{label}">'
            f"{self.config.html_permalinks_icon}</a>"
        )


class OneIdPerTable(SphinxPostTransform):
    """furo wraps each table in a ``table-wrapper`` container and copies the table's ids onto it
    (its ``WrapTableAndMathInAContainerTransform``, priority 500): a table with an id or a caption
    (Sphinx gives captioned tables one, and its writer needs it) would carry the same id twice. The
    table keeps them."""

    default_priority = 501
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            wrapper = table.parent
            if isinstance(wrapper, nodes.container) and "table-wrapper" in wrapper["classes"]:
                wrapper["ids"] = [name for name in wrapper["ids"] if name not in table["ids"]]


def setup_html_translator(app: Sphinx) -> None:
    """Use the translator for the HTML builder."""
    app.set_translator("html", DocusaurusHTMLTranslator, override=True)
    app.add_post_transform(OneIdPerTable)
