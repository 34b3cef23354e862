"""navigation: the folder plan (which index page lists which pages, in sidebar order) and ``_category_.json``.

The README: pages sit under their folder's index page, ordered by ``sidebar_position`` (missing positions last,
ties by label); drafts and ``unlisted`` pages are not in the navigation; ``_category_.json`` gives a folder's
place and label.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from docusaurus_compat.navigation import NavFields, compute_plan, read_categories, sort_key

ROOT = "index"


def test_nav_fields_defaults() -> None:
    assert NavFields() == NavFields(label=None, position=None, draft=False, unlisted=False)


def test_nav_fields_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        NavFields().label = "x"  # type: ignore[misc]


# --- sort_key -----------------------------------------------------------------------------------------------

# [(docname, fields)] in the expected sidebar order
ORDERS: dict[str, list[tuple[str, NavFields]]] = {
    "by-position": [("b", NavFields(position=1)), ("a", NavFields(position=2)), ("c", NavFields(position=10))],
    "missing-position-last": [("z", NavFields(position=99)), ("a", NavFields())],
    "zero-and-negative": [("c", NavFields(position=-1)), ("b", NavFields(position=0)), ("a", NavFields(position=1))],
    "fractions": [("a", NavFields(position=1)), ("c", NavFields(position=1.5)), ("b", NavFields(position=2))],
    "ties-by-label-any-case": [("z", NavFields("Alpha", 1)), ("y", NavFields("beta", 1)), ("x", NavFields("Gamma", 1))],
    "no-position-by-label": [("z", NavFields("Alpha")), ("a", NavFields("Zulu"))],
    "label-defaults-to-file-name": [("x/alpha", NavFields()), ("a/beta", NavFields())],
    "same-label-and-position-by-docname": [("a/page", NavFields("Same", 1)), ("b/page", NavFields("Same", 1))],
}


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_sort_key(order: list[tuple[str, NavFields]]) -> None:
    shuffled = list(reversed(order))
    assert sorted(shuffled, key=lambda item: sort_key(*item)) == order


# --- read_categories ----------------------------------------------------------------------------------------


def write_category(srcdir: Path, folder: str, content: str | bytes) -> None:
    path = srcdir / folder / "_category_.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def test_read_categories(tmp_path: Path) -> None:
    write_category(tmp_path, "security", json.dumps({"label": "Security", "position": 3}))
    write_category(tmp_path, "security/deep", json.dumps({"label": "Deep", "position": 2.5, "collapsed": True}))
    write_category(tmp_path, "label-only", json.dumps({"label": "Just a label"}))
    assert read_categories(tmp_path) == {
        "security": NavFields("Security", 3),
        "security/deep": NavFields("Deep", 2.5),
        "label-only": NavFields("Just a label", None),
    }


IGNORED = {
    "invalid-json": ("{label: nope", {}),
    "a-list": ("[1, 2]", {}),
    "not-utf8": (b'{"label": "caf\xe9"}', {}),
    "label-not-text": ('{"label": 5, "position": 1}', {"f": NavFields(None, 1)}),
    "position-as-text": ('{"label": "L", "position": "3"}', {"f": NavFields("L", None)}),
    "position-true": ('{"label": "L", "position": true}', {"f": NavFields("L", None)}),
}


@pytest.mark.parametrize(("content", "expected"), IGNORED.values(), ids=IGNORED.keys())
def test_read_categories_ignores_what_it_cannot_use(
    tmp_path: Path, content: str | bytes, expected: dict[str, NavFields]
) -> None:
    write_category(tmp_path, "f", content)
    write_category(tmp_path, "good", '{"label": "Good"}')
    assert read_categories(tmp_path) == {**expected, "good": NavFields("Good", None)}


def test_read_categories_of_a_folder_without_any(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    assert read_categories(tmp_path) == {}


# --- compute_plan -------------------------------------------------------------------------------------------

PLANS: dict[str, tuple[set[str], dict[str, NavFields], dict[str, list[str]]]] = {
    "flat-by-position": (
        {"index", "a", "b"}, {"a": NavFields(position=2), "b": NavFields(position=1)}, {"index": ["b", "a"]},
    ),
    "folder-with-index": (
        {"index", "sec/index", "sec/x", "sec/y"}, {},
        {"index": ["sec/index"], "sec/index": ["sec/x", "sec/y"]},
    ),
    "folder-named-index": (
        {"index", "sec/sec", "sec/x"}, {}, {"index": ["sec/sec"], "sec/sec": ["sec/x"]},
    ),
    "readme-index": (
        {"index", "sec/README", "sec/x"}, {}, {"index": ["sec/README"], "sec/README": ["sec/x"]},
    ),
    "index-before-readme": (
        {"index", "sec/index", "sec/README"}, {}, {"index": ["sec/index"], "sec/index": ["sec/README"]},
    ),
    "folder-without-index-hands-pages-up": (
        {"index", "a", "misc/x", "misc/y"}, {}, {"index": ["a", "misc/x", "misc/y"]},
    ),
    "to-the-nearest-ancestor-with-an-index": (
        {"index", "sec/index", "sec/deep/x", "sec/deep/deeper/y"}, {},
        {"index": ["sec/index"], "sec/index": ["sec/deep/x", "sec/deep/deeper/y"]},
    ),
    "index-under-a-folder-without-one": (
        {"index", "a/b/index", "a/b/c"}, {}, {"index": ["a/b/index"], "a/b/index": ["a/b/c"]},
    ),
    "labels-order-ties": (
        {"index", "p", "q"}, {"p": NavFields("Zulu"), "q": NavFields("Alpha")}, {"index": ["q", "p"]},
    ),
    "drafts-and-unlisted-left-out": (
        {"index", "a", "draft", "hidden"},
        {"draft": NavFields(draft=True), "hidden": NavFields(unlisted=True)},
        {"index": ["a"]},
    ),
    "nothing-listed-no-entry": (
        {"index", "draft"}, {"draft": NavFields(draft=True)}, {},
    ),
    "unlisted-index-left-out-its-pages-kept": (
        {"index", "sec/index", "sec/x"}, {"sec/index": NavFields(unlisted=True)}, {"sec/index": ["sec/x"]},
    ),
    "no-root-document": (
        {"a/index", "a/x"}, {}, {"a/index": ["a/x"]},
    ),
    "top-level-index-under-another-root": (
        {"intro", "index", "a"}, {}, {"intro": ["a", "index"]},
    ),
}


@pytest.mark.parametrize(("docnames", "fields", "plan"), PLANS.values(), ids=PLANS.keys())
def test_compute_plan(docnames: set[str], fields: dict[str, NavFields], plan: dict[str, list[str]]) -> None:
    root = "intro" if "intro" in docnames else ROOT
    assert compute_plan(docnames, fields, root) == plan


SECTIONS = {"index", "sec/index", "ops/index"}

CATEGORY_PLANS: dict[str, tuple[dict[str, NavFields], dict[str, NavFields], list[str]]] = {
    "category-position": (
        {}, {"sec": NavFields("Security", 2), "ops": NavFields("Operations", 1)}, ["ops/index", "sec/index"],
    ),
    "category-label": (
        {}, {"sec": NavFields("Alpha"), "ops": NavFields("Zulu")}, ["sec/index", "ops/index"],
    ),
    "front-matter-position-wins": (
        {"sec/index": NavFields(position=5)}, {"sec": NavFields(position=1), "ops": NavFields(position=2)},
        ["ops/index", "sec/index"],
    ),
    "front-matter-label-wins": (
        {"sec/index": NavFields("Zulu")}, {"sec": NavFields("Alpha"), "ops": NavFields("Beta")},
        ["ops/index", "sec/index"],
    ),
    "category-of-a-folder-without-index-ignored": (
        {}, {"misc": NavFields("Misc", 1)}, ["ops/index", "sec/index"],
    ),
    "category-of-the-root-folder-ignored": (
        {}, {"": NavFields("Root", 1), ".": NavFields("Root", 1)}, ["ops/index", "sec/index"],
    ),
}


@pytest.mark.parametrize(("fields", "categories", "order"), CATEGORY_PLANS.values(), ids=CATEGORY_PLANS.keys())
def test_compute_plan_with_categories(
    fields: dict[str, NavFields], categories: dict[str, NavFields], order: list[str]
) -> None:
    assert compute_plan(SECTIONS, fields, ROOT, categories) == {"index": order}


def test_category_keeps_the_index_pages_draft_and_unlisted_flags() -> None:
    fields = {"sec/index": NavFields(unlisted=True)}
    plan = compute_plan(SECTIONS, fields, ROOT, {"sec": NavFields("Security", 1)})
    assert plan == {"index": ["ops/index"]}


def test_compute_plan_does_not_change_the_fields_it_is_given() -> None:
    fields = {"sec/index": NavFields()}
    compute_plan(SECTIONS, fields, ROOT, {"sec": NavFields("Security", 1)})
    assert fields == {"sec/index": NavFields()}
