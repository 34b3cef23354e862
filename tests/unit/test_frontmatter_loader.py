"""frontmatter_loader: where the ``---`` block is, and its YAML loaded safely with limits and source lines.

Lines are 1-based lines of the page: the opening ``---`` is line 1, the first YAML line is line 2.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from docusaurus_compat.frontmatter_loader import (
    MAX_FRONT_MATTER_CHARS,
    MAX_YAML_ALIASES,
    MAX_YAML_DEPTH,
    FrontMatterBlock,
    Problem,
    find_front_matter,
    load_yaml,
)
from docusaurus_compat.warning_types import DocusaurusWarning

YAML_PROBLEM = DocusaurusWarning.FRONTMATTER_YAML


def block_of(yaml_text: str) -> FrontMatterBlock:
    """The block of a page whose front matter is ``yaml_text`` (its first line is page line 2)."""
    block = find_front_matter(f"---\n{yaml_text}\n---\n\nBody.\n")
    assert isinstance(block, FrontMatterBlock)
    return block


def load(yaml_text: str) -> tuple[Any, Problem | None]:
    data, _loader, problem = load_yaml(block_of(yaml_text))
    return data, problem


# --- find_front_matter --------------------------------------------------------------------------------------

NO_FRONT_MATTER = {
    "empty-file": "",
    "plain-markdown": "# Title\n\nText.\n",
    "not-at-the-very-start": "\n---\ntitle: x\n---\n",
    "indented-opener": " ---\ntitle: x\n---\n",
    "four-dashes": "----\ntitle: x\n----\n",
    "opener-without-line-end": "---",
    "opener-with-text": "--- title: x\n---\n",
    "rule-later-in-the-page": "Intro.\n\n---\n\nMore.\n---\n",
}


@pytest.mark.parametrize("source", NO_FRONT_MATTER.values(), ids=NO_FRONT_MATTER.keys())
def test_no_front_matter(source: str) -> None:
    assert find_front_matter(source) is None


# (source, yaml, last_line, body) - first_line is always 1, body is source[body_offset:]
BLOCKS = {
    "simple": ("---\ntitle: x\n---\nBody\n", "title: x\n", 3, "Body\n"),
    "three-keys": ("---\na: 1\nb: 2\nc: 3\n---\n\nBody\n", "a: 1\nb: 2\nc: 3\n", 5, "\nBody\n"),
    "empty-block": ("---\n---\nBody\n", "", 2, "Body\n"),
    "byte-order-mark": ("\ufeff---\ntitle: x\n---\nBody\n", "title: x\n", 3, "Body\n"),
    "crlf": ("---\r\ntitle: x\r\n---\r\nBody\r\n", "title: x\r\n", 3, "Body\r\n"),
    "dots-closer": ("---\ntitle: x\n...\nBody\n", "title: x\n", 3, "Body\n"),
    "spaces-after-markers": ("--- \t\ntitle: x\n---  \nBody\n", "title: x\n", 3, "Body\n"),
    "closer-at-end-of-file": ("---\ntitle: x\n---", "title: x\n", 3, ""),
    "nothing-after-closer": ("---\ntitle: x\n---\n", "title: x\n", 3, ""),
    "indented-dashes-are-yaml": ("---\na: |\n  ---\n---\nBody\n", "a: |\n  ---\n", 4, "Body\n"),
    "dashes-with-text-are-yaml": ("---\na: 1\n---x\n---\nBody\n", "a: 1\n---x\n", 4, "Body\n"),
    "first-closer-wins": ("---\na: 1\n---\nb: 2\n---\n", "a: 1\n", 3, "b: 2\n---\n"),
}


@pytest.mark.parametrize(("source", "yaml_text", "last_line", "body"), BLOCKS.values(), ids=BLOCKS.keys())
def test_block_found(source: str, yaml_text: str, last_line: int, body: str) -> None:
    block = find_front_matter(source)
    assert isinstance(block, FrontMatterBlock)
    assert (block.yaml, block.first_line, block.last_line) == (yaml_text, 1, last_line)
    assert source[block.body_offset :] == body


@pytest.mark.parametrize("source", [
    "---\ntitle: Never closed\n\nBody after.\n",
    "---\n",
    "---\r\ntitle: x\r\n",
    "---\ntitle: x\n----\n",
], ids=["body-follows", "opener-only", "crlf", "four-dash-closer"])
def test_unclosed_block_is_a_problem_at_line_1(source: str) -> None:
    problem = find_front_matter(source)
    assert isinstance(problem, Problem)
    assert (problem.line, problem.subtype) == (1, YAML_PROBLEM)
    assert "never closed" in problem.message
    assert "add a line '---'" in problem.message


# --- load_yaml: values --------------------------------------------------------------------------------------

VALUES = {
    "mapping": ("title: Hello\nsidebar_position: 3", {"title": "Hello", "sidebar_position": 3}),
    "real-booleans": ("draft: false\nhide_title: true", {"draft": False, "hide_title": True}),
    "null": ("custom_edit_url: null\npagination_next: ~", {"custom_edit_url": None, "pagination_next": None}),
    "float": ("sidebar_position: 2.5", {"sidebar_position": 2.5}),
    "list": ("tags: [a, b]", {"tags": ["a", "b"]}),
    # Docusaurus reads dates as text; PyYAML's own constructor raises on 2021-99-99
    "impossible-date-is-text": ("date: 2021-99-99", {"date": "2021-99-99"}),
    "date-is-text": ("date: 2021-01-31", {"date": "2021-01-31"}),
    "timestamp-is-text": ("date: 2021-01-31 10:30:00", {"date": "2021-01-31 10:30:00"}),
    "nested-date-is-text": ("last_update:\n  date: 2021-99-99", {"last_update": {"date": "2021-99-99"}}),
    "number-key-is-text": ("1: one", {"1": "one"}),
    "list-key-is-text": ("? [a, b]\n: 1", {"a,b": 1}),  # js-yaml: String([a, b])
    "merge-key": ("base: &b {x: 1}\n<<: *b", {"base": {"x": 1}, "x": 1}),
    # YAML 1.2's core schema, as js-yaml reads it: only true/false are booleans, 0o17 is octal
    "yes-no-on-off-are-text": (
        "a: yes\nb: no\nc: on\nd: off\ne: Y", {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "Y"}
    ),
    "true-false-any-case": ("a: True\nb: FALSE", {"a": True, "b": False}),
    "yaml-1.2-octal": ("a: 0o17\nb: 0x1F", {"a": 15, "b": 31}),
    "sexagesimal-is-text": ("a: 1:30", {"a": "1:30"}),
    "unicode": ("title: ünï cödé ✓", {"title": "ünï cödé ✓"}),
}


@pytest.mark.parametrize(("yaml_text", "expected"), VALUES.values(), ids=VALUES.keys())
def test_values(yaml_text: str, expected: dict[str, Any]) -> None:
    assert load(yaml_text) == (expected, None)


@pytest.mark.parametrize("yaml_text", ["", "# only a comment"], ids=["empty", "comment"])
def test_empty_yaml_is_no_data_and_no_problem(yaml_text: str) -> None:
    assert load(yaml_text) == (None, None)


def test_duplicate_keys_recorded_and_first_value_kept() -> None:
    data, loader, problem = load_yaml(block_of("title: First\ndescription: D\ntitle: Second\ntitle: Third"))
    assert problem is None
    assert data == {"title": "First", "description": "D"}
    assert loader is not None
    assert [key for key, _line in loader.duplicates] == ["title", "title"]


# --- load_yaml: problems --------------------------------------------------------------------------------------


def assert_yaml_problem(problem: Problem | None, line: int, *fragments: str) -> None:
    assert problem is not None
    assert (problem.line, problem.subtype) == (line, YAML_PROBLEM)
    for fragment in fragments:
        assert fragment in problem.message
    assert "the page is built without its front matter" in problem.message


ALIAS_BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]" for i in range(8)]
)
DEEP_BLOCK = "\n".join(" " * i + f"k{i}:" for i in range(59)) + "\n" + " " * 59 + "k59: x"

# (yaml, page line of the faulty construct, fragments of the message)
PROBLEMS = {
    "unterminated-quote": ('title: "unterminated', 2, ("invalid YAML", "while scanning a quoted scalar")),
    "flow-list-never-closed": ("title: ok\ndescription: [unclosed", 3, ("invalid YAML", "flow sequence")),
    "colon-in-plain-value": ("title: a: b", 2, ("invalid YAML", "mapping values are not allowed here")),
    "tab-indentation": ("a:\n\tb: 1", 3, ("invalid YAML", "'\\t' that cannot start any token")),
    "bad-indentation": ("a: 1\n b: 2", 3, ("invalid YAML", "mapping values are not allowed here")),
    "unknown-tag": ("title: !Evil x", 2, ("invalid YAML", "could not determine a constructor for the tag '!Evil'")),
    "python-object-tag": ("title: !!python/object/apply:os.system [echo]", 2, ("invalid YAML", "python/object")),
    "python-name-tag": ("title: !!python/name:os.system", 2, ("invalid YAML", "python/name")),
    "undefined-alias": ("title: *nowhere", 2, ("invalid YAML", "found undefined alias 'nowhere'")),
    # the 21st alias, on the line of key d (page line 5), is one too many
    "alias-bomb": (ALIAS_BOMB, 5, (f"more than {MAX_YAML_ALIASES} aliases",)),
    "deep-flow-nesting": ("title: " + "[" * 1000 + "]" * 1000, 2, (f"nested more than {MAX_YAML_DEPTH} levels",)),
    # the top mapping is level 1 and each key one level below its mapping: key k49 is level 51
    "deep-block-nesting": (DEEP_BLOCK, 51, (f"nested more than {MAX_YAML_DEPTH} levels",)),
    "merge-of-a-scalar": ("<<: 5", 2, ("invalid YAML", "merging")),
    "set-tag-on-a-list": ("a: !!set [1]", 2, ("invalid YAML", "expected a mapping node")),
    # explicit tags whose constructors raise plain Python errors: no line from YAML, so the block's first line
    "int-tag-on-text": ("a: !!int abc", 1, ("front matter cannot be read", "ValueError")),
    "int-tag-on-empty": ('a: !!int ""', 1, ("front matter cannot be read", "IndexError")),
    "float-tag-on-empty": ("a: !!float ''", 1, ("front matter cannot be read", "IndexError")),
    "bool-tag-on-text": ("a: !!bool abc", 1, ("front matter cannot be read", "KeyError")),
    "timestamp-tag-on-text": (
        "a: !!timestamp abc", 1, ("front matter cannot be read", "tagged tag:yaml.org,2002:timestamp")
    ),
    "timestamp-tag-on-bad-date": ("a: !!timestamp 2021-99-99", 1, ("front matter cannot be read", "ValueError")),
}


@pytest.mark.parametrize(("yaml_text", "line", "fragments"), PROBLEMS.values(), ids=PROBLEMS.keys())
def test_problem(yaml_text: str, line: int, fragments: tuple[str, ...]) -> None:
    data, problem = load(yaml_text)
    assert data is None
    assert_yaml_problem(problem, line, *fragments)


def test_python_tags_run_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> int:
        raise AssertionError("os.system was called")

    monkeypatch.setattr(os, "system", refuse)
    _data, problem = load("title: !!python/object/apply:os.system [echo hacked]")
    assert problem is not None


def aliases(count: int) -> str:
    return "\n".join(["a: &a x", *(f"k{i}: *a" for i in range(count))])


def test_alias_limit_allows_exactly_the_limit() -> None:
    data, problem = load(aliases(MAX_YAML_ALIASES))
    assert problem is None
    assert data == {"a": "x", **{f"k{i}": "x" for i in range(MAX_YAML_ALIASES)}}


def test_alias_limit_refuses_one_more_at_its_line() -> None:
    # "a" is page line 2, k0 line 3: the alias one over the limit is k<limit>, at line limit + 3
    _data, problem = load(aliases(MAX_YAML_ALIASES + 1))
    assert_yaml_problem(problem, MAX_YAML_ALIASES + 3, f"more than {MAX_YAML_ALIASES} aliases")


def nested_lists(count: int) -> str:
    return "title: " + "[" * count + "]" * count


def test_depth_limit_allows_exactly_the_limit() -> None:
    # the top mapping is level 1, so MAX_YAML_DEPTH - 1 nested (empty) lists reach the limit
    data, problem = load(nested_lists(MAX_YAML_DEPTH - 1))
    assert problem is None
    value = data["title"]
    for _ in range(MAX_YAML_DEPTH - 2):
        (value,) = value
    assert value == []


def test_depth_limit_refuses_one_level_more() -> None:
    _data, problem = load(nested_lists(MAX_YAML_DEPTH))
    assert_yaml_problem(problem, 2, f"nested more than {MAX_YAML_DEPTH} levels")


def sized_block(characters: int) -> FrontMatterBlock:
    text = "title: " + "x" * (characters - len("title: \n")) + "\n"
    assert len(text) == characters
    return FrontMatterBlock(text, 1, 3, 0)


def test_size_limit_allows_exactly_the_limit() -> None:
    data, _loader, problem = load_yaml(sized_block(MAX_FRONT_MATTER_CHARS))
    assert problem is None
    assert len(data["title"]) == MAX_FRONT_MATTER_CHARS - len("title: \n")


def test_size_limit_refuses_one_character_more_at_line_1() -> None:
    data, loader, problem = load_yaml(sized_block(MAX_FRONT_MATTER_CHARS + 1))
    assert (data, loader) == (None, None)
    assert problem is not None
    assert (problem.line, problem.subtype) == (1, YAML_PROBLEM)
    assert f"longer than {MAX_FRONT_MATTER_CHARS:,} characters" in problem.message
