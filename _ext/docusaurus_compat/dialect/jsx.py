"""JSX component tags in Markdown, as MDX reads them.

Component tags (``<Tabs groupId="x">``, ``<PartialsComponent .../>``,
``<Tooltip trigger={<u>x</u>}>``) and ``<details>``/``<summary>`` become
tokens carrying the tag name and attributes, at block level (a tag at the start
of a line, at any indentation) and inline. A core rule then pairs opening and
closing tags that sit at the same level into ``jsx_open``/``jsx_close``
(``jsx_inline_open``/``jsx_inline_close``), so the renderer gets a tree; a tag
that cannot be paired becomes a lone ``jsx_tag`` (``jsx_inline_tag``).

Attribute values: ``"text"``/``'text'`` are strings, ``{...}`` is kept as a
:class:`Expression` (its source text), a bare name is ``True``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

# Lower-case HTML elements that MDX authors use as components.
HTML_COMPONENTS = frozenset({"details", "summary"})
_NAME = re.compile(r"[A-Za-z][\w.\-:]*")
_ATTR_NAME = re.compile(r"[A-Za-z_:][\w.\-:]*")


@dataclasses.dataclass(frozen=True)
class Expression:
    """A ``{...}`` attribute value, as written (without the outer braces)."""

    source: str


@dataclasses.dataclass
class JsxTag:
    """One parsed tag."""

    name: str
    kind: str  # "open", "close" or "self"
    attrs: dict[str, object]
    start: int  # index of the "<"
    end: int  # index just after the tag (or after the text of a one-line <summary>)
    raw: str
    summary: str | None = None  # the text of a one-line <summary>...</summary>


def is_component_name(name: str) -> bool:
    """Components start with a capital letter (or are details/summary)."""
    return name[:1].isupper() or name.lower() in HTML_COMPONENTS


def _skip_string(src: str, pos: int) -> int:
    quote = src[pos]
    pos += 1
    while pos < len(src) and src[pos] != quote:
        pos += 2 if src[pos] == "\\" else 1
    return pos + 1


def _skip_expression(src: str, pos: int) -> int | None:
    """Index after the ``}`` closing the ``{`` at ``pos`` (strings and template literals skipped)."""
    depth = 0
    while pos < len(src):
        char = src[pos]
        if char in "\"'`":
            pos = _skip_string(src, pos)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    return None


def parse_tag(src: str, pos: int = 0, html_elements: bool = False) -> JsxTag | None:
    """Parse a JSX tag starting at ``src[pos] == "<"``; None if it is not one.

    ``html_elements``: also a lowercase element whose attributes hold a ``{...}``
    expression (``<button onClick={...}>``), which only JSX can be, and any lowercase
    closing tag (the caller checks that it closes one of those).
    """
    tag = _parse_tag(src, pos, html_elements)
    if tag is None or is_component_name(tag.name) or tag.kind == "close":
        return tag
    return tag if any(isinstance(value, Expression) for value in tag.attrs.values()) else None


def _parse_tag(src: str, pos: int, html_elements: bool) -> JsxTag | None:
    start = pos
    if src[pos : pos + 1] != "<":
        return None
    pos += 1
    closing = src[pos : pos + 1] == "/"
    if closing:
        pos += 1
    match = _NAME.match(src, pos)
    if not match or not (html_elements or is_component_name(match.group())):
        return None
    name = match.group()
    pos = match.end()
    attrs: dict[str, object] = {}
    while pos < len(src):
        while pos < len(src) and src[pos].isspace():
            pos += 1
        if src.startswith("/>", pos):
            if closing:
                return None
            return JsxTag(name, "self", attrs, start, pos + 2, src[start : pos + 2])
        if src.startswith(">", pos):
            return JsxTag(name, "close" if closing else "open", attrs, start, pos + 1, src[start : pos + 1])
        if closing:
            return None
        if src.startswith("{", pos):  # {...spread}
            end = _skip_expression(src, pos)
            if end is None:
                return None
            pos = end
            continue
        attr = _ATTR_NAME.match(src, pos)
        if not attr:
            return None
        key = attr.group()
        pos = attr.end()
        while pos < len(src) and src[pos] in " \t":
            pos += 1
        if not src.startswith("=", pos):
            attrs[key] = True
            continue
        pos += 1
        while pos < len(src) and src[pos].isspace():
            pos += 1
        if pos >= len(src):
            return None
        if src[pos] in "\"'":
            end = _skip_string(src, pos)
            if end > len(src):
                return None
            attrs[key] = src[pos + 1 : end - 1]
            pos = end
        elif src[pos] == "{":
            end = _skip_expression(src, pos)
            if end is None:
                return None
            attrs[key] = Expression(src[pos + 1 : end - 1].strip())
            pos = end
        else:
            return None
    return None


def _line_tags(src: str, pos: int) -> list[JsxTag] | None:
    """Tags that fill a line from ``pos`` (a tag may run onto later lines).

    None when text stands beside them: then, as in MDX, they are inline.
    """
    tags: list[JsxTag] = []
    cursor = pos
    while True:
        tag = parse_tag(src, cursor)
        if tag is None:
            return None
        tags.append(tag)
        cursor = tag.end
        end_of_line = src.find("\n", cursor)
        end_of_line = len(src) if end_of_line == -1 else end_of_line
        if tag.name.lower() == "summary" and tag.kind == "open":
            close = src.find("</summary>", cursor, end_of_line)
            if close == -1:
                return None
            tag.kind = "self"
            tag.summary = src[cursor:close].strip()
            cursor = close + len("</summary>")
        rest = src[cursor:end_of_line]
        if not rest.strip():
            tags[-1].end = cursor
            return tags
        stripped = len(rest) - len(rest.lstrip())
        cursor += stripped
        if src[cursor] != "<":
            return None


def _line_of(state: StateBlock, offset: int, start_line: int, end_line: int) -> int:
    """The 0-based line holding ``offset``, searching from ``start_line``."""
    line = start_line
    while line + 1 < end_line and state.bMarks[line + 1] <= offset:
        line += 1
    return line


def jsx_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A line holding only component tags (any indentation: MDX has no indented code)."""
    pos = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[pos : pos + 1] != "<":
        return False
    tags = _line_tags(state.src, pos)
    if not tags:
        return False
    last_line = _line_of(state, tags[-1].end - 1, start_line, end_line)
    if last_line >= end_line:
        return False
    if silent:
        return True
    line = start_line
    for tag in tags:
        first = _line_of(state, tag.start, line, end_line)
        token = state.push("jsx_tag", "", 0)
        token.meta = {"name": tag.name, "kind": tag.kind, "attrs": tag.attrs}
        if tag.summary is not None:
            token.meta["text"] = tag.summary
        token.content = tag.raw
        token.map = [first, _line_of(state, tag.end - 1, first, end_line) + 1]
        line = token.map[1] - 1
    state.line = last_line + 1
    return True


def jsx_inline(state: StateInline, silent: bool) -> bool:
    """A component tag inside text."""
    if state.src[state.pos] != "<":
        return False
    tag = parse_tag(state.src, state.pos, html_elements=True)
    if tag is None:
        return False
    if tag.kind == "close" and not is_component_name(tag.name) and not any(
        token.type == "jsx_inline_tag" and token.meta["name"] == tag.name and token.meta["kind"] == "open"
        for token in state.tokens
    ):
        return False  # </b> closing ordinary HTML
    if not silent:
        token = state.push("jsx_inline_tag", "", 0)
        token.meta = {"name": tag.name, "kind": tag.kind, "attrs": tag.attrs}
        token.content = tag.raw
    state.pos = tag.end
    return True


def _balanced(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the tokens strictly between two indexes close everything they open."""
    depth = 0
    for token in tokens[start + 1 : end]:
        depth += token.nesting
        if depth < 0:
            return False
    return depth == 0


def _pair(tokens: list[Token], tag_type: str, prefix: str) -> None:
    """Turn matching open/close tags around balanced content into nesting tokens."""
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token.type != tag_type:
            continue
        kind = token.meta["kind"]
        if kind == "open":
            stack.append(index)
        elif kind == "close":
            for depth in range(len(stack) - 1, -1, -1):
                opener = tokens[stack[depth]]
                if opener.meta["name"] == token.meta["name"] and _balanced(tokens, stack[depth], index):
                    opener.type, opener.nesting = f"{prefix}_open", 1
                    token.type, token.nesting = f"{prefix}_close", -1
                    del stack[depth:]
                    break


def pair_tags(state: StateCore) -> None:
    """Core rule: pair block tags, then inline tags inside each inline token."""
    _pair(state.tokens, "jsx_tag", "jsx")
    for token in state.tokens:
        if token.type == "inline" and token.children:
            _pair(token.children, "jsx_inline_tag", "jsx_inline")


def jsx_plugin(md: MarkdownIt) -> None:
    """Register the JSX rules (block before html_block, inline before html_inline)."""
    md.block.ruler.before(
        # like MDX's jsx-flow, a line holding only tags interrupts a paragraph (a line with
        # text beside its tags stays inline: jsx_block refuses it)
        "html_block", "jsx_block", jsx_block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.inline.ruler.before("html_inline", "jsx_inline", jsx_inline)
    md.core.ruler.after("inline", "jsx_pair", pair_tags)
