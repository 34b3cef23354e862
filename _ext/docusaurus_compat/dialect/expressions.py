"""MDX expressions in text: ``{"literal"}``, ``{42}``, ``{someValue}``.

In MDX every ``{`` in text opens a JavaScript expression, whose value is shown.
A string or number literal is shown as the text it is (``{" "}`` is a space,
a common way to keep a space next to a component). Anything else needs the
site's JavaScript, which this build does not run: it is left out with a
warning, and never shown as source. ``{doc}`page``` is a MyST role, as
before (Docusaurus pages never write a name in braces before a backtick). Comments (``{/* */}``) are
:mod:`.mdx_comments`'; ``{props.x}`` in partials is filled in before parsing.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from .jsx import _skip_expression

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_ROLE_NAME = re.compile(r"^[A-Za-z][\w:+.-]*$")


def literal_value(source: str) -> str | None:
    """The text a literal expression shows (``"a"``, ``'a'``, `` `a` ``, ``42``), or None."""
    source = source.strip()
    if _NUMBER.match(source):
        return source
    if len(source) >= 2 and source[0] == source[-1] and source[0] in "\"'`":
        body = source[1:-1]
        if source[0] == "`":
            return None if "${" in body else body
        if source[0] == "'":
            body = body.replace('\\"', '"').replace("\\'", "'").replace('"', '\\"')
        try:
            value = json.loads(f'"{body}"')
        except ValueError:
            return None
        return value if isinstance(value, str) else None
    return None


def mdx_expression(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "{":
        return False
    if state.src.rfind("{#", 0, state.pos) > state.src.rfind("}", 0, state.pos):
        return False  # inside a "{#id" being written: the id may hold braces ({#b{cd})
    end = _skip_expression(state.src, state.pos)
    if end is None or state.src[state.pos + 1 : end - 1].lstrip().startswith("#"):
        # "{#id}" is a heading id (or text), never JavaScript: no expression starts with "#"
        return False
    if _ROLE_NAME.match(state.src[state.pos + 1 : end - 1]) and state.src.startswith("`", end):
        return False  # {doc}`page`: a MyST role (this site's cross-references), not an expression
    if not silent:
        token = state.push("mdx_expression", "", 0)
        token.content = state.src[state.pos + 1 : end - 1]
    state.pos = end
    return True


def expressions_plugin(md: MarkdownIt) -> None:
    # after mdx_comment (which takes {/* */}) and before the text rule
    md.inline.ruler.after("mdx_comment", "mdx_expression", mdx_expression)
