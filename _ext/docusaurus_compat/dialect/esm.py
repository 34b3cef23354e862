"""MDX ``import``/``export`` lines: dropped wherever they stand.

A core rule removes them from the source before block parsing (so a table
around one stays whole), and a second rule, after block parsing, shifts every
token's line map back, so warnings keep the lines of the original file. Lines
inside fenced code are left alone.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

_ESM = re.compile(
    r"""^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?["'][^"']+["'];?"""
    r"""|export\s+(?:default\s+|const\s+|let\s+|function\s+|\{)).*$"""
)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def esm_lines(lines: list[str]) -> list[int]:
    """Indexes of ESM lines outside fenced code."""
    found = []
    fence: str | None = None
    for index, line in enumerate(lines):
        marker = _FENCE.match(line)
        if marker:
            if fence is None:
                fence = marker.group(1)[0] * len(marker.group(1))
            elif marker.group(1).startswith(fence):
                fence = None
            continue
        if fence is None and _ESM.match(line):
            found.append(index)
    return found


def drop_esm(state: StateCore) -> None:
    lines = state.src.split("\n")
    removed = esm_lines(lines)
    state.env["_esm_removed"] = removed
    if removed:
        skip = set(removed)
        state.src = "\n".join(line for index, line in enumerate(lines) if index not in skip)


def restore_lines(state: StateCore) -> None:
    removed: list[int] = state.env.pop("_esm_removed", [])
    if not removed:
        return

    def original(line: int) -> int:
        # each removed line at or before the original position shifts it by one
        shifted = line
        while True:
            count = bisect.bisect_right(removed, shifted)
            if line + count == shifted:
                return shifted
            shifted = line + count

    for token in state.tokens:
        if token.map:
            token.map = [original(token.map[0]), original(token.map[1] - 1) + 1]


def esm_plugin(md: MarkdownIt) -> None:
    """Register the two core rules around block parsing."""
    md.core.ruler.before("block", "mdx_esm_drop", drop_esm)
    md.core.ruler.after("block", "mdx_esm_lines", restore_lines)
