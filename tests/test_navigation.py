"""Folder navigation: index pages, sidebar_position order, author toctrees, incremental updates."""

from __future__ import annotations

import json
import os
import time

import pytest

from conftest import one, read_html

pytestmark = pytest.mark.sphinx("html", testroot="navigation", freshenv=True)


def sidebar(soup, level: int) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(f".sidebar-tree li.toctree-l{level} > a")]


def test_folder_pages_sit_under_the_index_in_position_order(built):
    assert built.env.toctree_includes["guide/index"] == [
        "guide/advanced/advanced",  # position 0: a sub-folder, by its index page
        "guide/first",              # 1
        "guide/alpha",              # 2, tie broken by label
        "guide/zeta",               # 2
        "guide/unpositioned",       # no position: last
    ]


def test_folder_named_index_file_is_the_folder_page(built):
    assert built.env.toctree_includes["guide/advanced/advanced"] == ["guide/advanced/deep"]
    assert (built.outdir / "guide/advanced/index.html").exists()


def test_top_level_order_and_folder_without_index(built):
    soup = read_html(built, "index.html")
    assert sidebar(soup, 1) == ["Guide", "Loose Page", "Manual"]


def test_author_toctree_is_kept_and_completed(built):
    assert built.env.toctree_includes["manual/manual"] == [
        "manual/child-b", "manual/child-a", "manual/child-c",
    ]


def test_prev_next_follow_the_sidebar(built):
    soup = read_html(built, "guide/first/index.html")
    assert one(soup, "a.prev-page")["href"] == "../advanced/deep/"
    assert one(soup, "a.next-page")["href"] == "../alpha/"


def _touch_edit(path, old: str, new: str) -> None:
    text = path.read_text()
    path.write_text(text.replace(old, new))
    future = time.time() + 5
    os.utime(path, (future, future))


def test_position_change_reorders_and_rewrites_every_page(app):
    app.build()
    _touch_edit(app.srcdir / "guide/zeta.md", "sidebar_position: 2", "sidebar_position: 0.5")
    app.build()
    assert app.env.toctree_includes["guide/index"][:2] == ["guide/advanced/advanced", "guide/zeta"]
    # a page that was not edited shows the new order in its sidebar...
    assert sidebar(read_html(app, "guide/first/index.html"), 2)[:2] == ["Advanced", "Zeta"]
    # ...and so does the shared navigation file that expands collapsed categories
    nav = json.loads((app.outdir / "_static/docusaurus-nav/guide.json").read_text())
    assert [entry["l"] for entry in nav["nodes"]["guide/"]][:2] == ["Advanced", "Zeta"]


def test_label_change_reaches_every_page(app):
    app.build()
    _touch_edit(app.srcdir / "guide/index.md", 'title: "Guide"', 'title: "Guide"\nsidebar_label: "Renamed"')
    app.build()
    assert sidebar(read_html(app, "manual/child-c/index.html"), 1)[0] == "Renamed"


def test_sidebar_holds_top_level_and_current_branch_only(built):
    soup = read_html(built, "loose/page/index.html")
    assert sidebar(soup, 1) == ["Guide", "Loose Page", "Manual"]
    assert sidebar(soup, 2) == []  # Guide and Manual are collapsed...
    guide = one(soup, ".sidebar-tree li.toctree-l1.has-children")
    assert one(guide, "ul")["data-nav-children"] == "guide/"  # ...and expand from the nav file
    assert one(guide, "ul")["data-nav-file"] == "guide"
    assert one(guide, "a")["href"] == "../../guide/"  # without JavaScript the link still works
    deep = read_html(built, "guide/advanced/deep/index.html")
    assert sidebar(deep, 2) == ["Advanced", "First", "Alpha", "Zeta", "No Position"]
    assert sidebar(deep, 3) == ["Deep"]
    assert [li.get_text(strip=True) for li in deep.select(".sidebar-tree li.current-page")] == ["Deep"]


def test_navigation_files_list_every_category_by_section(built):
    folder = built.outdir / "_static/docusaurus-nav"
    assert sorted(path.name for path in folder.glob("*.json")) == ["guide.json", "manual.json"]
    nav = json.loads((folder / "guide.json").read_text())
    assert set(nav["nodes"]) == {"guide/", "guide/advanced/"}
    assert nav["nodes"]["guide/advanced/"] == [{"l": "Deep", "u": "guide/advanced/deep/"}]
    assert nav["nodes"]["guide/"][0] == {"l": "Advanced", "u": "guide/advanced/", "c": 1}
