"""frontmatter_schema: every key's accepted values and their types, and every problem with its line.

Expectations follow the README's front-matter table (types) and its warning table (what happens to a bad key).
Lines are page lines: the opening ``---`` is line 1.
"""

from __future__ import annotations

from typing import Any

import pytest

from docusaurus_compat.frontmatter_loader import FrontMatterBlock, Problem, find_front_matter
from docusaurus_compat.frontmatter_schema import MYST_KEYS, SCHEMA, ParsedFrontMatter, parse_front_matter
from docusaurus_compat.warning_types import DocusaurusWarning


def parse(yaml_text: str, extra_keys: frozenset[str] = frozenset()) -> ParsedFrontMatter:
    block = find_front_matter(f"---\n{yaml_text}\n---\n\nBody.\n")
    assert isinstance(block, FrontMatterBlock)
    return parse_front_matter(block, extra_keys)


def only_problem(parsed: ParsedFrontMatter) -> Problem:
    assert len(parsed.problems) == 1, parsed.problems
    return parsed.problems[0]


# --- every key: a valid value and its typed result ----------------------------------------------------------

# key -> [(YAML value, typed value)]
VALID: dict[str, list[tuple[str, Any]]] = {
    "title": [("My Page", "My Page"), ("42", "42"), ('""', ""), ("2021-01-31", "2021-01-31")],
    "metaTitle": [("Security | Palette", "Security | Palette")],
    "hide_title": [("true", True), ('"false"', False), ("'True'", True)],
    "id": [("my-page", "my-page"), ("7", "7"), ("mailto:x", "mailto:x")],
    "slug": [("/security/overview", "/security/overview"), ("relative/path", "relative/path"), ('"  /x  "', "/x")],
    "description": [("How we do it.", "How we do it.")],
    "metaDescription": [("Meta text.", "Meta text.")],
    # Docusaurus turns numbers into text (keywords: [2021]) and keeps spaces
    "keywords": [
        ("[palette, security]", ["palette", "security"]), ('[" spaced "]', [" spaced "]),
        ("[2021, 1.0]", ["2021", "1"]),
    ],
    # Docusaurus's URISchema: relative references and //host are URLs too
    "image": [
        ("/img/card.png", "/img/card.png"), ("https://example.com/card.png", "https://example.com/card.png"),
        ("img/card.png", "img/card.png"), ("//cdn.example/x.png", "//cdn.example/x.png"),
        ("'@site/static/img/x.png'", "@site/static/img/x.png"), ("./a%20b.png", "./a%20b.png"),
    ],
    "sidebar_label": [("Core Principles", "Core Principles")],
    "sidebar_position": [("10", 10), ("2.5", 2.5), ("-1", -1), ('"3"', 3), ('" 4.5 "', 4.5), ("0", 0)],
    "icon": [("lock", "lock"), ('""', "")],
    "sidebar_custom_props": [("{icon: lock}", {"icon": "lock"}), ("{other: 1}", {"other": 1})],
    "sidebar_class_name": [("special", "special")],
    "sidebar_key": [("key", "key")],
    "displayed_sidebar": [("docs", "docs"), ("null", None)],
    "hideToC": [("true", True)],
    "hide_table_of_contents": [("false", False)],
    "toc_min_heading_level": [("2", 2), ('"3"', 3), ("2.5", 2.5)],
    "toc_max_heading_level": [("6", 6), ("4.0", 4)],
    "fullWidth": [("true", True)],
    "tags": [
        ("[security, cve]", ["security", "cve"]),
        ("[{label: Security, permalink: /security}]", ["Security"]),
        ('["with space", "a/b"]', ["with space", "a/b"]),
        ("[]", []),
        ("[tag1, 42]", ["tag1", "42"]),
    ],
    "draft": [("true", True)],
    "unlisted": [("false", False)],
    "hiddenFromNav": [("true", True)],
    "pagination_label": [("Next steps", "Next steps")],
    "pagination_prev": [("security/levels", "security/levels"), ("null", None)],
    "pagination_next": [("security/levels", "security/levels"), ("null", None)],
    "custom_edit_url": [
        ("https://github.com/o/r/edit/main/x.md", "https://github.com/o/r/edit/main/x.md"),
        ("/edit/x", "/edit/x"),
        ("null", None),
        ('""', None),
        ("../edit/x.md", "../edit/x.md"),
    ],
    "parse_number_prefixes": [("false", False)],
    "last_update": [
        ("{date: 2021-01-31, author: me}", {"date": "2021-01-31", "author": "me"}),
        ("{author: me}", {"author": "me"}),
        ("{date: 1700000000000}", {"date": 1700000000000}),
    ],
    "partial_category": [("palette", "palette")],
    "partial_name": [("intro", "intro")],
}

