"""The front-matter schema: what each key may hold, and the checked values of a page.

Pure functions, no Sphinx: :func:`parse_front_matter` loads a block
(:mod:`.frontmatter_loader`) and checks every key, returning typed values and
every problem with its line; the parser turns the problems into warnings.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from collections.abc import Callable
from typing import Any

from .frontmatter_loader import FrontMatterBlock, Problem, load_yaml
from .url_policy import has_control_characters, has_scheme, is_site_path, is_web_url
from .warning_types import DocusaurusWarning

# Keys MyST itself consumes; passed through to it untouched.
MYST_KEYS = frozenset({"myst", "mystnb", "substitutions", "html_meta"})

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


def _url_path(value: Any) -> tuple[bool, Any]:
    """A site path for ``slug``: no scheme, no host, no control characters."""
    ok, text = _string(value)
    if not ok or not text.strip():
        return False, None
    text = text.strip()
    if has_scheme(text) or text.startswith("//") or "\\" in text or has_control_characters(text):
        return False, None
    return True, text


def _web_url(value: Any) -> tuple[bool, Any]:
    """An http(s) URL or a site path (``image``): never ``javascript:``, ``data:`` and the like."""
    ok, text = _string(value)
    if not ok:
        return False, None
    text = text.strip()
    if is_web_url(text) or is_site_path(text):
        return not has_control_characters(text), text
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
    if isinstance(value, (int, float)):
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an int too large for a float: no position is that far out
            finite = False
        return (True, value) if finite else (False, None)
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
        elif isinstance(item, dict) and isinstance(item.get("label"), str) and item["label"].strip():
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
    "displayed_sidebar": KeySpec(_optional_string, "a sidebar id, or null"),
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
