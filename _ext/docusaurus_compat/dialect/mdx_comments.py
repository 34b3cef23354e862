"""MDX comments: ``{/* ... */}`` renders nothing, inline or on a line of its own.

An expression that holds only a comment is MDX's comment syntax; Docusaurus
sites use it for notes to authors (and for heading ids, :mod:`.headings`).
Inline, it is an ``mdx_comment`` token that the renderer skips.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

_INLINE = re.compile(r"\{\s*/\*.*?\*/\s*\}", re.DOTALL)
_BLOCK = re.compile(r"^\{\s*/\*.*?\*/\s*\}\s*$", re.DOTALL)


def mdx_comment_inline(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "{":
        return False
    match = _INLINE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        # kept as a token that renders nothing: a heading's slug counts its text, as in MDX
        token = state.push("mdx_comment", "", 0)
        token.content = match.group(0)[1:-1]
    state.pos = match.end()
    return True


def mdx_comment_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A comment that fills its lines (it may span several) is dropped like a blank line."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("{", start):
        return False
    line = start_line
    while line < end_line:
        text = state.src[start : state.eMarks[line]]
        if _BLOCK.match(text):
            if not silent:
                state.line = line + 1
            return True
        if "*/}" in state.src[state.bMarks[line] : state.eMarks[line]]:
            return False
        line += 1
    return False


def mdx_comments_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("text", "mdx_comment", mdx_comment_inline)
    md.block.ruler.before("table", "mdx_comment_block", mdx_comment_block, {"alt": ["paragraph"]})
