"""Front matter: find it, load it safely, check every key against the schema.

Pure functions, no Sphinx: the parser calls :func:`parse_front_matter` and turns
the returned problems into warnings; the navigation pre-scan calls it quietly.

Why our own loader rather than MyST's: MyST hands front matter to Sphinx as
strings (``False`` becomes ``"False"``), loses YAML's own line numbers, keeps
the last of two duplicate keys silently, and some inputs (dates such as
``2021-99-99``) raise from PyYAML's constructors.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections.abc import Callable
from typing import Any

import yaml

from .warning_types import DocusaurusWarning

# Keys MyST itself consumes; passed through to it untouched.
MYST_KEYS = frozenset({"myst", "mystnb", "substitutions", "html_meta"})

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


def find_front_matter(source: str) -> FrontMatterBlock | None | Problem:
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
            return super().construct_mapping(node, deep=deep)
        self.flatten_mapping(node)  # YAML merge keys (<<)
        mapping: dict[Any, Any] = {}
        top_level = node is getattr(self, "_root", None)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
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


# --- the schema ------------------------------------------------------------

Check = Callable[[Any], tuple[bool, Any]]


def _string(value: Any) -> tuple[bool, Any]:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return False, None
    if isinstance(value, (int, float)):
        return True, str(value)
    return isinstance(value, str), value


def _optional_string(value: Any) -> tuple[bool, Any]:
    """A string, or null (Docusaurus uses null to switch a link off)."""
    if value is None:
        return True, None
    return _string(value)


def _boolean(value: Any) -> tuple[bool, Any]:
    if isinstance(value, bool):
        return True, value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return True, value.strip().lower() == "true"
    return False, None


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _url_path(value: Any) -> tuple[bool, Any]:
    """A site path for ``slug``: no scheme, no host, no control characters."""
    ok, text = _string(value)
    if not ok or not text.strip():
        return False, None
    text = text.strip()
    if _SCHEME.match(text) or text.startswith("//") or "\\" in text or any(ord(c) < 32 for c in text):
        return False, None
    return True, text


def _web_url(value: Any) -> tuple[bool, Any]:
    """An http(s) URL or a site path (``image``): never ``javascript:``, ``data:`` and the like."""
    ok, text = _string(value)
    if not ok:
        return False, None
    text = text.strip()
    if re.match(r"^https?://[^\s/]", text, re.IGNORECASE) or (text.startswith("/") and not text.startswith("//")):
        return (not any(ord(c) < 32 for c in text)), text
    return False, None


def _optional_web_url(value: Any) -> tuple[bool, Any]:
    """An http(s) URL, a site path, or null (``custom_edit_url: null`` hides the edit link)."""
    return (True, None) if value is None else _web_url(value)


def _doc_id(value: Any) -> tuple[bool, Any]:
    """Docusaurus ids are one path segment."""
    ok, text = _url_path(value)
    if not ok or "/" in text:
        return False, None
    return True, text


def _number(value: Any) -> tuple[bool, Any]:
    if isinstance(value, bool):
        return False, None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return True, value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return False, None
        if math.isfinite(number):
            return True, int(number) if number.is_integer() else number
    return False, None


def _heading_level(value: Any) -> tuple[bool, Any]:
    ok, number = _number(value)
    if ok and number in (2, 3, 4, 5, 6):
        return True, int(number)
    return False, None


def _string_list(value: Any) -> tuple[bool, Any]:
    if isinstance(value, list) and all(
        isinstance(item, str) and item.strip() for item in value
    ):
        return True, [item.strip() for item in value]
    return False, None


def _tag_list(value: Any) -> tuple[bool, Any]:
    """Docusaurus tags: strings, or ``{label, permalink}`` objects."""
    if not isinstance(value, list):
        return False, None
    tags = []
    for item in value:
        if isinstance(item, str) and item.strip():
            tags.append(item.strip())
        elif isinstance(item, dict) and isinstance(item.get("label"), str):
            tags.append(item["label"].strip())
        else:
            return False, None
    return True, tags


def _custom_props(value: Any) -> tuple[bool, Any]:
    if not isinstance(value, dict):
        return False, None
    icon = value.get("icon")
    if icon is not None and not isinstance(icon, str):
        return False, None
    return True, dict(value)


def _mapping(value: Any) -> tuple[bool, Any]:
    return isinstance(value, dict), value


def _anything(value: Any) -> tuple[bool, Any]:
    return True, value


@dataclasses.dataclass(frozen=True)
class KeySpec:
    check: Check
    expected: str


_STRING = KeySpec(_string, "a string")
_BOOL = KeySpec(_boolean, "true or false")

SCHEMA: dict[str, KeySpec] = {
    # page identity and titles
    "title": _STRING,
    "metaTitle": _STRING,
    "hide_title": _BOOL,
    "id": KeySpec(_doc_id, "a page id without slashes, such as my-page"),
    "slug": KeySpec(_url_path, "a site path, such as /security/overview"),
    # head metadata
    "description": _STRING,
    "metaDescription": _STRING,
    "keywords": KeySpec(_string_list, "a list of strings, such as [palette, security]"),
    "image": KeySpec(_web_url, "an http(s) URL or a site path, such as /img/card.png"),
    # sidebar
    "sidebar_label": _STRING,
    "sidebar_position": KeySpec(_number, "a number, such as 10"),
    "icon": _STRING,
    "sidebar_custom_props": KeySpec(_custom_props, "a mapping, such as {icon: lock}"),
    "sidebar_class_name": _STRING,
    "sidebar_key": _STRING,
    "displayed_sidebar": _optional_string,
    # right-hand contents and layout
    "hideToC": _BOOL,
    "hide_table_of_contents": _BOOL,
    "toc_min_heading_level": KeySpec(_heading_level, "a heading level from 2 to 6"),
    "toc_max_heading_level": KeySpec(_heading_level, "a heading level from 2 to 6"),
    "fullWidth": _BOOL,
    # tags and visibility
    "tags": KeySpec(_tag_list, "a list of tags, such as [security, cve]"),
    "draft": _BOOL,
    "unlisted": _BOOL,
    # pagination and edit link
    "pagination_label": _STRING,
    "pagination_prev": KeySpec(_optional_string, "a page id, or null"),
    "pagination_next": KeySpec(_optional_string, "a page id, or null"),
    "custom_edit_url": KeySpec(_optional_web_url, "an http(s) URL, or null"),
    # accepted for compatibility with Docusaurus; no effect on this site
    "parse_number_prefixes": _BOOL,
    "last_update": KeySpec(_mapping, "a mapping with date and author"),
    # partials (see the Docusaurus dialect)
    "partial_category": _STRING,
    "partial_name": _STRING,
}
# ``displayed_sidebar`` accepts null as well as a string.
SCHEMA["displayed_sidebar"] = KeySpec(_optional_string, "a sidebar id, or null")
for _key in MYST_KEYS:
    SCHEMA[_key] = KeySpec(_anything, "anything")


@dataclasses.dataclass
class ParsedFrontMatter:
    """The checked values (``values``) plus what MyST should still see."""

    values: dict[str, Any]
    key_lines: dict[str, int]
    myst_data: dict[str, Any]
    problems: list[Problem]


def _closest_key(key: str) -> str | None:
    matches = difflib.get_close_matches(key, SCHEMA.keys(), n=1, cutoff=0.6)
    if not matches:
        lowered = {known.lower().replace("_", ""): known for known in SCHEMA}
        return lowered.get(key.lower().replace("_", "").replace("-", ""))
    return matches[0]


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
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        return None, loader, Problem(
            block.first_line,
            DocusaurusWarning.FRONTMATTER_YAML,
            f"front matter cannot be read ({type(error).__name__}: {error}): fix it "
            "(the page is built without its front matter)",
        )
    finally:
        loader.dispose()
    return data, loader, None


def parse_front_matter(
    block: FrontMatterBlock, extra_keys: frozenset[str] = frozenset()
) -> ParsedFrontMatter:
    """Load and check a front-matter block: typed values, and every problem found.

    ``extra_keys`` are site-specific keys accepted without effect.
    """
    data, loader, problem = load_yaml(block)
    if problem is not None:
        return ParsedFrontMatter({}, {}, {}, [problem])
    if data is None:
        return ParsedFrontMatter({}, {}, {}, [])
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({data!r:.60})"
        return ParsedFrontMatter({}, {}, {}, [Problem(
            block.first_line,
            DocusaurusWarning.FRONTMATTER_YAML,
            f"front matter must be 'key: value' lines, but it is {kind}: write it as "
            "a mapping (the page is built without it)",
        )])

    assert loader is not None
    problems: list[Problem] = []
    key_lines = {key: block.first_line + 1 + line for key, line in loader.key_lines.items()}
    for key, line in loader.duplicates:
        problems.append(Problem(
            block.first_line + 1 + line,
            DocusaurusWarning.FRONTMATTER_DUPLICATE,
            f"front-matter key '{key}' is given twice: delete one "
            "(the first value is used)",
        ))

    values: dict[str, Any] = {}
    myst_data: dict[str, Any] = {}
    for key, raw in data.items():
        line = key_lines.get(key, block.first_line)
        spec = SCHEMA.get(key)
        if spec is None and key in extra_keys:
            continue
        if spec is None:
            hint = _closest_key(key)
            advice = f"did you mean '{hint}'?" if hint else "remove it or check the README's key table"
            problems.append(Problem(
                line,
                DocusaurusWarning.FRONTMATTER_UNKNOWN,
                f"unknown front-matter key '{key}': {advice} (the key is ignored)",
            ))
            continue
        if key in MYST_KEYS:
            myst_data[key] = raw
            continue
        ok, value = spec.check(raw)
        if not ok:
            shown = repr(raw)
            if len(shown) > 60:
                shown = shown[:57] + "..."
            problems.append(Problem(
                line,
                DocusaurusWarning.FRONTMATTER_TYPE,
                f"front-matter key '{key}' must be {spec.expected}, not {shown} "
                "(the key is ignored)",
            ))
            continue
        values[key] = value
    return ParsedFrontMatter(values, key_lines, myst_data, problems)


def quiet_values(source: str) -> dict[str, Any]:
    """The checked front-matter values of a source text, problems ignored.

    For the look-ahead readers (navigation plan, root page, partial index);
    the parser reports the problems when it reads the page itself.
    """
    block = find_front_matter(source)
    if not isinstance(block, FrontMatterBlock):
        return {}
    return parse_front_matter(block).values


def body_of(source: str) -> str:
    """The source text after its front matter (all of it when there is none)."""
    block = find_front_matter(source)
    return source[block.body_offset :] if isinstance(block, FrontMatterBlock) else source
