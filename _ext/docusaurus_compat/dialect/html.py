"""Raw HTML as Docusaurus authors write it, made into Markdown tokens.

* ``<br>``, ``<br/>``, ``<br />``, ``<br / >`` inside text: a line break
  (MyST's hard break: ``<br />`` in HTML, ``\\\\`` in LaTeX).
* ``<a href="page.md">text</a>``: a Markdown link, so it is resolved and
  checked like any other.
* HTML comments inside text: nothing.
* JSX spellings in raw HTML blocks: ``className`` becomes ``class`` and
  ``style={{...}}`` is dropped (it is not HTML, and must not leak).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

BR = re.compile(r"^<br\s*/?\s*/?\s*>$", re.IGNORECASE)
_A_OPEN = re.compile(r"""^<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>$""", re.IGNORECASE)
_A_CLOSE = re.compile(r"^</a\s*>$", re.IGNORECASE)
_COMMENT = re.compile(r"^<!--.*-->$", re.DOTALL)
_JSX_STYLE = re.compile(r"\s+style=\{\{.*?\}\}", re.DOTALL)
_CLASS_NAME = re.compile(r"\bclassName=")


def clean_jsx_html(html: str) -> str:
    """``className`` -> ``class``; JSX ``style={{...}}`` removed."""
    return _CLASS_NAME.sub("class=", _JSX_STYLE.sub("", html))


_BR_IN_TEXT = re.compile(r"<br\s*/?\s*/?\s*>", re.IGNORECASE)


def _split_text_breaks(token: Token) -> list[Token]:
    """``<br / >`` is not an HTML tag to markdown-it, so it arrives as text."""
    parts = _BR_IN_TEXT.split(token.content)
    if len(parts) == 1:
        return [token]
    tokens: list[Token] = []
    for index, part in enumerate(parts):
        if index:
            tokens.append(Token("hardbreak", "br", 0))
        if part:
            tokens.append(Token("text", "", 0, content=part))
    return tokens


def _convert_inline(children: list[Token]) -> list[Token]:
    result: list[Token] = []
    open_link: Token | None = None
    for token in children:
        if token.type == "text":
            result.extend(_split_text_breaks(token))
            continue
        if token.type != "html_inline":
            result.append(token)
            continue
        content = token.content.strip()
        if BR.match(content):
            result.append(Token("hardbreak", "br", 0))
            continue
        if _COMMENT.match(content):
            continue
        anchor = _A_OPEN.match(content)
        if anchor and open_link is None:
            href = anchor.group(1) if anchor.group(1) is not None else anchor.group(2)
            open_link = Token("link_open", "a", 1, attrs={"href": href})
            result.append(open_link)
            continue
        if _A_CLOSE.match(content) and open_link is not None:
            result.append(Token("link_close", "a", -1))
            open_link = None
            continue
        token.content = clean_jsx_html(token.content)
        result.append(token)
    if open_link is not None:  # never closed: keep the text, drop the tag
        result.remove(open_link)
    return result


def html_to_markdown(state: StateCore) -> None:
    """Core rule (after inline parsing)."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _convert_inline(token.children)
        elif token.type == "html_block":
            token.content = clean_jsx_html(token.content)


def html_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "docusaurus_html", html_to_markdown)
