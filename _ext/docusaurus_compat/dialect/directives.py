"""Leaf and text directives (``::name[label]{attrs}``, ``:name[label]{attrs}``) no plugin renders.

Docusaurus reads Markdown with remark-directive, so these are directives even
where nothing renders them: a leaf directive alone on its line, or a text
directive inside a sentence. Docusaurus then shows only the label and warns;
a text directive with neither label nor attributes (``Simple:word``) is put
back as the text it was. Container directives (``:::name``) are
:mod:`.admonitions`'.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

_NAME = r"[A-Za-z][\w-]*"
_LEAF = re.compile(rf"^::(?P<name>{_NAME})(?:\[(?P<label>[^\]\n]*)\])?(?P<attrs>\{{[^}}\n]*\}})?\s*$")
_ATTRS = r"\{[^}\n]*\}"
# a text directive needs a label or attributes: ":name" alone is text
_TEXT = re.compile(rf":(?P<name>{_NAME})(?:\[(?P<label>[^\]\n]*)\](?:{_ATTRS})?|{_ATTRS})")


def leaf_directive(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    start = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[start : state.eMarks[start_line]]
    match = _LEAF.match(line)
    if not match or line.startswith(":::"):
        return False
    if not silent:
        token = state.push("docusaurus_directive", "", 0)
        token.meta = {"name": match.group("name"), "label": match.group("label") or "", "kind": "leaf"}
        token.map = [start_line, start_line + 1]
    state.line = start_line + 1
    return True


def text_directive(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != ":" or (state.pos > 0 and state.src[state.pos - 1] == ":"):
        return False
    match = _TEXT.match(state.src, state.pos)
    if not match:
        return False  # ":name" alone stays text, as Docusaurus puts it back
    if not silent:
        token = state.push("docusaurus_directive", "", 0)
        token.meta = {"name": match.group("name"), "label": match.group("label") or "", "kind": "text"}
    state.pos = match.end()
    return True


def directives_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("paragraph", "docusaurus_leaf_directive", leaf_directive)
    md.inline.ruler.before("link", "docusaurus_text_directive", text_directive)
