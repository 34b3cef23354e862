"""Docusaurus admonitions: ``:::note``, ``:::info[Title]``, ``:::warning Some title``.

A block rule (before MyST's colon fence, which would turn these into plain
divs and drop the title) reads the fence and emits one
``docusaurus_admonition`` token whose content is the body, dedented. Nesting
works with more colons (as in Docusaurus) and with equal colons (an inner
opener is counted). A closer stranded at the end of a text line
(``... for CloudWatch. :::``) still closes; the renderer then warns.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

KNOWN_TYPES = ("note", "tip", "info", "warning", "caution", "danger", "preview", "further")

_OPENER = re.compile(r"^(?P<colons>:{3,})(?P<type>[A-Za-z][\w-]*)(?P<rest>.*)$")
_CLOSER = re.compile(r"^(?P<colons>:{3,})\s*$")
_STRANDED = re.compile(r"^(?P<text>.*\S)[ \t]+(?P<colons>:{3,})\s*$")


def parse_opener_info(rest: str) -> str | None:
    """The title after the type: ``[Title]`` or `` Some sentence`` (None if none)."""
    rest = rest.strip()
    if rest.startswith("[") and "]" in rest:
        return rest[1 : rest.rindex("]")].strip() or None
    return rest or None


def admonition_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Read one ``:::type`` fence (any indentation)."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[start : state.eMarks[start_line]]
    opener = _OPENER.match(first)
    if not opener:
        return False
    if silent:
        return True
    colons = len(opener.group("colons"))
    depth = 0
    line = start_line + 1
    stranded_line: int | None = None
    body_end = None
    last_text = ""
    while line < end_line:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if state.sCount[line] < state.blkIndent and text.strip():
            break  # the enclosing list item or block quote ended
        inner = _OPENER.match(text)
        if inner and len(inner.group("colons")) == colons:
            depth += 1
        closer = _CLOSER.match(text)
        if closer and len(closer.group("colons")) >= colons:
            if depth == 0:
                body_end = line
                break
            depth -= 1
        stranded = _STRANDED.match(text)
        if stranded and depth == 0 and len(stranded.group("colons")) >= colons:
            body_end = line + 1
            stranded_line = line
            last_text = text[: stranded.start("colons")].rstrip()
            break
        line += 1

    closed = body_end is not None
    if body_end is None:
        body_end = line
    lines = [
        state.src[state.bMarks[index] : state.eMarks[index]]
        for index in range(start_line + 1, body_end)
    ]
    if stranded_line is not None:
        prefix = state.src[state.bMarks[stranded_line] : state.bMarks[stranded_line] + state.tShift[stranded_line]]
        lines[-1] = prefix + last_text
    token = state.push("docusaurus_admonition", "aside", 0)
    token.info = opener.group("type")
    token.meta = {
        "type": opener.group("type").lower(),
        "title": parse_opener_info(opener.group("rest")),
        # relative to the opener: token maps are shifted later (nested renders, dropped ESM lines)
        "stranded_offset": None if stranded_line is None else stranded_line - start_line,
        "closed": closed,
    }
    token.content = textwrap.dedent("\n".join(lines))
    token.map = [start_line, body_end if stranded_line is not None or not closed else body_end + 1]
    state.line = token.map[1]
    return True


def admonition_plugin(md: MarkdownIt) -> None:
    """Register the rule ahead of MyST's colon fences."""
    anchor = "colon_fence" if "colon_fence" in [rule.name for rule in md.block.ruler.__rules__] else "fence"
    md.block.ruler.before(
        anchor, "docusaurus_admonition", admonition_block,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