VALID_CASES = [(key, text, value) for key, cases in VALID.items() for text, value in cases]


@pytest.mark.parametrize(
    ("key", "yaml_value", "typed"), VALID_CASES, ids=[f"{key}={text}" for key, text, _ in VALID_CASES]
)
def test_valid_value(key: str, yaml_value: str, typed: Any) -> None:
    parsed = parse(f"{key}: {yaml_value}")
    assert parsed.problems == []
    assert parsed.values == {key: typed}
    assert type(parsed.values[key]) is type(typed)
    assert parsed.key_lines == {key: 2}
    assert parsed.myst_data == {}


# --- every key: an invalid value and the problem --------------------------------------------------------------

# key -> (what the message says the key must be, [(YAML value, how the message shows it)])
INVALID: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "title": ("a string", [("true", "True"), ("[a]", "['a']"), ("null", "None")]),
    "metaTitle": ("a string", [("{a: 1}", "{'a': 1}")]),
    "hide_title": ("true or false", [("yes please", "'yes please'"), ("1", "1")]),
    "id": ("a page id without slashes, such as my-page", [("a/b", "'a/b'"), ('""', "''")]),
    "slug": ("a site path, such as /security/overview", [
        ('"javascript:alert(1)"', "'javascript:alert(1)'"),
        ('"java\\tscript:alert(1)"', "'java\\tscript:alert(1)'"),
        ("//evil.example/x", "'//evil.example/x'"),
        ('"a\\\\b"', "'a\\\\b'"),
        ('""', "''"),
        ("[a]", "['a']"),
    ]),
    "description": ("a string", [("[a]", "['a']")]),
    "metaDescription": ("a string", [("false", "False")]),
    "keywords": ("a non-empty list of strings, such as [palette, security]", [
        ("security", "'security'"), ('[""]', "['']"), ("[]", "[]"), ("[[a]]", "[['a']]"),
    ]),
    # javascript: and data: are URIs to Docusaurus; this site refuses them (tests/conformance/deviations.yaml)
    "image": ("an http(s) URL or a path, such as /img/card.png", [
        ('"javascript:alert(1)"', "'javascript:alert(1)'"),
        ('"data:image/png;base64,AAAA"', "'data:image/png;base64,AAAA'"),
        ('"/\\\\evil.example/x.png"', "'/\\\\evil.example/x.png'"),
        ("has space.png", "'has space.png'"),
        ('"https://example.com/a\\tb.png"', "'https://example.com/a\\tb.png'"),
    ]),
    "sidebar_label": ("a string", [("{a: 1}", "{'a': 1}"), ('""', "''")]),
    "sidebar_position": ("a number, such as 10", [
        ("abc", "'abc'"), ("true", "True"), (".nan", "nan"), (".inf", "inf"), ('"nan"', "'nan'"), ("[1]", "[1]"),
    ]),
    "icon": ("a string", [("[lock]", "['lock']")]),
    "sidebar_custom_props": ("a mapping, such as {icon: lock}", [
        ("just text", "'just text'"), ("{icon: 5}", "{'icon': 5}"),
    ]),
    "sidebar_class_name": ("a string", [("[a]", "['a']")]),
    "sidebar_key": ("a string", [("{a: 1}", "{'a': 1}"), ('""', "''")]),
    "displayed_sidebar": ("a sidebar id, or null", [("[a]", "['a']")]),
    "hideToC": ("true or false", [("maybe", "'maybe'")]),
    "hide_table_of_contents": ("true or false", [("0", "0")]),
    "toc_min_heading_level": ("a heading level from 2 to 6", [("1", "1"), ("6.5", "6.5"), ("true", "True")]),
    "toc_max_heading_level": ("a heading level from 2 to 6", [("7", "7"), ("abc", "'abc'")]),
    "fullWidth": ("true or false", [("nope", "'nope'")]),
    "tags": ("a list of tags, such as [security, cve]", [
        ("security", "'security'"),
        ("[true]", "[True]"),
        ('[""]', "['']"),
        ("[{permalink: /x}]", "[{'permalink': '/x'}]"),
        ('[{label: "  "}]', "[{'label': '  '}]"),
    ]),
    "draft": ("true or false", [("later", "'later'"), ("no", "'no'")]),
    "unlisted": ("true or false", [("2", "2")]),
    "hiddenFromNav": ("true or false", [("yes", "'yes'")]),
    "pagination_label": ("a string", [("[a]", "['a']")]),
    "pagination_prev": ("a page id, or null", [("[a]", "['a']"), ('""', "''")]),
    "pagination_next": ("a page id, or null", [("{a: 1}", "{'a': 1}"), ('""', "''")]),
    "custom_edit_url": ("an http(s) URL, or null", [
        ('"javascript:alert(1)"', "'javascript:alert(1)'"), ("ftp://example.com/x", "'ftp://example.com/x'"),
    ]),
    "parse_number_prefixes": ("true or false", [("sometimes", "'sometimes'")]),
    "last_update": ("a mapping with an author, a date or both, such as {date: 2024-01-31}", [
        ("2021-01-01", "'2021-01-01'"), ("{}", "{}"), ("{date: 2021-99-99}", "{'date': '2021-99-99'}"),
        ("{author: me, when: today}", "{'author': 'me', 'when': 'today'}"), ("{date: soon}", "{'date': 'soon'}"),
    ]),
    "partial_category": ("a string", [("[a]", "['a']")]),
    "partial_name": ("a string", [("true", "True")]),
}

