"""MDX ``import``/``export`` lines: dropped wherever they stand, their bindings kept.

A core rule removes them from the source before block parsing (so a table
around one stays whole), and a second rule, after block parsing, shifts every
token's line map back, so warnings keep the lines of the original file. Lines
inside fenced code are left alone.

What the page can use of them is kept in the parser's environment
(:data:`IMPORTS`, :data:`EXPORTS`): ``import Name from './_file.mdx'`` (a
Markdown file the page shows as ``<Name />``), the other default imports
(``@theme/Tabs``, a site's own components), and ``export const name = "text"``
(shown as ``{name}``).
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
_DEFAULT_IMPORT = re.compile(r"""^import\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\}\s*)?from\s+["']([^"']+)["']""")
_CONST_EXPORT = re.compile(r"""^export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*(.+?);?\s*$""")

IMPORTS = "mdx_imports"
"""Parser-environment key: default import name -> (module specifier, line number)."""
EXPORTS = "mdx_exports"
"""Parser-environment key: ``export const`` name -> its literal source text."""


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


def esm_bindings(lines: list[str], indexes: list[int]) -> tuple[dict[str, tuple[str, int]], dict[str, str]]:
    """The default imports and ``export const`` values of the ESM lines at ``indexes``."""
    imports: dict[str, tuple[str, int]] = {}
    exports: dict[str, str] = {}
    for index in indexes:
        line = lines[index].strip()
        match = _DEFAULT_IMPORT.match(line)
        if match:
            imports[match.group(1)] = (match.group(2), index + 1)
            continue
        match = _CONST_EXPORT.match(line)
        if match:
            exports[match.group(1)] = match.group(2)
    return imports, exports


def drop_esm(state: StateCore) -> None:
    lines = state.src.split("\n")
    removed = esm_lines(lines)
    state.env["_esm_removed"] = removed
    imports, exports = esm_bindings(lines, removed)
    state.env.setdefault(IMPORTS, {}).update(imports)
    state.env.setdefault(EXPORTS, {}).update(exports)
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
