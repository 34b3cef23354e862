"""The front-matter schema: what each key may hold, and the checked values of a page.

Pure functions, no Sphinx: :func:`parse_front_matter` loads a block
(:mod:`.frontmatter_loader`) and checks every key, returning typed values and
every problem with its line; the parser turns the problems into warnings.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections.abc import Callable
from typing import Any

from .frontmatter_loader import FrontMatterBlock, Problem, js_number_text, load_yaml
from .url_policy import has_control_characters, has_scheme
from .warning_types import DocusaurusWarning

# Keys MyST itself consumes; passed through to it untouched.
MYST_KEYS = frozenset({"myst", "mystnb", "substitutions", "html_meta"})

Check = Callable[[Any], tuple[bool, Any]]


ANY_KEY = "*"
"""In ``docusaurus_extra_keys``: accept every key (as Docusaurus does), except likely typos of known keys."""


def _string(value: Any) -> tuple[bool, Any]:
    """Docusaurus's front-matter string: a non-empty string, or a number written as text.

    Docusaurus extends Joi's string to accept numbers (``tags: [2021]``); Joi refuses "".
    """
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return False, None
    if isinstance(value, (int, float)):
        return True, js_number_text(value)
    return (True, value) if isinstance(value, str) and value != "" else (False, None)


def _text(value: Any) -> tuple[bool, Any]:
    """A string that may be empty (``title``, ``description``)."""
    return (True, "") if value == "" else _string(value)


def _optional_string(value: Any) -> tuple[bool, Any]:
    """A string, or null (Docusaurus uses null to switch a link off)."""
    if value is None:
        return True, None
    return _string(value)


def _boolean(value: Any) -> tuple[bool, Any]:
    """Joi's boolean: true/false, or the strings "true"/"false" in any case."""
    if isinstance(value, bool):
        return True, value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return True, value.lower() == "true"
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


# RFC 3986's characters for a URI reference (Joi's uri({allowRelative: true})), and percent escapes.
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
# Of the schemes Docusaurus accepts, these are the ones a page may link or show an image from.
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def _uri(value: Any) -> tuple[bool, Any]:
    """Docusaurus's URISchema: an absolute URL or a relative reference (``./a.png``, ``//host/a``,
    ``@site/static/a.png``), less the schemes that would run or embed code (``javascript:``)."""
    # the URI characters hold no control character and no space
    if not isinstance(value, str) or value == "" or not _URI_CHARS.match(value):
        return False, None
    if has_scheme(value) and value.split(":", 1)[0].lower() not in _SAFE_SCHEMES:
        return False, None
    return True, value


def _edit_url(value: Any) -> tuple[bool, Any]:
    """A URI, or null or "" (both hide the edit link)."""
    return (True, None) if value is None or value == "" else _uri(value)


def _doc_id(value: Any) -> tuple[bool, Any]:
    """Docusaurus ids are one path segment (it refuses a slash when it reads the docs)."""
    ok, text = _string(value)
    if not ok or "/" in text:
        return False, None
    return True, text


_NUMBER_TEXT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def _number(value: Any) -> tuple[bool, Any]:
    """Joi's number: a finite number, or a string holding one; not beyond 2**53 (unsafe)."""
    if isinstance(value, bool):
        return False, None
    if isinstance(value, str):
        text = value.strip()
        if not _NUMBER_TEXT.match(text):
            return False, None
        value = float(text)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        value = int(value)  # JavaScript has one number type: 4.0 is 4
    if isinstance(value, (int, float)):
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an int too large for a float: no position is that far out
            return False, None
        if finite and abs(value) <= 2**53 - 1:
            return True, value
    return False, None


def _heading_level(value: Any) -> tuple[bool, Any]:
    ok, number = _number(value)
    if ok and 2 <= number <= 6:
        return True, number
    return False, None


def _string_list(value: Any) -> tuple[bool, Any]:
    """``keywords``: a non-empty list of strings (numbers become text)."""
    if not isinstance(value, list) or not value:
        return False, None
    items = [_string(item) for item in value]
    if all(ok for ok, _ in items):
        return True, [text for _, text in items]
    return False, None


def _tag_list(value: Any) -> tuple[bool, Any]:
    """Docusaurus tags: strings (numbers become text), or ``{label, permalink}`` objects."""
    if not isinstance(value, list):
        return False, None
    tags = []
    for item in value:
        if isinstance(item, dict):
            label_ok, label = _string(item.get("label"))
            link_ok, _ = _string(item.get("permalink"))
            if not (label_ok and link_ok) or set(item) - {"label", "permalink"}:
                return False, None
            tags.append(label)
            continue
        ok, text = _string(item)
        if not ok:
            return False, None
        tags.append(text)
    return True, tags


