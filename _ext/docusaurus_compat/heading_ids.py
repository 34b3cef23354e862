"""Heading ids as Docusaurus gives them: github-slugger slugs, and ``{#id}`` kept verbatim.

Pure functions, no Sphinx. Docusaurus's headings plugin (``remark/headings``)
slugs a heading's text with github-slugger: lower case, every character that is
not a letter, mark, number, ``_``, ``-`` or space removed, spaces made ``-``;
a repeated slug gets ``-1``, ``-2``... per page. An explicit id
(``parseMarkdownHeadingId``: ``## Title {#my_id}``) is used exactly as written.
"""

from __future__ import annotations

import re
import unicodedata

HEADING_ID = "docusaurus_id"
"""The node attribute holding a heading's Docusaurus id (first of its ids once read)."""

# parseMarkdownHeadingId: "{#" then anything up to a "}" that ends the text; the id holds
# no "{#" and no "}". The space before it is not part of the heading.
CUSTOM_ID = re.compile(r"\s*\{#((?:.(?!\{#|\}))*.)\}$")
# The same id written as an MDX comment ({/* #id */}) or an HTML comment (<!-- #id -->).
# Only the comment's first word is the id: {/* #id1 more words */}.
MDX_COMMENT_ID = re.compile(r"^\{\s*/\*\s*#([^\s*]+)[^*]*(?:\*(?!/)[^*]*)*\*/\s*\}$")
HTML_COMMENT_ID = re.compile(r"^<!--\s*#((?:(?!-->)\S)+).*?-->$", re.DOTALL)


def _kept(character: str) -> bool:
    if character in " -_":
        return True
    return unicodedata.category(character)[0] in "LMN"


def github_slug(text: str) -> str:
    """The github-slugger slug of a heading's text (before de-duplication)."""
    return "".join(character for character in text.lower() if _kept(character)).replace(" ", "-")


class Slugger:
    """github-slugger's ``slug()``: a repeated slug gets ``-1``, ``-2``... on one page."""

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = result = github_slug(text)
        while result in self._occurrences:
            self._occurrences[base] += 1
            result = f"{base}-{self._occurrences[base]}"
        self._occurrences[result] = 0
        return result

    def unique(self, heading_id: str) -> str:
        """An explicit id, verbatim; ``-1``, ``-2``... only if the page already has it.

        Docusaurus would write the id twice (invalid HTML, and the second is unreachable);
        here the repeat gets a suffix, and a later heading's slug steps round it.
        """
        result = heading_id
        count = 0
        while result in self._occurrences:
            count += 1
            result = f"{heading_id}-{count}"
        self._occurrences[result] = 0
        return result
