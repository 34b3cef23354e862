"""Front matter, found and loaded: the ``---`` block at the top of a page, read as Docusaurus reads it.

Pure functions, no Sphinx. :func:`find_front_matter` locates the block;
:func:`load_yaml` loads it as YAML 1.2 (the core schema js-yaml uses, so
``yes``/``no``/``on`` stay strings), with each key's line number, duplicate keys
reported, dates kept as text and the size, alias and nesting limits applied.
What the values mean is :mod:`.frontmatter_schema`'s job.

Why our own loader rather than MyST's: MyST hands front matter to Sphinx as
strings (``False`` becomes ``"False"``), reads YAML 1.1 (``yes`` is true), loses
the line numbers, and keeps the last of two duplicate keys silently.
ruamel.yaml's round-trip loader gives the line of every key natively.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from .warning_types import DocusaurusWarning

# The YAML text is capped: no page needs more, and it bounds the work an alias
# bomb or a pasted blob can cause.
MAX_FRONT_MATTER_CHARS = 100_000
# Front matter never needs more; an alias bomb or a 1,000-deep structure is refused early.
MAX_YAML_ALIASES = 20
MAX_YAML_DEPTH = 50

_OPEN_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with a page's front matter, at a 1-based source line."""

    line: int
    subtype: DocusaurusWarning
    message: str


@dataclasses.dataclass(frozen=True)
class FrontMatterBlock:
    """Where the front matter sits in the source.

    ``first_line``/``last_line`` are the 1-based lines of the opening and closing
    ``---``; ``yaml`` is the text between them; ``body_offset`` is the index of
    the first character after the closing line.
    """

    yaml: str
    first_line: int
    last_line: int
    body_offset: int


def find_front_matter(source: str) -> FrontMatterBlock | Problem | None:
    """Locate the ``---`` block at the very start of ``source``.

    Returns ``None`` when the page has no front matter, and a :class:`Problem`
    when it opens one but never closes it (the text is then left as body, so
    nothing the author wrote is lost).
    """
    opening = _OPEN_RE.match(source)
    if not opening:
        return None
    closing = _CLOSE_RE.search(source, opening.end())
    if not closing:
        return Problem(
            1,
            DocusaurusWarning.FRONTMATTER_YAML,
            "front matter opened with '---' is never closed: add a line '---' after "
            "the last key (the page is built as if it had no front matter)",
        )
    yaml_text = source[opening.end() : closing.start()]
    last_line = 2 + yaml_text.count("\n")
    end = closing.end()
    if source.startswith("\r\n", end):
        end += 2
    elif source.startswith("\n", end):
        end += 1
    return FrontMatterBlock(yaml_text, 1, last_line, end)


class _LimitedComposer(Composer):
    """Counts aliases and nesting: values are expanded later, so an alias bomb stops here."""

    aliases = 0
    depth_reached = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise ComposerError(
                    None, None, f"more than {MAX_YAML_ALIASES} aliases (*name); write the values out",
                    self.parser.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        self.depth_reached += 1
        try:
            if self.depth_reached > MAX_YAML_DEPTH:
                raise ComposerError(
                    None, None, f"values nested more than {MAX_YAML_DEPTH} levels deep",
                    self.parser.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth_reached -= 1


class _FrontMatterConstructor(RoundTripConstructor):
    """Round-trip constructor that records duplicate keys and keeps dates as text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[tuple[str, int]] = []

    def check_mapping_key(self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any) -> bool:
        # js-yaml refuses a duplicate key outright; we report it and keep the first value,
        # so the rest of the page's front matter still applies.
        if key in mapping:
            self.duplicates.append((str(key), key_node.start_mark.line))
            return False
        return True


# Dates stay strings: Docusaurus shows them as written, and a value such as 2021-99-99
# would otherwise raise from the timestamp constructor.
_FrontMatterConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
)
# An unknown tag (!foo) is an error, as in js-yaml, not an opaque tagged object.
_FrontMatterConstructor.add_constructor(None, SafeConstructor.construct_undefined)


@dataclasses.dataclass
class LoadedYaml:
    """What :func:`load_yaml` read besides the data: 0-based key lines and duplicates."""

    key_lines: dict[str, int]
    duplicates: list[tuple[str, int]]


def js_number_text(value: int | float) -> str:
    """A number as JavaScript's ``String(n)`` writes it (``1.0`` is ``"1"``)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


def _js_key(key: Any) -> str:
    """A mapping key as text, as js-yaml makes it (JavaScript's ``String(key)``)."""
    if isinstance(key, str):
        return str(key)
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (int, float)):
        return js_number_text(key)
    if isinstance(key, (list, tuple)):
        return ",".join("" if item is None else _js_key(item) for item in key)
    if isinstance(key, Mapping):
        return "[object Object]"
    return str(key)


def _plain(value: Any) -> Any:
    """ruamel's round-trip types as plain Python values (they are pickled and compared)."""
    if isinstance(value, Mapping):
        return {_js_key(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    # js-yaml refuses what it cannot construct (!!timestamp abc); so do we, with the tag named
    tag = getattr(getattr(value, "tag", None), "value", None) or type(value).__name__
    raise ValueError(f"a value tagged {tag} cannot be read as front matter")


def _new_yaml() -> YAML:
    reader = YAML(typ="rt", pure=True)
    reader.Composer = _LimitedComposer
    reader.Constructor = _FrontMatterConstructor
    reader.allow_duplicate_keys = True
    return reader


def _yaml_line(error: MarkedYAMLError, block: FrontMatterBlock) -> int:
    """The source line where the faulty YAML construct starts."""
    mark = error.context_mark or error.problem_mark
    if mark is None:
        return block.first_line
    return block.first_line + 1 + mark.line


def load_yaml(block: FrontMatterBlock) -> tuple[Any, LoadedYaml | None, Problem | None]:
    """Load the block's YAML, turning every failure into a :class:`Problem`."""
    if len(block.yaml) > MAX_FRONT_MATTER_CHARS:
        return None, None, Problem(
            block.first_line,
            DocusaurusWarning.FRONTMATTER_YAML,
            f"front matter is longer than {MAX_FRONT_MATTER_CHARS:,} characters: "
            "shorten it (the page is built without it)",
        )
    reader = _new_yaml()
    try:
        raw = reader.load(block.yaml)
        data = _plain(raw)
    except MarkedYAMLError as error:
        problem = error.problem or str(error)
        if error.context:
            problem = f"{problem} {error.context}"
        return None, None, Problem(
            _yaml_line(error, block),
            DocusaurusWarning.FRONTMATTER_YAML,
            f"invalid YAML in front matter ({problem.strip()}): fix the syntax "
            "(the page is built without its front matter)",
        )
    # Constructors raise more than YAMLError for explicit tags (!!int "", !!float abc).
    except (YAMLError, ValueError, TypeError, LookupError, AttributeError, RecursionError) as error:
        return None, None, Problem(
            block.first_line,
            DocusaurusWarning.FRONTMATTER_YAML,
            f"front matter cannot be read ({type(error).__name__}: {error}): fix it "
            "(the page is built without its front matter)",
        )
    key_lines: dict[str, int] = {}
    lines = getattr(raw, "lc", None)
    if isinstance(raw, Mapping) and lines is not None:
        for key in raw:
            try:
                key_lines.setdefault(_js_key(key), lines.key(key)[0])
            except KeyError:  # a key that came in through a merge (<<: *base) has no line of its own
                continue
    constructor = reader.constructor
    return data, LoadedYaml(key_lines, list(constructor.duplicates)), None