# Joi.date(): what JavaScript's Date accepts that authors write: ISO 8601 dates and times,
# "2021/01/31", "01/31/2021", "Jan 31, 2021"; numbers are milliseconds since 1970.
_DATE_TEXT = re.compile(
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{4}"
    r"|(?:[A-Za-z]{3,9},? )?[A-Za-z]{3,9}\.? \d{1,2},? \d{4}(?: \d{2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2} [A-Za-z]{3,9}\.? \d{4})$"
)


def _date_valid(text: str) -> bool:
    if not _DATE_TEXT.match(text.strip()):
        return False
    iso = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    if iso:
        month = int(iso.group(2) or 1)
        day = int(iso.group(3) or 1)
        return 1 <= month <= 12 and 1 <= day <= 31
    return True


def _last_update(value: Any) -> tuple[bool, Any]:
    """``{author, date}``, at least one of them: an author string and a date."""
    if not isinstance(value, dict) or not value or set(value) - {"author", "date"}:
        return False, None
    checked: dict[str, Any] = {}
    if "author" in value:
        author = value["author"]
        if not isinstance(author, str) or not author:  # plain Joi here: a number is refused
            return False, None
        checked["author"] = author
    if "date" in value:
        date = value["date"]
        if isinstance(date, bool) or not (
            isinstance(date, (int, float)) or (isinstance(date, str) and _date_valid(date))
        ):
            return False, None
        checked["date"] = date
    return True, checked


def _custom_props(value: Any) -> tuple[bool, Any]:
    if not isinstance(value, dict):
        return False, None
    icon = value.get("icon")
    if icon is not None and not isinstance(icon, str):
        return False, None
    return True, dict(value)


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
    "title": KeySpec(_text, "a string"),
    "metaTitle": _STRING,
    "hide_title": _BOOL,
    "id": KeySpec(_doc_id, "a page id without slashes, such as my-page"),
    "slug": KeySpec(_url_path, "a site path, such as /security/overview"),
    # head metadata
    "description": KeySpec(_text, "a string"),
    "metaDescription": _STRING,
    "keywords": KeySpec(_string_list, "a non-empty list of strings, such as [palette, security]"),
    "image": KeySpec(_uri, "an http(s) URL or a path, such as /img/card.png"),
    # sidebar
    "sidebar_label": _STRING,
    "sidebar_position": KeySpec(_number, "a number, such as 10"),
    "icon": KeySpec(_text, "a string"),
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
    # the Palette docs' own: built and searchable, left out of the sidebar
    "hiddenFromNav": _BOOL,
    # pagination and edit link
    "pagination_label": _STRING,
    "pagination_prev": KeySpec(_optional_string, "a page id, or null"),
    "pagination_next": KeySpec(_optional_string, "a page id, or null"),
    "custom_edit_url": KeySpec(_edit_url, "an http(s) URL, or null"),
    # accepted for compatibility with Docusaurus; no effect on this site
    "parse_number_prefixes": _BOOL,
    "last_update": KeySpec(_last_update, "a mapping with an author, a date or both, such as {date: 2024-01-31}"),
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
        if spec is None and ANY_KEY in extra_keys and _closest_key(key) is None:
            continue  # a site's own key, which Docusaurus accepts; only a likely typo is reported
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
    problems.extend(_cross_checks(values, key_lines, block.first_line))
    return ParsedFrontMatter(values, key_lines, myst_data, problems)


def _cross_checks(values: dict[str, Any], key_lines: dict[str, int], first_line: int) -> list[Problem]:
    """Rules between keys, as Docusaurus's schema has them; the later key is dropped."""
    problems = []
    if values.get("draft") and values.get("unlisted"):
        del values["unlisted"]
        problems.append(Problem(
            key_lines.get("unlisted", first_line),
            DocusaurusWarning.FRONTMATTER_TYPE,
            "a page cannot be draft and unlisted at the same time: remove one "
            "(the page is treated as a draft)",
        ))
    low, high = values.get("toc_min_heading_level"), values.get("toc_max_heading_level")
    if low is not None and high is not None and low > high:
        del values["toc_min_heading_level"]
        problems.append(Problem(
            key_lines.get("toc_min_heading_level", first_line),
            DocusaurusWarning.FRONTMATTER_TYPE,
            f"toc_min_heading_level ({low}) is above toc_max_heading_level ({high}): "
            "swap them or lower it (the minimum is ignored)",
        ))
    return problems
