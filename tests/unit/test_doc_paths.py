"""doc_paths: what a docname says on its own (folder, index page, number prefixes, default URL).

Number-prefix cases are Docusaurus' own (plugin-content-docs ``numberPrefix.test.ts``), plus this site's names.
"""

from __future__ import annotations

import pytest

from docusaurus_compat.doc_paths import (
    default_route,
    folder_indexes,
    folder_of,
    is_folder_index,
    number_prefix,
    strip_number_prefixes,
)


@pytest.mark.parametrize(("docname", "folder"), [("a/b/c", "a/b"), ("a/b", "a"), ("c", "")])
def test_folder_of(docname: str, folder: str) -> None:
    assert folder_of(docname) == folder


PREFIXED = {
    "site-page": ("05-core-principles", 5, "core-principles"),
    "one-digit": ("1-My Doc", 1, "My Doc"),
    "zero": ("0-My Doc", 0, "My Doc"),
    "leading-zeros": ("001-My Doc", 1, "My Doc"),
    "spaced-dash": ("001 - My Doc", 1, "My Doc"),
    "many-spaces": ("999      -        My Doc", 999, "My Doc"),
    "three-dashes": ("1---My Doc", 1, "My Doc"),
    "underscores": ("01___My Doc", 1, "My Doc"),
    "dot": ("1.My Doc", 1, "My Doc"),
    "spaced-dot": ("001 . My Doc", 1, "My Doc"),
    "big-number": ("0046036 - My Doc", 46036, "My Doc"),
}


@pytest.mark.parametrize(("segment", "number", "rest"), PREFIXED.values(), ids=PREFIXED.keys())
def test_number_prefix(segment: str, number: int, rest: str) -> None:
    assert number_prefix(segment) == (number, rest)


KEPT = {
    "no-number": "MyDoc",
    "letter-first": "a1-My Doc",
    "number-at-the-end": "My Doc-000",
    "digits-then-letters": "00abc01-My Doc",
    "nothing-after-the-separator": "01-",
    "number-only": "2021",
    "two-digits-only": "01",
    # dates, as Docusaurus ignores them
    "date": "2021-01-31",
    "date-then-title": "2021-01-31 - Doc",
    "day-first-date": "31-01-2021 - Doc",
    "year-month-underscores": "2021_01 - Doc",
    "month-year-dots": "01.2021 - Doc",
    # versions, as Docusaurus ignores them
    "version": "8.0",
    "three-part-version": "8.0.0",
    "underscore-version": "14_2_16",
    "version-then-title": "8.0 - Doc",
    "this-site's-section": "09.5-security",
    "dotted-notes": "1.2-notes",
    "dashed-version": "7-0",  # a Docusaurus site's upgrade guides: updating/7-0.md is /updating/7-0
}


@pytest.mark.parametrize("segment", KEPT.values(), ids=KEPT.keys())
def test_no_number_prefix(segment: str) -> None:
    assert number_prefix(segment) == (None, segment)


STRIPPED = {
    "every-segment": ("01-a/02-b/03-c", "a/b/c"),
    "docusaurus-example": ("0-MyRootFolder0/1 - MySubFolder1/2.  MyDeepFolder2/3 _MyDoc3",
                           "MyRootFolder0/MySubFolder1/MyDeepFolder2/MyDoc3"),
    "version-folder-kept": ("09.5-security/05-core-principles", "09.5-security/core-principles"),
    "nothing-to-strip": ("a/b", "a/b"),
    "empty": ("", ""),
}


@pytest.mark.parametrize(("path", "stripped"), STRIPPED.values(), ids=STRIPPED.keys())
def test_strip_number_prefixes(path: str, stripped: str) -> None:
    assert strip_number_prefixes(path) == stripped


FOLDER_INDEX = {
    "index": ("a/index", True),
    "index-capitals": ("a/INDEX", True),
    "readme": ("a/README", True),
    "readme-mixed-case": ("a/reADMe", True),
    "folder-name": ("security/lifecycle/lifecycle", True),
    "folder-name-other-case": ("subdir/suBDir", True),
    "folder-name-number-prefixes-aside": ("01-guides/02-guides", True),
    "top-level-index": ("index", True),
    "top-level-readme": ("README", True),
    "plain-page": ("a/b", False),
    "top-level-page": ("a", False),
    "longer-name": ("a/indexes", False),
    "grandparent-name": ("a/b/a", False),
}


@pytest.mark.parametrize(("docname", "expected"), FOLDER_INDEX.values(), ids=FOLDER_INDEX.keys())
def test_is_folder_index(docname: str, expected: bool) -> None:
    assert is_folder_index(docname) is expected


DEFAULT_ROUTES = {
    "root": ("index", "index", ""),
    "another-root": ("intro", "intro", ""),
    "page": ("security/core-principles", "index", "security/core-principles/"),
    "folder-index": ("security/index", "index", "security/"),
    "folder-named-page": ("security/lifecycle/lifecycle", "index", "security/lifecycle/"),
    "readme": ("security/README", "index", "security/"),
    "number-prefixes-dropped": ("01-security/05-core-principles", "index", "security/core-principles/"),
    "version-like-folder-kept": ("09.5-security/05-core-principles", "index", "09.5-security/core-principles/"),
    "top-level-index-not-root": ("index", "intro", ""),
    "top-level-page": ("about", "index", "about/"),
}


@pytest.mark.parametrize(("docname", "root_doc", "route"), DEFAULT_ROUTES.values(), ids=DEFAULT_ROUTES.keys())
def test_default_route(docname: str, root_doc: str, route: str) -> None:
    assert default_route(docname, root_doc) == route


FOLDER_INDEXES = {
    "index-before-readme-before-folder-name": (
        {"index", "a/index", "a/README", "a/a", "a/x"}, "index", {"": "index", "a": "a/index"},
    ),
    "readme-before-folder-name": ({"index", "a/README", "a/a"}, "index", {"": "index", "a": "a/README"}),
    "folder-name": ({"index", "a/a", "a/x"}, "index", {"": "index", "a": "a/a"}),
    "no-index": ({"index", "a/x", "a/y"}, "index", {"": "index"}),
    "any-case": ({"index", "a/Index", "b/ReadMe", "c/C"}, "index", {"": "index", "a": "a/Index", "b": "b/ReadMe",
                                                                  "c": "c/C"}),
    "nested": ({"index", "a/b/b", "a/b/c"}, "index", {"": "index", "a/b": "a/b/b"}),
    "root-not-a-document": ({"a/index", "a/x"}, "index", {"a": "a/index"}),
    "root-keeps-the-top-folder": ({"intro", "index", "a/index"}, "intro", {"": "intro", "a": "a/index"}),
}


@pytest.mark.parametrize(("docnames", "root_doc", "indexes"), FOLDER_INDEXES.values(), ids=FOLDER_INDEXES.keys())
def test_folder_indexes(docnames: set[str], root_doc: str, indexes: dict[str, str]) -> None:
    assert folder_indexes(docnames, root_doc) == indexes
