"""Docusaurus admonitions: ``:::note``, ``:::info[Title]{.class #id}``, ``:::warning Some title``.

A block rule (before MyST's colon fence, which would turn these into plain
divs and drop the title) reads the fence and emits one
``docusaurus_admonition`` token whose content is the body, dedented. Nesting
works with more colons (as in Docusaurus) and with equal colons (an inner
opener is counted). A closer stranded at the end of a text line
(``... for CloudWatch. :::``) still closes; the renderer then warns.

Which lines open one follows remark-directive as Docusaurus configures it: a
keyword (:data:`ADMONITIONS`) with an optional ``[title]``, ``{attributes}`` and,
for keywords only, a legacy title after a space. Any other name alone on the
line is a directive no plugin renders: its body is kept, without the fence
lines. A name followed by words (``:::whatever Title``) is no directive: the
line stays text.
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from sphinx.application import Sphinx


@dataclasses.dataclass(frozen=True)
class AdmonitionType:
    """One keyword: the type it renders as, its default title, its PDF style."""

    name: str
    renders_as: str
    title: str
    latex_style: str


class AdmonitionTable:
    """Every admonition keyword, once: the HTML, the PDF and the unknown-type warning read it."""

    def __init__(self, types: list[AdmonitionType]) -> None:
        self._types = {entry.name: entry for entry in types}

    def names(self) -> tuple[str, ...]:
        return tuple(self._types)

    def get(self, name: str) -> AdmonitionType | None:
        return self._types.get(name)

    def rendered_type(self, name: str) -> str:
        entry = self._types.get(name)
        return entry.renders_as if entry else name

    def default_title(self, name: str) -> str:
        entry = self._types.get(name)
        return entry.title if entry else name.capitalize()

    def add_keywords(self, names: list[str]) -> None:
        """A site's own keywords (the docs plugin's ``admonitions.keywords``): boxes of their own
        type, titled with their name, in the PDF as notes. Known keywords are left as they are."""
        for name in names:
            self._types.setdefault(name, AdmonitionType(name, name, name.capitalize(), "note"))

    def latex_style(self, classes: list[str]) -> str:
        return next((self._types[name].latex_style for name in classes if name in self._types), "note")


ADMONITIONS = AdmonitionTable([
    # Docusaurus's keywords (theme-classic Admonition/Types.tsx)
    AdmonitionType("note", "note", "Note", "note"),
    AdmonitionType("tip", "tip", "Tip", "tip"),
    AdmonitionType("info", "info", "Info", "important"),
    AdmonitionType("warning", "warning", "Warning", "warning"),
    AdmonitionType("caution", "caution", "Caution", "caution"),
    AdmonitionType("danger", "danger", "Danger", "danger"),
    # its legacy keywords: shown as another type, titled with their own name
    AdmonitionType("secondary", "note", "secondary", "note"),
    AdmonitionType("important", "info", "important", "important"),
    AdmonitionType("success", "tip", "success", "tip"),
    # the Palette docs' own
    AdmonitionType("preview", "preview", "Tech Preview", "hint"),
    AdmonitionType("further", "further", "Further Guidance", "note"),
])

_OPENER = re.compile(r"^(?P<colons>:{3,})(?P<type>[A-Za-z][\w-]*)(?P<rest>.*)$")
_CLOSER = re.compile(r"^(?P<colons>:{3,})\s*$")
_STRANDED = re.compile(r"^(?P<text>.*\S)[ \t]+(?P<colons>:{3,})\s*$")
_ATTRIBUTES = re.compile(r"^\{(?P<body>[^{}]*)\}")


def _bracketed(text: str) -> tuple[str, str] | None:
    """``[label]rest`` with nested brackets: ``(label, rest)``, or None if it never closes."""
    depth = 0
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\":
            index += 2  # an escaped bracket is text
            continue
        if character == "[":
            depth += 1
        elif character == "]":
            depth -= 1
            if depth == 0:
                return text[1:index], text[index + 1 :]
        index += 1
    return None


@dataclasses.dataclass(frozen=True)
class Opener:
    """What an opening fence line says."""

    title: str | None
    classes: tuple[str, ...]
    element_id: str | None


def parse_opener_info(name: str, rest: str) -> Opener | None:
    """The title and attributes after the name, or None when the line is no directive."""
    title = None
    if rest.startswith("["):
        label = _bracketed(rest)
        if label is None:
            return None
        title, rest = label[0].strip() or None, label[1]
    classes: list[str] = []
    element_id = None
    attributes = _ATTRIBUTES.match(rest)
    if attributes:
        rest = rest[attributes.end() :]
        for part in attributes.group("body").split():
            if part.startswith(".") and len(part) > 1:
                classes.append(part[1:])
            elif part.startswith("#") and len(part) > 1:
                element_id = part[1:]  # the last one wins
            # key=value attributes are dropped, as Docusaurus drops them
    if rest.strip():
        if ADMONITIONS.get(name.lower()) is None or title is not None or attributes or not rest[0].isspace():
            return None  # "::: whatever Title", ":::NotADirective with words": text
        title = rest.strip()  # the legacy ":::note Title" form, for keywords
    return Opener(title, tuple(classes), element_id)


def admonition_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Read one ``:::type`` fence (any indentation)."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[start : state.eMarks[start_line]]
    opener = _OPENER.match(first)
    if not opener:
        return False
    info = parse_opener_info(opener.group("type"), opener.group("rest"))
    if info is None:
        return False
    if silent:
        return True
    colons = len(opener.group("colons"))
    depth = 0
    line = start_line + 1
    stranded_line: int | None = None
    body_end = None
    last_text = ""
    while line < end_line:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if state.sCount[line] < state.blkIndent and text.strip():
            break  # the enclosing list item or block quote ended
        inner = _OPENER.match(text)
        if (inner and len(inner.group("colons")) == colons
                and parse_opener_info(inner.group("type"), inner.group("rest")) is not None):
            depth += 1
        closer = _CLOSER.match(text)
        if closer and len(closer.group("colons")) >= colons:
            if depth == 0:
                body_end = line
                break
            depth -= 1
        stranded = _STRANDED.match(text)
        if stranded and depth == 0 and len(stranded.group("colons")) >= colons:
            body_end = line + 1
            stranded_line = line
            last_text = text[: stranded.start("colons")].rstrip()
            break
        line += 1

    closed = body_end is not None
    if body_end is None:
        body_end = line
    lines = [
        state.src[state.bMarks[index] : state.eMarks[index]]
        for index in range(start_line + 1, body_end)
    ]
    if stranded_line is not None:
        prefix = state.src[state.bMarks[stranded_line] : state.bMarks[stranded_line] + state.tShift[stranded_line]]
        lines[-1] = prefix + last_text
    token = state.push("docusaurus_admonition", "aside", 0)
    token.info = opener.group("type")
    token.meta = {
        "type": opener.group("type").lower(),
        "title": info.title,
        "classes": list(info.classes),
        "element_id": info.element_id,
        # relative to the opener: token maps are shifted later (nested renders, dropped ESM lines)
        "stranded_offset": None if stranded_line is None else stranded_line - start_line,
        "closed": closed,
    }
    token.content = textwrap.dedent("\n".join(lines))
    token.map = [start_line, body_end if stranded_line is not None or not closed else body_end + 1]
    state.line = token.map[1]
    return True


def _only_myst_directives(colon_fence: Any) -> Any:
    """MyST's colon fence, for ``:::{name}`` only: every other ``:::`` line is Docusaurus's."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        start = state.bMarks[start_line] + state.tShift[start_line]
        line = state.src[start : state.eMarks[start_line]]
        if line.startswith(":::") and not line.lstrip(":").startswith("{"):
            return False
        return bool(colon_fence(state, start_line, end_line, silent))

    return rule


def admonition_plugin(md: MarkdownIt) -> None:
    """Register the rule ahead of MyST's colon fences."""
    for existing in list(md.block.ruler.__rules__):
        if existing.name == "colon_fence":
            # a ":::whatever Title" line Docusaurus leaves as text must not become a MyST directive
            md.block.ruler.at("colon_fence", _only_myst_directives(existing.fn), {"alt": existing.alt})
    anchor = "colon_fence" if "colon_fence" in [rule.name for rule in md.block.ruler.__rules__] else "fence"
    md.block.ruler.before(
        anchor, "docusaurus_admonition", admonition_block,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )


def _add_site_keywords(app: Sphinx, config: Any) -> None:
    ADMONITIONS.add_keywords([str(name) for name in config.docusaurus_admonition_keywords])


def setup_admonitions(app: Sphinx) -> None:
    """Add the site's own admonition keywords (``docusaurus_admonition_keywords``) to the table."""
    app.connect("config-inited", _add_site_keywords)
