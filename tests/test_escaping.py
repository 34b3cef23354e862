"""Front matter is data, never markup: payloads in every field reach every place escaped.

A small site is written with the same hostile payload in every front-matter field and tag
(new and old vocabulary), on a page that also sits in a folder (breadcrumbs, cards,
sidebar, prev/next, tag pages). Every output page is parsed: the payload must appear as
text or as an attribute value, exactly, and never as an element, an event handler or a
script URL.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, attr, build_html, one, warnings_of

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}{% if 1 %}&amp;</title>"
URL_PAYLOAD = "javascript:alert(3)"
SCRIPT_URL_PREFIXES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "content", "srcset", "poster", "data")


def yaml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def front_matter(pairs: dict[str, str]) -> str:
    return "---\n" + "\n".join(f"{key}: {value}" for key, value in pairs.items()) + "\n---\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("escaping") / "src"
    (srcdir / "folder").mkdir(parents=True)
    (srcdir / "conf.py").write_text((ROOTS / "test-hostile" / "conf.py").read_text())
    (srcdir / "index.md").write_text(front_matter({"title": "Home"}) + "\nHome.\n")
    payload = yaml_string(PAYLOAD)
    (srcdir / "folder" / "folder.md").write_text(front_matter({
        "title": payload, "sidebar_label": payload, "description": payload,
    }) + "\nFolder page.\n")
    (srcdir / "folder" / "new-style.md").write_text(front_matter({
        "title": payload, "sidebar_label": payload, "description": payload, "keywords": f"[{payload}]",
        "tags": f"[{payload}, plain]", "pagination_label": payload, "image": yaml_string(URL_PAYLOAD),
        "custom_edit_url": yaml_string(URL_PAYLOAD), "sidebar_position": "1",
    }) + "\nNew-style body.\n")
    (srcdir / "folder" / "old-style.md").write_text(front_matter({
        "title": payload, "metaTitle": payload, "metaDescription": payload, "icon": payload,
        "sidebar_position": "2",
    }) + "\nOld-style body.\n")
    return build_html(srcdir)


def pages(app) -> list[Path]:
    return sorted(Path(app.outdir).rglob("*.html"))


def test_the_refused_values_are_warned_about(site):
    warnings = "\n".join(warnings_of(site))
    assert "'image' must be an http(s) URL or a path" in warnings
    assert "'custom_edit_url' must be an http(s) URL, or null" in warnings
    assert "unknown icon" in warnings
    assert len(warnings_of(site)) == 3, warnings


def test_no_page_gains_an_element_a_handler_or_a_script_url(site):
    assert len(pages(site)) >= 7
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for script in soup.find_all("script"):
            assert script.get("src"), f"{page}: inline script {script}"
            assert "alert" not in attr(script, "src")
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), f"{page}: {tag.name} has {name}"
                if name in URL_ATTRIBUTES and isinstance(value, str) and tag.name != "meta":
                    assert not value.strip().lower().startswith(SCRIPT_URL_PREFIXES), f"{page}: {name}={value}"
        for img in soup.find_all("img"):
            assert img.get("src") != "x", f"{page}: the payload's <img> became an element"
        assert "49" not in soup.get_text(), f"{page}: a template expression was evaluated"


def test_the_payload_is_kept_as_text_in_every_place(site):
    soup = BeautifulSoup((Path(site.outdir) / "folder/new-style/index.html").read_text(encoding="utf-8"), "lxml")
    assert PAYLOAD in one(soup, "title").get_text()
    assert one(soup, 'meta[name="description"]')["content"] == PAYLOAD
    assert one(soup, 'meta[property="og:description"]')["content"] == PAYLOAD
    assert PAYLOAD in one(soup, 'meta[name="keywords"]')["content"]
    assert soup.find("meta", property="og:image") is None  # the javascript: image is refused
    assert PAYLOAD in one(soup, "article h1").get_text()
    sidebar = [a.get_text() for a in soup.select(".sidebar-tree a")]
    assert sidebar.count(PAYLOAD) >= 2
    crumbs = one(soup, "nav.docusaurus-breadcrumbs").get_text()
    assert PAYLOAD in crumbs
    tags = [a.get_text() for a in soup.select(".docusaurus-tag")]
    assert PAYLOAD in tags
    assert all(not attr(a, "href").lower().startswith("javascript") for a in soup.select("a[href]"))
    edit = one(soup, ".docusaurus-edit-link")
    assert attr(edit, "href").startswith("https://example.com/edit/")  # the default, not the payload


def test_cards_next_links_and_tag_pages_escape_it_too(site):
    out = Path(site.outdir)
    folder = BeautifulSoup((out / "folder/index.html").read_text(encoding="utf-8"), "lxml")
    cards = folder.select(".docusaurus-card")
    assert PAYLOAD in cards[0].get_text() and PAYLOAD in cards[1].get_text()
    nxt = one(folder, "a.next-page .title")
    assert nxt.get_text() == PAYLOAD
    tag_pages = [p for p in (out / "tags").rglob("index.html") if p.parent.name not in ("tags", "plain")]
    assert tag_pages, "the payload tag has a page"
    for page in tag_pages:
        assert page.resolve().is_relative_to(out.resolve())
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert PAYLOAD in one(soup, "article").get_text()


def test_search_index_holds_the_payload_as_data(site):
    text = (Path(site.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    assert PAYLOAD in index["titles"]


@pytest.mark.browser
def test_no_script_runs_in_a_browser(site):
    from browser import chromium_page, serve

    dialogs = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with serve(Path(site.outdir)) as base, chromium_page() as page:
        page.on("dialog", dismiss)
        for path in ["folder/new-style/", "folder/", "tags/", "folder/old-style/"]:
            page.goto(base + path, wait_until="networkidle")
        page.goto(base + "search/?q=alert", wait_until="networkidle")
        page.wait_for_selector("#search-results li a", timeout=15000)
        assert PAYLOAD in page.locator("#search-results li > a").first.inner_text()
        assert page.locator("#search-results img[src=x]").count() == 0
        # the search dialog shows the title as text too
        page.keyboard.press("Control+k")
        page.keyboard.type("alert")
        first = page.get_by_role("dialog", name="Search").get_by_role("option").first
        first.wait_for(timeout=15000)
        assert PAYLOAD in first.inner_text()
        assert page.locator("dialog img, dialog script").count() == 0
    assert dialogs == []


@pytest.mark.parametrize("fragment", [
    '<div class="note" id="x">text</div>', "<u>", "</u>", '<a href="/security/">x</a>', '<a href="#part">',
    '<a href="https://example.com/" target="_blank" rel="noopener">', '<img src="/img/a.png" alt="a">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">', "<details open><summary>More</summary>",
    '<table><tr><td colspan="2">x</td></tr></table>', "<br/>", "<!-- a comment -->", '<span aria-label="x">',
    "<span>x &lt;b&gt; y &#60;i&#62;</span>",
    '<video controls muted src="/media/demo.mp4" poster="/img/poster.png">'
    '<source src="demo.webm" type="video/webm"></video>',
])
def test_allowed_raw_html(fragment):
    from docusaurus_compat.raw_html import html_problems

    assert html_problems(fragment) == []


@pytest.mark.parametrize(("fragment", "named"), [
    ("<script>alert(1)</script>", "<script>"),
    ('<a href="javascript:alert(1)">x</a>', "href"),
    ('<a href="java\tscript:alert(1)">x</a>', "href"),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "href"),
    ('<a href="vbscript:msgbox(1)">x</a>', "href"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "href"),
    ('<img src="https://tracker.example/pixel.gif">', "<img"),
    ('<video src="https://cdn.example/v.mp4" controls></video>', "<video"),
    ('<video controls autoplay src="/v.mp4"></video>', "autoplay"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ('<div style="color:red">', "style"),
    ('<iframe src="/x"></iframe>', "<iframe>"),
    ("<svg><script>alert(1)</script></svg>", "<svg>"),
    ("<style>body{}</style>", "<style>"),
    ('<form action="/x"><input name="q"></form>', "<form>"),
    ("<!DOCTYPE html>", "DOCTYPE"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<meta>"),
    ('<object data="x.swf"></object>', "<object>"),
    ('<a href="//evil.example/">x</a>', "href"),
    ("<img src=x onerror=alert(1)", "unfinished"),
])
def test_disallowed_raw_html_is_named(fragment, named):
    from docusaurus_compat.raw_html import html_problems

    problems = html_problems(fragment)
    assert problems and any(named in problem for problem in problems), problems
