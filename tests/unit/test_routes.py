"""routes: page URLs as Docusaurus gives them (slug, id, folder index pages), and collisions resolved.

Relative-slug cases follow Docusaurus' own (plugin-content-docs ``slug.test.ts``): resolved against the
folder's URL with number prefixes dropped, ``..`` stopping at the site root.
"""

from __future__ import annotations

from typing import Any

import pytest

from docusaurus_compat.page_model import PageMeta
from docusaurus_compat.routes import RouteConflict, RouteTable, build_route_table, doc_id, page_route

ROOT = "index"

# docname, PageMeta fields, URL path
ROUTES: dict[str, tuple[str, dict[str, Any], str]] = {
    "no-front-matter": ("security/x", {}, "security/x/"),
    "absolute-slug": ("security/x", {"slug": "/custom/path"}, "custom/path/"),
    "slug-root": ("security/x", {"slug": "/"}, ""),
    "slug-trailing-slash": ("security/x", {"slug": "/a/"}, "a/"),
    "slug-spaces": ("security/x", {"slug": " /a "}, "a/"),
    "absolute-slug-cannot-climb": ("security/x", {"slug": "/../../outside"}, "outside/"),
    "relative-slug": ("security/x", {"slug": "other"}, "security/other/"),
    "relative-slug-dot": ("security/x", {"slug": "./abc/def"}, "security/abc/def/"),
    "relative-slug-dot-dot": ("dir/subdir/doc", {"slug": "../abc/def"}, "dir/abc/def/"),
    "relative-slug-inner-dot-dot": ("dir/doc", {"slug": "./abc/../def"}, "dir/def/"),
    "relative-slug-stops-at-the-root": ("dir/subdir/doc", {"slug": "../../../../../abc/../def"}, "def/"),
    "relative-slug-top-level": ("doc", {"slug": "abc/def"}, "abc/def/"),
    "relative-slug-to-its-folder": ("a/x", {"slug": "."}, "a/"),
    "relative-slug-drops-number-prefixes": ("001-dir1/002-dir2/doc", {"slug": "abc/def"}, "dir1/dir2/abc/def/"),
    "slug-of-a-folder-index": ("security/index", {"slug": "/sec"}, "sec/"),
    "slug-of-the-root": ("index", {"slug": "/home"}, "home/"),
    "slug-before-id": ("a/x", {"slug": "/s", "doc_id": "y"}, "s/"),
    "id": ("security/x", {"doc_id": "y"}, "security/y/"),
    "id-top-level": ("x", {"doc_id": "y"}, "y/"),
    "id-drops-number-prefixes": ("01-a/02-x", {"doc_id": "y"}, "a/y/"),
    "id-of-a-folder-index-ignored": ("security/index", {"doc_id": "y"}, "security/"),
    "id-of-the-root-ignored": ("index", {"doc_id": "home"}, ""),
    "id-dot-dot-stops-at-the-root": ("a/x", {"doc_id": ".."}, ""),
}


@pytest.mark.parametrize(("docname", "fields", "route"), ROUTES.values(), ids=ROUTES.keys())
def test_page_route(docname: str, fields: dict[str, Any], route: str) -> None:
    assert page_route(docname, PageMeta(**fields), ROOT) == route


DOC_IDS: dict[str, tuple[str, dict[str, Any], str]] = {
    "docname": ("a/b", {}, "a/b"),
    "top-level": ("b", {}, "b"),
    "id-in-its-folder": ("a/b", {"doc_id": "x"}, "a/x"),
    "id-top-level": ("b", {"doc_id": "x"}, "x"),
    # Docusaurus: "01-MyFolder/01-MyDoc.md => MyFolder/MyDoc"
    "number-prefixes-dropped": ("01-a/02-b", {}, "a/b"),
    "number-prefixed-folder-with-id": ("01-a/02-b", {"doc_id": "x"}, "a/x"),
    "version-like-folder-kept": ("09.5-security/05-core-principles", {}, "09.5-security/core-principles"),
}


@pytest.mark.parametrize(("docname", "fields", "identifier"), DOC_IDS.values(), ids=DOC_IDS.keys())
def test_doc_id(docname: str, fields: dict[str, Any], identifier: str) -> None:
    assert doc_id(docname, PageMeta(**fields)) == identifier


FIND = {
    "with-slashes": ("/security/lifecycle/", "security/lifecycle/lifecycle"),
    "without-trailing-slash": ("/security/lifecycle", "security/lifecycle/lifecycle"),
    "without-leading-slash": ("security/lifecycle", "security/lifecycle/lifecycle"),
    "root": ("/", "index"),
    "empty": ("", "index"),
    "missing": ("/security/nothing/", None),
}


@pytest.mark.parametrize(("path", "docname"), FIND.values(), ids=FIND.keys())
def test_route_table_find(path: str, docname: str | None) -> None:
    table, _ = build_route_table(["index", "security/lifecycle/lifecycle"], {}, ROOT)
    assert table.find(path) == docname


def meta(line: int = 3, **fields: Any) -> PageMeta:
    """Front matter whose ``slug``/``id`` keys are at ``line``."""
    keys = {"slug": "slug", "doc_id": "id"}
    return PageMeta(**fields, key_lines={keys[name]: line for name in fields if name in keys})


