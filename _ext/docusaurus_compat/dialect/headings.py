r"""Docusaurus heading ids: ``## Heading {#custom-id}``, ``{/* #id */}`` and ``<!-- #id -->``.

The id suffix is removed from the heading text and kept, verbatim, in the
``heading_open`` token's meta (``docusaurus_id``); the renderer gives the
section that id (:mod:`..heading_ids`).
``\{#id}`` (the escaped form MDX needs) is the same id. An id is never a Sphinx
label: Docusaurus ids belong to their page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..heading_ids import CUSTOM_ID, HTML_COMMENT_ID, MDX_COMMENT_ID

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_TRAILING_COMMENT = re.compile(r"\s*(\{/\*.*?\*/\}|<!--.*?-->)$")


def _escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def trailing_id(raw: str, mdx: bool = True) -> tuple[str, str, str] | None:
    """``(id, raw suffix, shown suffix)`` of a heading's source text, or None.

    The shown suffix is what the suffix left in the heading's text tokens: ``{#id}``
    stays text until removed; a comment is a token of its own (``html_inline``,
    ``mdx_comment``), so it leaves nothing in the text.
    """
    comment = _TRAILING_COMMENT.search(raw)
    if comment:
        for pattern in (MDX_COMMENT_ID, HTML_COMMENT_ID) if mdx else (HTML_COMMENT_ID,):
            match = pattern.match(comment.group(1))
            if match:
                return match.group(1), comment.group(0), ""
        return None
    match = CUSTOM_ID.search(raw)
    if not match or not match.group(1).strip():
        return None
    start = raw.index("{#", match.start())
    # "\\{#id}" is the form MDX needs, and still the id (Docusaurus escapes "{#" itself)
    opening = start - 1 if _escaped(raw, start) else start
    suffix = raw[len(raw[:opening].rstrip()) :]
    return match.group(1).strip(), suffix, raw[start:].strip()


def _join_trailing_text(children: list[Token]) -> None:
    """Merge the text at the end (an escape, ``\\{``, is a token of its own until text_join)."""
    while len(children) >= 2 and {children[-1].type, children[-2].type} <= {"text", "text_special"}:
        last = children.pop()
        children[-1].content += last.content
        children[-1].type = "text"


def custom_heading_ids(state: StateCore) -> None:
    """MDX: ``{#id}``, ``{/* #id */}`` (and, leniently, ``<!-- #id -->``)."""
    _heading_ids(state, mdx=True)


def custom_heading_ids_commonmark(state: StateCore) -> None:
    """CommonMark: ``{#id}`` and ``<!-- #id -->``."""
    _heading_ids(state, mdx=False)


def _heading_ids(state: StateCore, mdx: bool) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        raw = inline.content.rstrip()
        found = trailing_id(raw, mdx)
        if not found or not inline.children:
            continue
        heading_id, raw_suffix, shown = found
        _join_trailing_text(inline.children)
        last = inline.children[-1]
        if not shown:
            if last.type not in ("html_inline", "mdx_comment"):
                continue
            inline.children.pop()  # the comment goes, the text before it stays
        elif last.type != "text" or not last.content.rstrip().endswith(shown):
            continue  # escapes inside the id: the text no longer spells it
        if inline.children and inline.children[-1].type == "text":
            last = inline.children[-1]
            text = last.content.rstrip()
            last.content = text[: len(text) - len(shown)].rstrip() if shown else text
            if not last.content:
                inline.children.pop()
        inline.content = raw[: len(raw) - len(raw_suffix)].rstrip()
        token.meta["docusaurus_id"] = heading_id


def headings_plugin(md: MarkdownIt, markdown_format: str = "mdx") -> None:
    if markdown_format == "mdx":
        md.core.ruler.after("inline", "docusaurus_heading_ids", custom_heading_ids)
    else:  # CommonMark: {/* #id */} is text
        md.core.ruler.after("inline", "docusaurus_heading_ids", custom_heading_ids_commonmark)
