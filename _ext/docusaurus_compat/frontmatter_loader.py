"""Front matter, found and loaded: the ``---`` block at the top of a page, read as safe YAML.

Pure functions, no Sphinx. :func:`find_front_matter` locates the block;
:func:`load_yaml` loads it with YAML's own line numbers, duplicate keys
reported, dates kept as text and the size, alias and nesting limits applied.
What the values mean is :mod:`.frontmatter_schema`'s job.

Why our own loader rather than MyST's: MyST hands front matter to Sphinx as
strings (``False`` becomes ``"False"``), loses YAML's own line numbers, keeps
the last of two duplicate keys silently, and some inputs (dates such as
``2021-99-99``) raise from PyYAML's constructors.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import yaml

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


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that records key lines, reports duplicates and keeps dates as text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.key_lines: dict[str, int] = {}
        self.duplicates: list[tuple[str, int]] = []
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise yaml.composer.ComposerError(
                    None, None, f"more than {MAX_YAML_ALIASES} aliases (*name); write the values out",
                    self.peek_event().start_mark,
                )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"values nested more than {MAX_YAML_DEPTH} levels deep",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        if not isinstance(node, yaml.MappingNode):
            # PyYAML passes whatever node a `!!map` tag is on, though its stubs say a mapping node
            return super().construct_mapping(node, deep=deep)  # type: ignore[unreachable]  # `!!map x`: a scalar
        self.flatten_mapping(node)  # YAML merge keys (<<)
        mapping: dict[Any, Any] = {}
        top_level = node is getattr(self, "_root", None)
        for key_node, value_node in node.value:
            # deep: a complex key ([a, b]) is complete before it is shown as text
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line
            if key in mapping:
                self.duplicates.append((key, line))
                continue
            mapping[key] = self.construct_object(value_node, deep=deep)
            if top_level:
                self.key_lines.setdefault(key, line)
        return mapping

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        self._root = node
        return self.construct_document(node)


# Dates stay strings: Docusaurus reads them as text, and PyYAML's timestamp
# constructor raises on values such as 2021-99-99.
_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_line(error: yaml.MarkedYAMLError, block: FrontMatterBlock) -> int:
    """The source line where the faulty YAML construct starts."""
    mark = error.context_mark or error.problem_mark
    if mark is None:
        return block.first_line
    return block.first_line + 1 + mark.line


def load_yaml(block: FrontMatterBlock) -> tuple[Any, _FrontMatterLoader | None, Problem | None]:
    """Load the block's YAML, turning every failure into a :class:`Problem`."""
    if len(block.yaml) > MAX_FRONT_MATTER_CHARS:
        return None, None, Problem(
            block.first_line,
            DocusaurusWarning.FRONTMATTER_YAML,
            f"front matter is longer than {MAX_FRONT_MATTER_CHARS:,} characters: "
            "shorten it (the page is built without it)",
        )
    loader = _FrontMatterLoader(block.yaml)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        problem = error.problem or str(error)
        if error.context:
            problem = f"{problem} {error.context}"
        return None, loader, Problem(
            _yaml_line(error, block),
            DocusaurusWarning.FRONTMATTER_YAML,
            f"invalid YAML in front matter ({problem}): fix the syntax "
            "(the page is built without its front matter)",
        )
    # PyYAML's constructors raise more than YAMLError for explicit tags:
    # KeyError (!!bool abc), IndexError (!!int ""), AttributeError (!!timestamp abc).
    except (yaml.YAMLError, ValueError, TypeError, LookupError, AttributeError, RecursionError) as error:
        return None, loader, Problem(
            block.first_line,
            DocusaurusWarning.FRONTMATTER_YAML,
            f"front matter cannot be read ({type(error).__name__}: {error}): fix it "
            "(the page is built without its front matter)",
        )
    finally:
        loader.dispose()
    return data, loader, None
