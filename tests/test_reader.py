"""Reader-facing parts of each page, in the parsed HTML: top bar, sidebar toggles, index
cards, 404 page, sitemap and robots.txt, search ranking script."""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sphinx.errors import ConfigError

from conftest import one, read_html

pytestmark = pytest.mark.sphinx("html", testroot="reader", freshenv=True)


def navbar(soup):
    return soup.select_one(".announcement nav.docusaurus-navbar[aria-label=Main]")


def test_navbar_links_resolve_like_site_links(built):
    bar = navbar(read_html(built, "guide/alpha/index.html"))
    links = {a.get_text(strip=True): a for a in bar.select(".docusaurus-navbar-links a")}
    assert list(links) == ["Guide", "Elsewhere", "External"]
    assert links["Guide"]["href"] == "../"  # a page of this project: relative
    assert links["Elsewhere"]["href"] == "https://docs.example.com/elsewhere/"  # the main site
    assert links["External"]["href"] == "https://example.org/x"
    assert not any(a.has_attr("aria-current") for a in links.values())
    assert bar.select_one("a.docusaurus-navbar-brand")["href"] == "../../"
    repo = bar.select_one("a.docusaurus-repository-link")
    assert repo["href"] == "https://github.com/example/docs" and repo["aria-label"] == "GitHub repository"
    assert repo.find("svg")["aria-hidden"] == "true"


def test_navbar_marks_the_current_section(built):
    bar = navbar(read_html(built, "guide/index.html"))
    guide = bar.select_one(".docusaurus-navbar-links a[aria-current=page]")
    assert guide.get_text() == "Guide"


def test_versions_become_a_switcher(built):
    switcher = navbar(read_html(built, "guide/alpha/index.html")).select_one("details.docusaurus-versions")
    assert switcher.summary.get_text(strip=True) == "latest"
    items = [(a.get_text(), a["href"], a.get("aria-current")) for a in switcher.select("li a")]
    assert items == [("latest", "../../", "true"), ("v1.0", "https://v1.example.com/", None)]


@pytest.mark.sphinx("html", testroot="reader", freshenv=True, confoverrides={"docusaurus_versions": [("latest", "/")]})
def test_one_version_is_a_label(app):
    app.build()
    bar = navbar(read_html(app, "index.html"))
    assert bar.select_one("details") is None
    assert bar.select_one(".docusaurus-version").get_text() == "latest"


@pytest.mark.parametrize(
    "override",
    [
        {"docusaurus_navbar_links": [("Bad", "javascript:alert(1)")]},
        {"docusaurus_navbar_links": ["just a string"]},
        {"docusaurus_versions": [("v1", "//evil.example")]},
        {"docusaurus_repository_url": "ftp://example.com/repo"},
    ],
)
def test_bad_navbar_settings_stop_with_a_clear_message(make_app, sphinx_test_tempdir, rootdir, override):
    import shutil

    srcdir = sphinx_test_tempdir / "reader-bad-config"
    if not srcdir.exists():
        shutil.copytree(rootdir / "test-reader", srcdir)
    with pytest.raises(ConfigError, match=next(iter(override))):
        make_app("html", srcdir=srcdir, confoverrides=override)


def test_no_navbar_without_settings(make_app, sphinx_test_tempdir, rootdir):
    import shutil

    srcdir = sphinx_test_tempdir / "reader-no-navbar"
    if not srcdir.exists():
        shutil.copytree(rootdir / "test-reader", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={
        "docusaurus_navbar_links": [], "docusaurus_versions": [], "docusaurus_repository_url": "",
    })
    app.build()
    assert read_html(app, "index.html").select_one(".announcement") is None


def test_sidebar_toggles_name_their_category_and_state(built):
    soup = read_html(built, "guide/alpha/index.html")
    boxes = {
        box["aria-label"]: box for box in soup.select(".sidebar-tree input.toctree-checkbox")
    }
    guide = boxes["Toggle the collapsible sidebar category 'Guide'"]
    assert guide.has_attr("checked") and guide["aria-expanded"] == "true"
    manual = boxes["Toggle the collapsible sidebar category 'Manual'"]
    assert not manual.has_attr("checked") and manual["aria-expanded"] == "false"
    assert not any(box.has_attr("role") for box in boxes.values())
    current = soup.select(".sidebar-tree a[aria-current=page]")
    assert [a.get_text(strip=True) for a in current] == ["Alpha"]


def cards(soup):
    return soup.select(".docusaurus-cards .docusaurus-card")


def test_cards_stand_where_doccardlist_is(built):
    soup = read_html(built, "guide/index.html")
    grid = one(soup, ".docusaurus-cards")
    assert "no-search" in grid["class"]
    following = grid.find_next("h2")
    assert following is not None and "After the cards" in following.get_text()
    titles = [card.select_one(".sd-card-title").get_text(strip=True) for card in cards(soup)]
    assert titles == ["Alpha", "Beta", "Sub Section"]


