"""Docusaurus code-fence metastrings and magic comments, as its theme reads them.

```` ```yaml title="values.yaml" {1,4-6} showLineNumbers=5 hideClipboard ````, in
any order (theme-common's ``codeBlockUtils``):

* ``title="..."`` or ``title='...'``: the closing quote must match the opening one;
* ``{1,4-6}``: highlighted lines; with a range, magic comments are left in the code;
* ``showLineNumbers`` numbers lines from 1, ``showLineNumbers=5`` from 5;
* magic comments (``// highlight-next-line``, ``highlight-start`` ... ``highlight-end``)
  are read in the comment syntax of the block's language only (``#`` for Python and
  Bash, ``//`` and ``/* */`` for JavaScript, ``{/* */}`` too for JSX, ``<!-- -->`` for
  HTML, ``%`` for TeX, ``--`` for Lua and SQL ...; every syntax for other languages),
  and their lines are removed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

_TITLE = re.compile(r"""title=(?P<quote>["'])(?P<title>.*?)(?P=quote)""")
_RANGES = re.compile(r"\{([\d,-]+)\}")
_LINE_NUMBERS = re.compile(r"\bshowLineNumbers\b(?:=(?P<start>\d+))?")

# comment syntax -> (opening, closing) as regular expressions
_COMMENTS: dict[str, tuple[str, str]] = {
    "js": (r"//", r""),
    "jsBlock": (r"/\*", r"\*/"),
    "jsx": (r"\{\s*/\*", r"\*/\s*\}"),
    "bash": (r"#", r""),
    "html": (r"<!--", r"-->"),
    "lua": (r"--", r""),
    "wasm": (r";;", r""),
    "tex": (r"%", r""),
    "vb": ("['\u2018\u2019]", r""),
    "rem": (r"[Rr][Ee][Mm]\b", r""),
    "f90": (r"!", r""),
    "ml": (r"\(\*", r"\*\)"),
    "cobol": (r"\*>", r""),
}
_LANGUAGE_COMMENTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("js", "javascript", "ts", "typescript"), ("js", "jsBlock")),
    **dict.fromkeys(("jsx", "tsx"), ("js", "jsBlock", "jsx")),
    "html": ("js", "jsBlock", "html"),
    **dict.fromkeys(("python", "py", "bash"), ("bash",)),
    **dict.fromkeys(("markdown", "md"), ("html", "jsx", "bash")),
    **dict.fromkeys(("tex", "latex", "matlab"), ("tex",)),
    **dict.fromkeys(("lua", "haskell"), ("lua",)),
    "sql": ("lua", "jsBlock"),
    "wasm": ("wasm",),
    **dict.fromkeys(("vb", "vba", "visual-basic"), ("vb", "rem")),
    "vbnet": ("vb", "rem"),
    "batch": ("rem",),
    "basic": ("rem", "f90"),
    "fsharp": ("js", "ml"),
    **dict.fromkeys(("ocaml", "sml"), ("ml",)),
    "fortran": ("f90",),
    "cobol": ("cobol",),
}
_DEFAULT_COMMENTS = ("js", "jsBlock", "jsx", "bash", "html")

HIGHLIGHT_CLASS = "theme-code-block-highlighted-line"
LINE_CLASSES = "docusaurus_line_classes"
"""literal_block attribute: {1-based line: [class names]} from custom magic comments."""


@dataclasses.dataclass(frozen=True)
class MagicComment:
    """One kind of magic comment, as ``themeConfig.prism.magicComments`` spells it."""

    class_name: str
    line: str | None = None
    block_start: str | None = None
    block_end: str | None = None


DEFAULT_MAGIC_COMMENTS = (
    MagicComment(HIGHLIGHT_CLASS, "highlight-next-line", "highlight-start", "highlight-end"),
)


def magic_comments_from_config(entries: Sequence[dict]) -> tuple[MagicComment, ...]:
    """``[{className, line, block: {start, end}}]`` as magic comments."""
    found = []
    for entry in entries:
        block = entry.get("block") or {}
        found.append(MagicComment(str(entry["className"]), entry.get("line"), block.get("start"), block.get("end")))
    return tuple(found)


@dataclasses.dataclass
class FenceInfo:
    language: str | None = None
    title: str | None = None
    highlight_lines: list[int] = dataclasses.field(default_factory=list)
    has_ranges: bool = False
    line_numbers: bool = False
    line_numbers_start: int = 1
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
    words = info.split(None, 1)
    flags = ("showLineNumbers", "hideClipboard")
    if words and not words[0].startswith("{") and "=" not in words[0] and words[0] not in flags:
        fence.language = words[0]
        meta = words[1] if len(words) > 1 else ""
    else:
        meta = info
    title = _TITLE.search(meta)
    if title:
        fence.title = title.group("title")
        meta = meta[: title.start()] + " " + meta[title.end() :]
    for ranges in _RANGES.findall(meta):
        fence.has_ranges = True
        fence.highlight_lines.extend(_expand(ranges))
    numbers = _LINE_NUMBERS.search(meta)
    if numbers:
        fence.line_numbers = True
        fence.line_numbers_start = int(numbers.group("start") or 1)
    fence.hide_clipboard = "hideClipboard" in meta.split()
    return fence


def _directive_pattern(language: str | None, directives: Sequence[str]) -> re.Pattern[str]:
    syntaxes = _LANGUAGE_COMMENTS.get((language or "").lower(), _DEFAULT_COMMENTS)
    names = "|".join(re.escape(name) for name in directives)
    alternatives = "|".join(
        rf"(?:{_COMMENTS[syntax][0]}\s*(?P<{syntax}>{names})\s*{_COMMENTS[syntax][1]})" for syntax in syntaxes
    )
    return re.compile(rf"^\s*(?:{alternatives})\s*$")


def strip_magic_comments(
    text: str, language: str | None = None, comments: Sequence[MagicComment] = DEFAULT_MAGIC_COMMENTS
) -> tuple[str, dict[str, list[int]]]:
    """Remove magic comments; return the code and, per class, its 1-based marked lines."""
    directives: dict[str, tuple[MagicComment, str]] = {}
    for comment in comments:
        for kind, name in (("line", comment.line), ("start", comment.block_start), ("end", comment.block_end)):
            if name:
                directives[name] = (comment, kind)
    marked: dict[str, list[int]] = {comment.class_name: [] for comment in comments}
    if not directives:
        return text, marked
    pattern = _directive_pattern(language, list(directives))
    kept: list[str] = []
    next_line: dict[str, int] = {}
    open_blocks: dict[str, int] = {}
    for line in text.splitlines():
        match = pattern.match(line)
        if match:
            name = next(value for value in match.groupdict().values() if value)
            comment, kind = directives[name]
            if kind == "line":
                next_line[comment.class_name] = next_line.get(comment.class_name, 0) + 1
            elif kind == "start":
                open_blocks[comment.class_name] = open_blocks.get(comment.class_name, 0) + 1
            elif open_blocks.get(comment.class_name):
                open_blocks[comment.class_name] -= 1
            continue
        kept.append(line)
        for class_name in marked:
            if next_line.get(class_name) or open_blocks.get(class_name):
                marked[class_name].append(len(kept))
                if next_line.get(class_name):
                    next_line[class_name] -= 1
    code = "\n".join(kept)
    if text.endswith("\n"):
        code += "\n"
    return code, marked
