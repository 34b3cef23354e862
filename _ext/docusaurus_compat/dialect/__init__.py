"""The Docusaurus Markdown dialect: markdown-it rules and the renderer that knows them.

``dialect_plugin`` sets up MyST's markdown-it parser the way MDX reads
Markdown: no indented code blocks, ``import``/``export`` lines dropped,
``:::`` admonitions, JSX components, HTML written for JSX, ``{#id}`` headings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .admonitions import admonition_plugin
from .esm import esm_plugin
from .headings import headings_plugin
from .html import html_plugin
from .jsx import jsx_plugin
from .mdx_comments import mdx_comments_plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def dialect_plugin(md: MarkdownIt) -> None:
    """Apply every dialect rule to a MyST markdown-it parser."""
    md.disable("code")  # MDX has no indented code blocks
    esm_plugin(md)
    admonition_plugin(md)
    mdx_comments_plugin(md)
    jsx_plugin(md)
    html_plugin(md)
    headings_plugin(md)
