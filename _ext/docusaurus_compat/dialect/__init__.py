"""The Docusaurus Markdown dialect: markdown-it rules and the renderer that knows them.

``dialect_plugin`` sets up MyST's markdown-it parser the way MDX reads
Markdown: no indented code blocks, ``import``/``export`` lines dropped,
``:::`` admonitions, JSX components, HTML written for JSX, ``{#id}`` headings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .admonitions import admonition_plugin
from .directives import directives_plugin
from .esm import esm_plugin
from .expressions import expressions_plugin
from .headings import headings_plugin
from .html import html_plugin
from .jsx import jsx_plugin
from .mdx_comments import mdx_comments_plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def markdown_format(setting: str, path: str) -> str:
    """``mdx`` or ``md`` for one file, as Docusaurus's ``markdown.format`` decides it.

    ``mdx`` (Docusaurus's default) reads every file as MDX; ``md`` reads every file
    as CommonMark; ``detect`` reads ``.mdx`` files as MDX and the others as CommonMark.
    """
    if setting == "detect":
        return "mdx" if str(path).endswith(".mdx") else "md"
    return "md" if setting == "md" else "mdx"


def dialect_plugin(md: MarkdownIt, markdown_format: str = "mdx") -> None:
    """Apply every dialect rule to a MyST markdown-it parser (``markdown_format``: mdx or md)."""
    # MyST's "% comment" lines and "+++" block breaks are text in Docusaurus (a line such as
    # "% of nodes" must not vanish)
    md.disable(["myst_line_comment", "myst_block_break"], ignoreInvalid=True)
    admonition_plugin(md)
    directives_plugin(md)
    if markdown_format == "mdx":
        md.disable("code")  # MDX has no indented code blocks
        esm_plugin(md)
        mdx_comments_plugin(md)
        expressions_plugin(md)
        jsx_plugin(md)
    html_plugin(md)
    headings_plugin(md, markdown_format)