def test_card_shows_icon_label_link_and_description(built):
    alpha, beta, sub = cards(read_html(built, "guide/index.html"))
    assert "docusaurus-icon-lock" in alpha.select_one("svg")["class"]
    assert alpha.select_one("a")["href"] == "alpha/"
    assert alpha.select_one(".sd-card-text").get_text() == "Alpha covers zanzibar topics."
    assert "docusaurus-icon-file-lines" in beta.select_one("svg")["class"]
    assert beta.select_one(".sd-card-text") is None  # no description, nothing invented
    assert "docusaurus-icon-folder" in sub.select_one("svg")["class"]
    assert sub.select_one(".sd-card-text").get_text() == "1 item"
    assert sub.select_one("a")["href"] == "sub/"


def test_cards_at_the_end_of_an_index_page_without_the_component(built):
    soup = read_html(built, "index.html")
    titles = [card.select_one(".sd-card-title").get_text(strip=True) for card in cards(soup)]
    assert titles[:2] == ["Guide", "Manual"]
    assert one(soup, "article").select(".docusaurus-cards")[-1] is soup.select_one(".docusaurus-cards")


def test_no_cards_where_the_author_wrote_a_visible_toctree(built):
    assert cards(read_html(built, "manual/index.html")) == []


def test_cards_are_not_search_text(built):
    # "zanzibar" is only in Alpha's description, which only the Guide page's card shows
    assert "zanzibar" in cards(read_html(built, "guide/index.html"))[0].get_text()
    text = (Path(built.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    assert "zanzibar" not in index["terms"]


def test_cards_follow_a_child_description_change(app):
    app.build()
    source = Path(app.srcdir) / "guide" / "alpha.md"
    source.write_text(source.read_text().replace("zanzibar topics", "timbuktu topics"))
    time.sleep(0.01)
    app.build()
    soup = read_html(app, "guide/index.html")
    assert cards(soup)[0].select_one(".sd-card-text").get_text() == "Alpha covers timbuktu topics."


@pytest.mark.sphinx("html", testroot="reader", freshenv=True, confoverrides={"docusaurus_index_cards": False})
def test_automatic_cards_can_be_switched_off(app):
    app.build()
    assert cards(read_html(app, "index.html")) == []
    assert len(cards(read_html(app, "guide/index.html"))) == 3  # <DocCardList /> still asks for them


def test_404_page_links_from_the_site_root(built):
    page = Path(built.outdir) / "404.html"
    soup = read_html(built, "404.html")
    assert one(soup, "html")["data-content_root"] == "/"
    assert soup.find("link", rel="canonical") is None
    assert one(soup, "article h1").get_text() == "Page not found"
    for tag, name in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            value = element.get(name)
            if not isinstance(value, str) or not value or value.startswith(("#", "https://", "http://")):
                continue
            assert value.startswith("/"), (tag, value)
    sidebar = [a["href"] for a in soup.select(".sidebar-tree a.reference")]
    assert "/guide/" in sidebar
    assert page.is_file() and not (Path(built.outdir) / "404").exists()


def test_sitemap_lists_indexable_pages_at_their_urls(built):
    tree = ET.parse(Path(built.outdir) / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text or "" for loc in tree.getroot().findall("s:url/s:loc", ns)]
    base = "https://docs.example.com/"
    assert sorted(locs) == sorted(base + path for path in [
        "", "guide/", "guide/alpha/", "guide/beta/", "guide/sub/", "guide/sub/deep/",
        "manual/", "manual/one/", "tags/", "tags/sample/",
    ])  # not: hidden/ (unlisted), moved/ (a redirect), search, genindex, 404


def test_robots_txt_names_the_sitemap(built):
    robots = (Path(built.outdir) / "robots.txt").read_text()
    assert re.search(r"^User-agent: \*$", robots, re.M)
    assert "Sitemap: https://docs.example.com/sitemap.xml" in robots.splitlines()


def test_search_uses_the_title_first_scorer(built):
    language_data = (Path(built.outdir) / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "var Scorer = (() =>" in language_data
    assert language_data.index("window.Stemmer =") < language_data.index("var Scorer")


def test_search_page_alone_loads_the_route_map(built):
    routes = (Path(built.outdir) / "_static" / "docusaurus-search-routes.js").read_text(encoding="utf-8")
    data = json.loads(routes.removeprefix("window.DOCUSAURUS_SEARCH_ROUTES = ").rstrip().rstrip(";"))
    assert data["guide/guide"] == "guide" and data["index"] == "index" and data["guide/sub/deep"] == "guide/sub/deep"
    scripts = [s["src"] for s in read_html(built, "search/index.html").find_all("script", src=True)]
    assert any("docusaurus-search-routes.js" in src for src in scripts)
    scripts = [s["src"] for s in read_html(built, "guide/index.html").find_all("script", src=True)]
    assert not any("docusaurus-search-routes.js" in src for src in scripts)
