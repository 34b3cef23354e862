"""Each front-matter key, as a reader sees it in the built HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import one, read_html

pytestmark = pytest.mark.sphinx("html", testroot="frontmatter", freshenv=True)


def heading_texts(soup, selector="article h1"):
    """Heading texts without their permalink markers."""
    texts = []
    for heading in soup.select(selector):
        for link in heading.select("a.headerlink"):
            link.decompose()
        texts.append(heading.get_text(strip=True))
    return texts


def sidebar_links(soup):
    return {a.get_text(strip=True): a for a in soup.select(".sidebar-tree a.reference")}


def test_title_becomes_h1_when_body_has_none(built):
    soup = read_html(built, "security/new-style/index.html")
    assert heading_texts(soup) == ["New Style Page"]
    assert one(soup, "title").string == "New Style Page | Test Docs"


def test_body_h1_is_kept_and_title_names_the_page(built):
    soup = read_html(built, "security/index.html")
    assert heading_texts(soup) == ["Overview"]
    assert "Security" in sidebar_links(soup)


def test_meta_title_sets_only_the_html_title(built):
    soup = read_html(built, "security/index.html")
    assert one(soup, "title").string == "Spectro Cloud Security"
    assert one(soup, 'meta[property="og:title"]')["content"] == "Spectro Cloud Security"


@pytest.mark.parametrize(
    ("page", "text"),
    [("security/index.html", "Old-style description."), ("security/new-style/index.html", "A new-style description.")],
)
def test_description_in_meta_og_and_twitter(built, page, text):
    soup = read_html(built, page)
    assert one(soup, 'meta[name="description"]')["content"] == text
    assert one(soup, 'meta[property="og:description"]')["content"] == text
    assert one(soup, 'meta[name="twitter:description"]')["content"] == text


def test_keywords_and_image(built):
    soup = read_html(built, "security/new-style/index.html")
    assert one(soup, 'meta[name="keywords"]')["content"] == "palette, zero trust"
    assert one(soup, 'meta[property="og:image"]')["content"] == "https://docs.example.com/img/card.png"


def test_sidebar_label_and_title_fallback(built):
    links = sidebar_links(read_html(built, "security/wide/index.html"))
    assert "Short Label" in links and "New Style Page" not in links
    assert "Wide Page" in links


def test_sidebar_position_orders_siblings_and_pagination(built):
    soup = read_html(built, "security/index.html")
    labels = [a.get_text(strip=True) for a in soup.select(".sidebar-tree li.toctree-l2 > a")]
    assert labels == ["Short Label", "Levels", "Wide Page", "Hidden Title", "Slugged", "With Id"]
    next_link = one(read_html(built, "security/new-style/index.html"), "a.next-page")
    assert next_link["href"] == "../levels/"


@pytest.mark.parametrize(("label", "icon"), [("Security", "lock"), ("Short Label", "user-shield")])
def test_icons_inline_svg_in_sidebar(built, label, icon):
    link = sidebar_links(read_html(built, "security/index.html"))[label]
    svg = link.find("svg")
    assert svg is not None and f"docusaurus-icon-{icon}" in svg["class"]
    assert svg["fill"] == "currentColor" and svg.find("path") is not None


def test_no_icon_when_icon_missing(built):
    assert sidebar_links(read_html(built, "security/index.html"))["Levels"].find("svg") is None


@pytest.mark.parametrize(
    ("page", "hidden"),
    [("security/index.html", False), ("security/new-style/index.html", True), ("security/wide/index.html", True)],
)
def test_right_hand_contents_follow_front_matter(built, page, hidden):
    soup = read_html(built, page)
    drawer = one(soup, "aside.toc-drawer")
    assert ("no-toc" in drawer["class"]) is hidden
    assert (drawer.select_one(".toc-tree") is None) is hidden


def test_toc_heading_levels(built):
    toc = one(read_html(built, "security/levels/index.html"), ".toc-tree")
    entries = [a.get_text(strip=True) for a in toc.select("a")]
    assert "Level Three" in entries
    assert "Level Two" not in entries and "Level Four" not in entries


def test_full_width_marks_the_page(built):
    assert read_html(built, "security/wide/index.html").select_one(".docusaurus-full-width") is not None
    assert read_html(built, "security/levels/index.html").select_one(".docusaurus-full-width") is None


def test_tags_footer_and_tag_pages(built):
    soup = read_html(built, "security/new-style/index.html")
    tags = {a.get_text(): a["href"] for a in soup.select(".docusaurus-tags a")}
    assert tags == {"security": "../../tags/security/", "Zero Trust": "../../tags/zero-trust/"}
    tag_page = read_html(built, "tags/zero-trust/index.html")
    assert [a.get_text() for a in tag_page.select(".docusaurus-tagged-pages a")] == ["New Style Page"]
    index = read_html(built, "tags/index.html")
    assert {a.get_text() for a in index.select("a.docusaurus-tag")} == {"security", "Zero Trust"}


def test_hide_title(built):
    h1 = one(read_html(built, "security/hidden-title/index.html"), "article h1")
    assert "visually-hidden" in h1["class"]


def test_draft_left_out(built):
    assert "security/draft" not in built.env.all_docs
    assert not (Path(built.outdir) / "security/draft/index.html").exists()


@pytest.mark.sphinx("html", testroot="frontmatter", confoverrides={"docusaurus_show_drafts": True})
def test_drafts_built_when_asked(app):
    app.build()
    assert (Path(app.outdir) / "security/draft/index.html").exists()


def test_unlisted_built_but_not_listed(built):
    soup = read_html(built, "security/unlisted/index.html")
    assert one(soup, 'meta[name="robots"]')["content"] == "noindex, nofollow"
    assert "Unlisted Page" not in sidebar_links(read_html(built, "index.html"))
    assert "zanzibarquux" not in (Path(built.outdir) / "searchindex.js").read_text()


def test_slug_and_id_set_the_url(built):
    assert (Path(built.outdir) / "custom/url/index.html").exists()
    assert (Path(built.outdir) / "security/other-name/index.html").exists()
    assert sidebar_links(read_html(built, "security/index.html"))["Slugged"]["href"] == "../custom/url/"


def test_pagination_label_prev_and_next(built):
    soup = read_html(built, "security/other-name/index.html")
    assert soup.select_one("a.next-page") is None
    prev = one(soup, "a.prev-page")
    assert prev["href"] == "../levels/" and "Levels" in prev.get_text()
    after_hidden = one(read_html(built, "custom/url/index.html"), "a.prev-page")
    assert "Paginated Name" in after_hidden.get_text()


def test_edit_link_default_and_switched_off(built):
    edit = one(read_html(built, "security/levels/index.html"), "a.docusaurus-edit-link")
    assert edit["href"] == "https://example.com/edit/security/levels.md"
    assert read_html(built, "security/new-style/index.html").select_one("a.docusaurus-edit-link") is None