INVALID_CASES = [(key, must, text, shown) for key, (must, cases) in INVALID.items() for text, shown in cases]


def assert_type_problem(problem: Problem, line: int, key: str, must: str, shown: str) -> None:
    assert (problem.line, problem.subtype) == (line, DocusaurusWarning.FRONTMATTER_TYPE)
    assert f"front-matter key '{key}' must be {must}, not {shown} " in problem.message
    assert problem.message.endswith("(the key is ignored)")


@pytest.mark.parametrize(
    ("key", "must", "yaml_value", "shown"), INVALID_CASES, ids=[f"{key}={text}" for key, _, text, _ in INVALID_CASES]
)
def test_invalid_value_is_ignored_with_a_typed_problem(key: str, must: str, yaml_value: str, shown: str) -> None:
    parsed = parse(f"title: Kept\n{key}: {yaml_value}" if key != "title" else f"{key}: {yaml_value}")
    line = 2 if key == "title" else 3
    assert_type_problem(only_problem(parsed), line, key, must, shown)
    assert parsed.values == ({} if key == "title" else {"title": "Kept"})


def test_every_checked_key_has_valid_and_invalid_cases() -> None:
    checked = set(SCHEMA) - MYST_KEYS
    assert set(VALID) == checked
    assert set(INVALID) == checked


# Moved from the hostile-input build suite (one build per key): a mapping is never a string, a flag, a number
# or a list, and text is never a mapping; the key is ignored with a typed warning and the rest is kept.
WRONG_SHAPE = {key: "just text" if key in ("sidebar_custom_props", "last_update") else "{nested: [1, 2]}"
               for key in sorted(set(SCHEMA) - MYST_KEYS - {"title"})}


@pytest.mark.parametrize(("key", "yaml_value"), WRONG_SHAPE.items(), ids=WRONG_SHAPE.keys())
def test_wrong_shape_for_every_key(key: str, yaml_value: str) -> None:
    parsed = parse(f"title: Typed\n{key}: {yaml_value}")
    problem = only_problem(parsed)
    assert (problem.line, problem.subtype) == (3, DocusaurusWarning.FRONTMATTER_TYPE)
    assert f"front-matter key '{key}' must be " in problem.message
    assert parsed.values == {"title": "Typed"}


def test_a_long_value_is_shortened_in_the_message() -> None:
    value = "[" + ", ".join(["word"] * 30) + "]"
    problem = only_problem(parse(f"title: {value}"))
    shown = repr(["word"] * 30)
    assert f"not {shown[:57]}... (the key is ignored)" in problem.message