def test_table_without_collisions() -> None:
    table, conflicts = build_route_table(
        ["index", "a", "sec/index", "sec/x"], {"sec/x": meta(slug="/elsewhere", doc_id="ex")}, ROOT
    )
    assert conflicts == []
    assert table == RouteTable(
        routes={"a": "a/", "index": "", "sec/index": "sec/", "sec/x": "elsewhere/"},
        by_route={"a/": "a", "": "index", "sec/": "sec/index", "elsewhere/": "sec/x"},
        by_id={"a": "a", "index": "index", "sec/index": "sec/index", "sec/ex": "sec/x"},
    )


@pytest.mark.parametrize("order", [["a", "b"], ["b", "a"]], ids=["a-first", "b-first"])
def test_same_slug_first_in_docname_order_keeps_it(order: list[str]) -> None:
    pages = {"a": meta(slug="/same"), "b": meta(line=4, slug="/same")}
    table, conflicts = build_route_table(order, pages, ROOT)
    assert conflicts == [RouteConflict("b", "a", 4, "route", "same/")]
    assert (table.routes["a"], table.routes["b"]) == ("same/", "b/")
    assert table.by_route["same/"] == "a"


def test_loser_whose_default_url_is_taken_is_served_at_its_docname() -> None:
    pages = {"b": meta(slug="/same"), "c": meta(slug="/z/page"), "z/01-page": meta(slug="/same")}
    table, conflicts = build_route_table(["b", "c", "z/01-page"], pages, ROOT)
    assert conflicts == [RouteConflict("z/01-page", "b", 3, "route", "same/")]
    assert table.routes == {"b": "same/", "c": "z/page/", "z/01-page": "z/01-page/"}


def test_page_without_slug_or_id_losing_its_url_is_reported_at_line_1() -> None:
    # two index pages of one folder: neither asked for the URL, the first in docname order keeps it
    table, conflicts = build_route_table(["sec/index", "sec/readme"], {}, ROOT)
    assert conflicts == [RouteConflict("sec/readme", "sec/index", 1, "route", "sec/")]
    assert table.routes == {"sec/index": "sec/", "sec/readme": "sec/readme/"}


def test_a_slug_onto_a_folder_url_is_reported_at_the_slug() -> None:
    table, conflicts = build_route_table(["a", "sec/index"], {"a": meta(slug="/sec")}, ROOT)
    assert conflicts == [RouteConflict("a", "sec/index", 3, "route", "sec/")]
    assert table.routes == {"a": "a/", "sec/index": "sec/"}


def test_every_page_gets_its_own_url() -> None:
    table, _ = build_route_table(["a", "b"], {"a": meta(slug="/b")}, ROOT)
    assert len(set(table.routes.values())) == len(table.routes)
    assert all(table.by_route[route] == docname for docname, route in table.routes.items())


def test_a_slug_that_names_another_pages_url_loses_to_that_page() -> None:
    # "a" sorts first, but "b" is served at /b/ by default: the slug is what must change
    table, conflicts = build_route_table(["a", "b"], {"a": meta(slug="/b")}, ROOT)
    assert table.routes == {"a": "a/", "b": "b/"}
    assert [(conflict.docname, conflict.owner, conflict.value) for conflict in conflicts] == [("a", "b", "b/")]


def test_a_loser_whose_fallbacks_are_taken_gets_a_numbered_url() -> None:
    # "y" asks for /x/; its default URL /y/ (= its docname) is the folder page y/index's
    table, conflicts = build_route_table(["x", "y", "y/index"], {"y": meta(slug="/x")}, ROOT)
    assert table.routes == {"x": "x/", "y": "y-2/", "y/index": "y/"}
    assert [(conflict.docname, conflict.owner) for conflict in conflicts] == [("y", "x")]


def test_same_id_in_one_folder_is_one_url_conflict() -> None:
    # same folder + same id is the same URL: reported once, as a URL conflict, at the id's line
    pages = {"sub/bad": meta(doc_id="twin"), "sub/bad2": meta(doc_id="twin")}
    table, conflicts = build_route_table(["sub/bad", "sub/bad2"], pages, ROOT)
    assert conflicts == [RouteConflict("sub/bad2", "sub/bad", 3, "route", "sub/twin/")]
    assert table.routes == {"sub/bad": "sub/twin/", "sub/bad2": "sub/bad2/"}
    assert table.by_id["sub/twin"] == "sub/bad"


def test_same_id_with_other_urls_is_an_id_conflict() -> None:
    pages = {
        "sub/a": PageMeta(slug="/p", doc_id="x", key_lines={"slug": 2, "id": 3}),
        "sub/b": PageMeta(slug="/q", doc_id="x", key_lines={"slug": 2, "id": 4}),
    }
    table, conflicts = build_route_table(["sub/a", "sub/b"], pages, ROOT)
    assert conflicts == [RouteConflict("sub/b", "sub/a", 4, "id", "sub/x")]
    assert table.routes == {"sub/a": "p/", "sub/b": "q/"}
    assert table.by_id["sub/x"] == "sub/a"


def test_url_and_id_both_taken_is_one_conflict() -> None:
    pages = {
        "sub/a": PageMeta(slug="/p", doc_id="x", key_lines={"slug": 2, "id": 3}),
        "sub/b": PageMeta(slug="/p", doc_id="x", key_lines={"slug": 5, "id": 4}),
    }
    _table, conflicts = build_route_table(["sub/a", "sub/b"], pages, ROOT)
    assert conflicts == [RouteConflict("sub/b", "sub/a", 5, "route", "p/")]
