"""Reading a source file: one decoding rule, and front matter parsed once per text.

Every reader of Markdown files (the navigation scan, the root-page choice, the
partials index and the partials themselves) decodes with :func:`decode_source`,
which is what Sphinx does for the pages it reads: UTF-8, a byte-order mark
dropped, ``\\r\\n`` and ``\\r`` read as line ends, NUL kept as a character, and
anything that is not UTF-8 refused with the line and column where it stops
being so (:class:`NotUtf8Error`).

:func:`front_matter` keeps the parsed front matter by a digest of its text, so
the navigation scan (before reading) and the parser (while reading, in this
process or a reader process forked from it) share one parse of each page.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
from pathlib import Path
from typing import Any

from .frontmatter_loader import FrontMatterBlock, Problem, find_front_matter
from .frontmatter_schema import ParsedFrontMatter, parse_front_matter

# Enough for every page of a large site; past it, the oldest parse is dropped.
_CACHE_SIZE = 50_000
_cache: dict[bytes, ParsedFrontMatter] = {}


class NotUtf8Error(Exception):
    """A source that is not UTF-8 text; ``line`` and ``column`` say where it stops being so."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}")
        self.line = line
        self.column = column


def decode_source(data: bytes) -> str:
    """A source file's text, as Sphinx reads a page (strict UTF-8, universal line ends)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]  # positions below count from after it, as an editor does
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # \r\n and a lone \r end a line, as they do for the text
        before = data[: error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        raise NotUtf8Error(before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_source(path: Path) -> str:
    """:func:`decode_source` of a file (``OSError`` when it cannot be read)."""
    return decode_source(path.read_bytes())


@dataclasses.dataclass(frozen=True)
class FrontMatter:
    """A text's front matter: where it is (or why it is not) and its checked values.

    ``block`` is None when the text has none, a :class:`Problem` when it is never
    closed; ``parsed`` is set only for a closed block. Shared between readers:
    never modify it.
    """

    block: FrontMatterBlock | Problem | None
    parsed: ParsedFrontMatter | None

    @property
    def values(self) -> dict[str, Any]:
        """The checked values (empty when there are none)."""
        return self.parsed.values if self.parsed is not None else {}


def front_matter(text: str, extra_keys: frozenset[str] = frozenset()) -> FrontMatter:
    """Find and parse the front matter of a source text, once per distinct block."""
    block = find_front_matter(text)
    if not isinstance(block, FrontMatterBlock):
        return FrontMatter(block, None)
    digest = hashlib.sha256(
        repr((block.yaml, block.first_line, sorted(extra_keys))).encode("utf-8", "surrogatepass")
    ).digest()
    parsed = _cache.get(digest)
    if parsed is None:
        parsed = parse_front_matter(block, extra_keys)
        if len(_cache) >= _CACHE_SIZE:
            del _cache[next(iter(_cache))]
        _cache[digest] = parsed
    return FrontMatter(block, parsed)


def body_of(text: str) -> str:
    """The source text after its front matter (all of it when there is none)."""
    block = find_front_matter(text)
    return text[block.body_offset :] if isinstance(block, FrontMatterBlock) else text