def test_a_number_too_large_for_a_float_is_a_problem_not_a_crash() -> None:
    problem = only_problem(parse("sidebar_position: 1" + "0" * 400))
    assert (problem.line, problem.subtype) == (2, DocusaurusWarning.FRONTMATTER_TYPE)
    assert "'sidebar_position' must be a number, such as 10, not 1000" in problem.message


# --- unknown keys, extra keys, MyST's keys ----------------------------------------------------------------------

UNKNOWN = {
    "typo": ("sidebar_positon", "did you mean 'sidebar_position'?"),
    "case": ("Title", "did you mean 'title'?"),
    "lower-case-camel": ("hidetoc", "did you mean 'hideToC'?"),
    "dashes-and-capitals": ("SIDEBAR-LABEL", "did you mean 'sidebar_label'?"),
    "camel-for-snake": ("sidebarPosition", "did you mean 'sidebar_position'?"),
    "nothing-close": ("zzzz", "remove it or check the README's key table"),
}


@pytest.mark.parametrize(("key", "advice"), UNKNOWN.values(), ids=UNKNOWN.keys())
def test_unknown_key(key: str, advice: str) -> None:
    parsed = parse(f"title: Known\n{key}: 3")
    problem = only_problem(parsed)
    assert (problem.line, problem.subtype) == (3, DocusaurusWarning.FRONTMATTER_UNKNOWN)
    assert problem.message == f"unknown front-matter key '{key}': {advice} (the key is ignored)"
    assert parsed.values == {"title": "Known"}


def test_extra_keys_are_accepted_silently_and_have_no_value() -> None:
    parsed = parse("title: T\nsite_flag: true\nsite_team: [a]", frozenset({"site_flag", "site_team"}))
    assert (parsed.values, parsed.problems, parsed.myst_data) == ({"title": "T"}, [], {})


def test_an_extra_key_does_not_switch_off_a_known_keys_check() -> None:
    problem = only_problem(parse("sidebar_position: abc", frozenset({"sidebar_position"})))
    assert problem.subtype == DocusaurusWarning.FRONTMATTER_TYPE


def test_extra_keys_only_cover_their_own_names() -> None:
    problem = only_problem(parse("site_flag: true\nother: 1", frozenset({"site_flag"})))
    assert (problem.line, problem.subtype) == (3, DocusaurusWarning.FRONTMATTER_UNKNOWN)


MYST = {
    "myst": ("myst", "{enable_extensions: [colon_fence]}", {"enable_extensions": ["colon_fence"]}),
    "mystnb": ("mystnb", "{execution_mode: 'off'}", {"execution_mode": "off"}),
    "substitutions": ("substitutions", "{product: Palette}", {"product": "Palette"}),
    "html_meta": ("html_meta", '{"property=og:locale": en_US}', {"property=og:locale": "en_US"}),
    "any-type": ("substitutions", "5", 5),
}


@pytest.mark.parametrize(("key", "yaml_value", "raw"), MYST.values(), ids=MYST.keys())
def test_myst_keys_are_passed_to_myst_unchecked(key: str, yaml_value: str, raw: Any) -> None:
    parsed = parse(f"title: T\n{key}: {yaml_value}")
    assert parsed.problems == []
    assert parsed.myst_data == {key: raw}
    assert parsed.values == {"title": "T"}


# --- duplicates, lines, shapes --------------------------------------------------------------------------------


def test_duplicate_key_reported_at_the_second_with_the_first_value_kept() -> None:
    parsed = parse("title: First\ntitle: Second")
    problem = only_problem(parsed)
    assert (problem.line, problem.subtype) == (3, DocusaurusWarning.FRONTMATTER_DUPLICATE)
    assert "front-matter key 'title' is given twice: delete one" in problem.message
    assert "(the first value is used)" in problem.message
    assert parsed.values == {"title": "First"}
    assert parsed.key_lines == {"title": 2}


def test_a_key_given_three_times_is_reported_twice() -> None:
    parsed = parse("title: A\ndescription: D\ntitle: B\ntitle: C")
    assert [(p.line, p.subtype) for p in parsed.problems] == [
        (4, DocusaurusWarning.FRONTMATTER_DUPLICATE), (5, DocusaurusWarning.FRONTMATTER_DUPLICATE),
    ]
    assert parsed.values == {"title": "A", "description": "D"}


