"""Docusaurus code-fence info strings and magic comments.

```` ```yaml title="values.yaml" {1,4-6} showLineNumbers hideClipboard ````, in
any order; ``// highlight-next-line``, ``// highlight-start`` ...
``// highlight-end`` (and ``#``, ``<!-- -->`` forms) mark lines and are removed.
"""

from __future__ import annotations

import dataclasses
import re

_TITLE = re.compile(r"""title=(?:"([^"]*)"|'([^']*)'|(\S+))""")
_RANGES = re.compile(r"\{([\d,\s-]+)\}")
_MAGIC = re.compile(
    r"^\s*(?://|#|--|;|<!--|/\*)\s*highlight-(next-line|start|end)\s*(?:-->|\*/)?\s*$"
)


@dataclasses.dataclass
class FenceInfo:
    language: str | None = None
    title: str | None = None
    highlight_lines: list[int] = dataclasses.field(default_factory=list)
    line_numbers: bool = False
    hide_clipboard: bool = False


def _expand(ranges: str) -> list[int]:
    lines: list[int] = []
    for part in ranges.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            start, _, end = part.partition("-")
            if start.strip().isdigit() and end.strip().isdigit():
                lines.extend(range(int(start), int(end) + 1))
        elif part.isdigit():
            lines.append(int(part))
    return lines


def parse_fence_info(info: str) -> FenceInfo:
    """Split an info string into language, title, highlighted lines and flags."""
    fence = FenceInfo()
    rest = info
    title = _TITLE.search(rest)
    if title:
        fence.title = next(group for group in title.groups() if group is not None)
        rest = rest[: title.start()] + " " + rest[title.end() :]
    for ranges in _RANGES.findall(rest):
        fence.highlight_lines.extend(_expand(ranges))
    rest = _RANGES.sub(" ", rest)
    words = rest.split()
    fence.line_numbers = any(word.startswith("showLineNumbers") for word in words)
    fence.hide_clipboard = "hideClipboard" in words
    flags = {"hideClipboard"}
    others = [word for word in words if word not in flags and not word.startswith("showLineNumbers")]
    if others and "=" not in others[0]:
        fence.language = others[0]
    return fence


def strip_magic_comments(text: str) -> tuple[str, list[int]]:
    """Remove highlight comments; return the code and its 1-based highlighted lines."""
    kept: list[str] = []
    highlighted: list[int] = []
    next_line = False
    in_block = False
    for line in text.splitlines():
        magic = _MAGIC.match(line)
        if magic:
            kind = magic.group(1)
            if kind == "next-line":
                next_line = True
            elif kind == "start":
                in_block = True
            else:
                in_block = False
            continue
        kept.append(line)
        if next_line or in_block:
            highlighted.append(len(kept))
            next_line = False
    code = "\n".join(kept)
    if text.endswith("\n"):
        code += "\n"
    return code, highlighted
