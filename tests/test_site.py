"""The real site, built exactly as `make html` builds it, checked in the parsed HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import attr, one

pytestmark = pytest.mark.site

REPO = Path(__file__).resolve().parents[1]

PAGES = [
    "", "security/", "security/core-principles/", "security/lifecycle/",
    "security/lifecycle/secure-development/", "security/lifecycle/release-process/",
    "security/product-architecture/", "security/product-architecture/platform-security/",
    "security/product-architecture/data-encryption/", "security/product-architecture/saas-operation/",
    "security/product-architecture/self-hosted-operation/", "security/product-architecture/tenant-cluster/",
    "security/security-bulletins/", "security/vulnerability-management/", "security/artifact-signatures/",
]


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("url", PAGES)
def test_every_url_exists(site, url):
    assert (site / url / "index.html").is_file()


def test_security_overview_head(site):
    soup = page(site, "security/")
    assert one(soup, "title").string == "Spectro Cloud Security"
    assert one(soup, 'meta[name="description"]')["content"] == (
        "Get an overview of Palette's security controls, security-aware culture, "
        "and where you can report any security issues."
    )


def test_core_principles_head(site):
    soup = page(site, "security/core-principles/")
    assert one(soup, "title").string == "Core Principles | Palette Docs"
    assert one(soup, 'meta[name="description"]')["content"] == (
        "Learn about Spectro Cloud security principles for Palette."
    )


def test_lock_icon_svg_beside_security_in_sidebar(site):
    link = next(
        a for a in page(site, "security/core-principles/").select(".sidebar-tree a.reference")
        if a.get_text(strip=True) == "Security"
    )
    svg = one(link, "svg")
    assert "docusaurus-icon-lock" in svg["class"] and one(svg, "path")["d"]


@pytest.mark.parametrize(
    ("url", "hidden"),
    [("security/", False), ("security/core-principles/", False), ("security/vulnerability-management/", True)],
)
def test_right_hand_contents_as_front_matter_says(site, url, hidden):
    drawer = one(page(site, url), "aside.toc-drawer")
    assert ("no-toc" in drawer["class"]) is hidden


def test_security_tag_page_lists_every_security_page(site):
    soup = page(site, "tags/security/")
    titles = {a.get_text() for a in soup.select(".docusaurus-tagged-pages a")}
    assert {"Core Principles", "Data Encryption", "Release Process", "Artifact Signatures"} <= titles
    footer = one(page(site, "security/core-principles/"), ".docusaurus-tags a")
    assert footer.get_text() == "security" and footer["href"] == "../../tags/security/"


def test_seed_sidebar_order_and_pagination(site):
    soup = page(site, "security/core-principles/")
    assert [a.get_text(strip=True) for a in soup.select(".sidebar-tree li.toctree-l2 > a")] == [
        "Core Principles", "Lifecycle", "Secure Product Architecture",
        "Vulnerability Management", "Artifact Signatures", "Security Bulletins",
    ]
    assert "Security" in one(soup, "a.prev-page").get_text()
    assert "Lifecycle" in one(soup, "a.next-page").get_text()


def test_outside_links_go_to_the_main_site(site):
    hrefs = [a["href"] for a in page(site, "security/").select("article a[href]")]
    assert "https://docs.spectrocloud.com/compliance" in hrefs


def test_spacer_br_leaves_no_markup(site):
    assert page(site, "security/").select("article br") == []


def test_security_section_shows_every_dialect_feature(site):
    pages = [page(site, url) for url in PAGES if url.startswith("security/")]
    kinds = set()
    for soup in pages:
        for div in soup.select("article div.admonition"):
            kinds |= set(div["class"])
    assert {"note", "tip", "info", "warning", "caution", "danger", "preview", "further"} <= kinds
    articles = [one(soup, "article") for soup in pages]
    assert any(a.select("div.sd-tab-set") for a in articles)
    assert any(a.select("details.sd-dropdown") for a in articles)
    assert any("Palette VerteX version you run" in a.get_text() for a in articles)  # the partial, with its prop
    titled = [
        block for a in articles for block in a.select(".literal-block-wrapper")
        if block.select_one(".code-block-caption") and block.select("span.hll")
    ]
    assert titled


def test_breadcrumbs_like_the_seed(site):
    nav = one(page(site, "security/core-principles/"), "nav[aria-label=Breadcrumbs]")
    items = nav.select("ol[itemtype='https://schema.org/BreadcrumbList'] > li[itemprop=itemListElement]")
    assert [one(li, "[itemprop=name]").get_text(strip=True) for li in items] == [
        "Home page", "Security", "Core Principles",
    ]
    assert one(items[0], "a")["href"] == "../../" and items[0].select_one("svg") is not None
    assert one(items[1], "a")["href"] == "../"
    assert items[2].select_one("a") is None and items[2].select_one("[aria-current=page]")
    assert [m["content"] for m in nav.select("meta[itemprop=position]")] == ["1", "2", "3"]
    assert page(site, "").select_one("nav[aria-label=Breadcrumbs]") is None  # none on the home page


def test_heading_anchors_are_named_and_use_docusaurus_ids(site):
    soup = page(site, "security/core-principles/")
    link = one(soup, "h2 a.headerlink")
    assert link["aria-label"] == "Direct link to Secure by Design" and link["href"] == "#secure-by-design"
    overview = page(site, "security/")
    hrefs = [a["href"] for a in overview.select("h2 a.headerlink")]
    assert "#compliance--standards" in hrefs  # the GitHub-style slug, as on the live site


def test_head_has_canonical_social_tags_and_favicon(site):
    head = one(page(site, "security/core-principles/"), "head")
    assert one(head, "link[rel~=canonical]")["href"] == "https://docs.spectrocloud.com/security/core-principles/"
    assert one(head, 'meta[property="og:title"]')["content"] == "Core Principles"
    assert attr(one(head, 'meta[property="og:description"]'), "content").startswith("Learn about Spectro Cloud")
    assert one(head, 'meta[name="twitter:card"]')["content"] == "summary"
    icon = one(head, "link[rel~=icon]")  # rel="icon" or rel="shortcut icon"
    assert icon["href"] == "../../_static/logo.svg"
    assert (site / "_static" / "logo.svg").read_text().startswith("<svg")


def test_sitemap_lists_every_page_and_robots_points_at_it(site):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text or "" for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    assert {f"https://docs.spectrocloud.com/{url}" for url in PAGES} <= locs
    assert "https://docs.spectrocloud.com/tags/security/" in locs
    # by path: a bulletin's URL may hold the digits 404 (cve-2023-44487)
    assert not any(loc.rstrip("/").rsplit("/", 1)[-1] in ("404", "404.html", "search") for loc in locs)
    assert "Sitemap: https://docs.spectrocloud.com/sitemap.xml" in (site / "robots.txt").read_text().splitlines()


def test_not_found_page_at_the_site_root(site):
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "lxml")
    assert one(soup, "title").get_text().startswith("Page not found")
    assert soup.select_one('link[rel=stylesheet][href^="/_static/styles/furo.css"]') is not None


def test_code_blocks_take_keyboard_focus_to_scroll(site):
    blocks = page(site, "security/artifact-signatures/").select("div.highlight pre")
    assert blocks and all(pre.get("tabindex") == "0" for pre in blocks)


def test_links_to_other_sites_carry_noopener_noreferrer(site):
    checked = 0
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for link in soup.select('a[href^="http://"], a[href^="https://"]'):
            checked += 1
            assert {"noopener", "noreferrer"} <= set(link.get_attribute_list("rel")), (html, str(link)[:200])
    assert checked > 100