def test_the_first_of_two_values_is_the_one_checked() -> None:
    parsed = parse("sidebar_position: abc\nsidebar_position: 3")
    assert [(p.line, p.subtype) for p in parsed.problems] == [
        (3, DocusaurusWarning.FRONTMATTER_DUPLICATE), (2, DocusaurusWarning.FRONTMATTER_TYPE),
    ]
    assert parsed.values == {}


def test_key_lines_are_page_lines() -> None:
    parsed = parse("title: A\n\n# a comment\ndescription: >\n  folded\n  text\nsidebar_position: 3")
    assert parsed.key_lines == {"title": 2, "description": 5, "sidebar_position": 8}
    assert parsed.values == {"title": "A", "description": "folded text\n", "sidebar_position": 3}


NOT_A_MAPPING = {
    "list": ("- a\n- b", "it is a list"),
    "words": ("just some words", "it is a single value ('just some words')"),
    "number": ("42", "it is a single value (42)"),
    "long-scalar-shortened": ("x" * 100, f"it is a single value ('{'x' * 59}):"),
}


@pytest.mark.parametrize(("yaml_text", "fragment"), NOT_A_MAPPING.values(), ids=NOT_A_MAPPING.keys())
def test_front_matter_that_is_not_a_mapping(yaml_text: str, fragment: str) -> None:
    parsed = parse(yaml_text)
    problem = only_problem(parsed)
    assert (problem.line, problem.subtype) == (1, DocusaurusWarning.FRONTMATTER_YAML)
    assert "front matter must be 'key: value' lines, but " + fragment in problem.message
    assert "(the page is built without it)" in problem.message
    assert (parsed.values, parsed.key_lines, parsed.myst_data) == ({}, {}, {})


def test_invalid_yaml_gives_its_one_problem_and_no_values() -> None:
    parsed = parse('title: Good\ndescription: "unterminated')
    problem = only_problem(parsed)
    assert (problem.line, problem.subtype) == (3, DocusaurusWarning.FRONTMATTER_YAML)
    assert (parsed.values, parsed.key_lines, parsed.myst_data) == ({}, {}, {})


@pytest.mark.parametrize("yaml_text", ["", "# nothing but a comment"], ids=["empty", "comment"])
def test_empty_front_matter_has_no_values_and_no_problems(yaml_text: str) -> None:
    assert parse(yaml_text) == ParsedFrontMatter({}, {}, {}, [])


def test_many_problems_are_all_reported_in_key_order() -> None:
    parsed = parse("title: T\ndraft: later\ntitel: x\ntags: security\ntitle: again")
    assert [(p.line, p.subtype) for p in parsed.problems] == [
        (6, DocusaurusWarning.FRONTMATTER_DUPLICATE),
        (3, DocusaurusWarning.FRONTMATTER_TYPE),
        (4, DocusaurusWarning.FRONTMATTER_UNKNOWN),
        (5, DocusaurusWarning.FRONTMATTER_TYPE),
    ]
    assert parsed.values == {"title": "T"}


# --- rules between keys (Docusaurus's ContentVisibilitySchema and FrontMatterTOCHeadingLevels) -----------


def test_draft_and_unlisted_together_keep_the_draft() -> None:
    parsed = parse("draft: true\nunlisted: true")
    problem = only_problem(parsed)
    assert (problem.line, problem.subtype) == (3, DocusaurusWarning.FRONTMATTER_TYPE)
    assert "cannot be draft and unlisted" in problem.message
    assert parsed.values == {"draft": True}


def test_draft_false_with_unlisted_is_fine() -> None:
    assert parse("draft: false\nunlisted: true").problems == []


def test_toc_min_above_max_is_refused() -> None:
    parsed = parse("toc_min_heading_level: 5\ntoc_max_heading_level: 3")
    problem = only_problem(parsed)
    assert (problem.line, problem.subtype) == (2, DocusaurusWarning.FRONTMATTER_TYPE)
    assert parsed.values == {"toc_max_heading_level": 3}


def test_yaml_1_2_yes_is_not_a_boolean() -> None:
    problem = only_problem(parse("hide_title: yes"))
    assert "must be true or false, not 'yes'" in problem.message
