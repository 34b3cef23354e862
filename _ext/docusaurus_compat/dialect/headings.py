"""Docusaurus heading ids: ``## Heading {#custom-id}``.

The ``{#id}`` suffix is removed from the heading text and becomes the
section's id; every other heading keeps the GitHub-style slug MyST gives it
(``myst_heading_slug_func = "github"``), which is what Docusaurus uses.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

_CUSTOM_ID = re.compile(r"\s*\{#([\w.:-]+)\}\s*$")


def custom_heading_ids(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        if not inline.children or inline.children[-1].type != "text":
            continue
        last = inline.children[-1]
        match = _CUSTOM_ID.search(last.content)
        if not match:
            continue
        last.content = last.content[: match.start()]
        inline.content = _CUSTOM_ID.sub("", inline.content)
        token.attrs["id"] = match.group(1)


def headings_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "docusaurus_heading_ids", custom_heading_ids)
