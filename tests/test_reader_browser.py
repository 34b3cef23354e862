"""Every element of the seed page, used in a real browser (Chromium) on the real site.

The site is built once per session (conftest ``site``) and served from 127.0.0.1 by a
static server that answers a missing path with /404.html, as the web hosts do.
Screenshots of the Core Principles page land in tests/artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import ViewportSize, expect

from browser import switch_to_dark_and_reload
from conftest import DESKTOP  # the `page` fixture's viewport (conftest.py)

ARTIFACTS = Path(__file__).parent / "artifacts"
CORE = "security/core-principles/"
PHONE: ViewportSize = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.site]


def all_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as URL paths."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith("_"):
            continue
        paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return paths


def test_header_has_logo_links_version_and_repository(page, base):
    page.goto(base + CORE)
    bar = page.get_by_role("navigation", name="Main")
    assert bar.get_by_role("link", name="Spectro cloud logo").is_visible()  # the logo alone, as on the live site
    assert bar.locator("img.docusaurus-navbar-logo").evaluate("img => img.complete && img.naturalWidth > 0")
    for label, url in [("Docs", "https://docs.spectrocloud.com/release-notes/"),
                       ("Tutorials", "https://docs.spectrocloud.com/tutorials/"),
                       ("Downloads", "https://docs.spectrocloud.com/downloads/"),
                       ("API", "https://docs.spectrocloud.com/api/introduction/")]:
        link = bar.get_by_role("link", name=label, exact=True)
        assert link.is_visible() and link.get_attribute("href") == url
    assert bar.locator(".docusaurus-version").inner_text() == "latest"
    repo = bar.get_by_role("link", name="GitHub repository")
    assert repo.is_visible() and repo.get_attribute("href") == "https://github.com/spectrocloud/librarium"
    bar.get_by_role("link", name="Spectro cloud logo").click()
    page.wait_for_url(base)


def test_skip_link_is_the_first_stop_and_reaches_the_content(page, base):
    page.goto(base + CORE)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.innerText.trim()]")
    assert "skip-to-content" in focused[0] and focused[1] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#furo-main-content")
    assert page.locator("#furo-main-content").is_visible()


def test_sidebar_category_opens_by_mouse_and_by_keyboard(page, base):
    page.goto(base + CORE)
    lifecycle = page.locator(
        ".sidebar-tree li.toctree-l2.has-children", has=page.get_by_role("link", name="Lifecycle", exact=True)
    )
    toggle = page.get_by_role("checkbox", name="Toggle the collapsible sidebar category 'Lifecycle'")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not lifecycle.get_by_role("link", name="Release Process").is_visible()
    lifecycle.locator(":scope > label").click()  # the arrow
    page.wait_for_selector("ul[data-nav-children] a:has-text('Release Process')")
    assert lifecycle.get_by_role("link", name="Release Process").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    # the keyboard, from a fresh page: Tab reaches the toggle, Space opens and closes it
    page.reload()
    assert toggle.get_attribute("aria-expanded") == "false"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            "Toggle the collapsible sidebar category 'Lifecycle'"
        ):
            break
    else:
        pytest.fail("Tab never reached the Lifecycle toggle")
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.wait_for_selector("ul[data-nav-children] a:has-text('Release Process')")
    assert lifecycle.get_by_role("link", name="Release Process").is_visible()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not lifecycle.get_by_role("link", name="Release Process").is_visible()
    current = page.locator(".sidebar-tree a[aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "Core Principles"


def test_icons_and_labels_in_the_sidebar(page, base):
    page.goto(base + CORE)
    top = page.locator(".sidebar-tree .toctree-l1 > a")
    # the main site's sections first (docusaurus_sidebar_sections), each with its icon
    assert top.first.inner_text() == "Release Notes"
    assert top.first.locator("svg.docusaurus-icon-bell").is_visible()
    security = page.locator(".sidebar-tree .toctree-l1.current > a")
    assert security.inner_text() == "Security"
    assert security.locator("svg.docusaurus-icon-lock").is_visible()


def test_dark_mode_is_remembered_across_pages_and_reloads(page, base):
    page.goto(base + CORE)
    switch_to_dark_and_reload(page)
    page.goto(base + "security/")
    assert page.evaluate("document.body.dataset.theme") == "dark"


@pytest.mark.parametrize(("query", "first", "url"), [
    ("encryption", "Data Encryption", "security/product-architecture/data-encryption/"),
    ("release", "Release Process", "security/lifecycle/release-process/"),
    ("vulnerability", "Vulnerability Management", "security/vulnerability-management/"),
    ("tenant", "Tenant Cluster Security", "security/product-architecture/tenant-cluster/"),
    ("overview", "Security", "security/"),  # a folder page: its route, not its document name
    # a security bulletin: by its exact CVE id, and by words of its title
    ("CVE-2023-44487", "CVE-2023-44487: HTTP/2 rapid reset denial of service",
     "security/security-bulletins/cve-2023-44487/"),
    ("looney tunables", "CVE-2023-4911: glibc dynamic loader buffer overflow (Looney Tunables)",
     "security/security-bulletins/cve-2023-4911/"),
])
def test_ctrl_k_search_ranks_the_titled_page_first(page, base, query, first, url):
    page.goto(base + CORE)
    page.keyboard.press("Control+k")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type(query)
    dialog = page.get_by_role("dialog", name="Search")
    expect(dialog.get_by_role("status")).to_have_text(re.compile(r"found$"))
    first_page = dialog.get_by_role("group").first
    expect(first_page.get_by_role("option").first.locator(".docusaurus-search-title")).to_have_text(first)
    page.keyboard.press("Enter")  # the first result is the active one
    page.wait_for_url(base + url)
    assert page.locator("article h1").count() >= 1
    # the full results page ranks it first too
    page.goto(base + "search/?q=" + query)
    page.wait_for_selector("#search-results li a", timeout=15000)
    # the search has finished when its summary has text (a locator: the page's CSP forbids eval)
    expect(page.locator("#search-results .search-summary")).to_have_text(re.compile(r"\S"), timeout=15000)
    assert page.locator("#search-results li > a").all_inner_texts()[0] == first


def test_tag_link_opens_the_tag_page(page, base):
    page.goto(base + CORE)
    footer = page.locator(".docusaurus-tags")
    assert footer.inner_text().startswith("Tags:")
    footer.get_by_role("link", name="security").click()
    page.wait_for_url("**/tags/security/")
    listed = page.locator("article li a").all_inner_texts()
    assert "Core Principles" in listed and "Data Encryption" in listed
    page.get_by_role("link", name="Data Encryption").first.click()
    page.wait_for_url("**/security/product-architecture/data-encryption/")


def test_previous_and_next_follow_the_sidebar_order(page, base):
    page.goto(base + CORE)
    nxt = page.locator("a.next-page")
    assert "Lifecycle" in nxt.inner_text()
    nxt.click()
    page.wait_for_url("**/security/lifecycle/")
    page.locator("a.prev-page").click()
    page.wait_for_url("**/" + CORE)
    assert "Security" in page.locator("a.prev-page").inner_text()


def test_edit_link_and_breadcrumbs(page, base):
    page.goto(base + CORE)
    edit = page.get_by_role("link", name="Edit this page")
    assert edit.get_attribute("href").endswith("/docs/docs-content/security/core-principles.md")
    crumbs = page.get_by_role("navigation", name="Breadcrumbs")
    assert [text.strip() for text in crumbs.locator("li").all_inner_texts()[1:]] == ["Security", "Core Principles"]
    crumbs.get_by_role("link", name="Security").click()
    page.wait_for_url("**/security/")


def test_on_this_page_follows_the_front_matter(page, base):
    page.goto(base + CORE)
    toc = page.locator(".toc-drawer .toc-tree")
    assert toc.is_visible() and "Secure by Design" in toc.inner_text()
    toc.get_by_role("link", name="Least Privilege").click()
    assert page.url.endswith("#least-privilege")
    page.goto(base + "security/vulnerability-management/")  # hide_table_of_contents: true
    assert not page.locator(".toc-drawer .toc-tree").is_visible()


def test_heading_anchor_has_an_accessible_name(page, base):
    page.goto(base + CORE)
    anchor = page.get_by_role("link", name="Direct link to Secure by Design")
    assert anchor.get_attribute("href") == "#secure-by-design"


def test_copy_button_copies_the_code(browser, base):
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(base + "security/artifact-signatures/")
        block = page.locator("div.highlight").first
        block.hover()
        page.locator("button.copybtn").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        expected = block.locator("pre").inner_text()
        assert copied.strip() and copied.strip() == expected.strip()
    finally:
        context.close()


def test_section_page_cards_lead_to_the_child_pages(page, base):
    page.goto(base + "security/product-architecture/")
    cards = page.locator(".docusaurus-cards .docusaurus-card")
    assert cards.count() == 5
    card = cards.filter(has_text="Data Encryption")
    assert card.locator("svg").is_visible()
    assert "encrypts" in card.locator(".sd-card-text").inner_text()
    card.click(position={"x": 20, "y": 60})  # anywhere on the card, not only its title
    page.wait_for_url("**/security/product-architecture/data-encryption/")


def test_404_page_works_at_any_depth(page, base):
    response = page.goto(base + "no/such/deep/page/")
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"
    # its styles and scripts loaded from the site root: furo's layout is in place
    assert page.evaluate("getComputedStyle(document.querySelector('.sidebar-drawer')).display") != "inline"
    assert page.locator(".sidebar-tree a", has_text="Security").first.is_visible()
    page.get_by_role("link", name="home page").click()
    page.wait_for_url(base)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_of_core_principles(browser, base, mode, size, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('theme', '{mode}')")
    page = context.new_page()
    try:
        page.goto(base + CORE)
        assert page.evaluate("document.body.dataset.theme") == mode
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / f"core-principles-{mode}-{size}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 20_000
        assert page.get_by_role("heading", name="Core Principles", level=1).is_visible()
        if size == "phone":  # no sideways scrolling on a phone
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        context.close()


def test_no_request_leaves_localhost_on_any_page(browser, base, site):
    context = browser.new_context(viewport=DESKTOP)
    outside: list[str] = []
    failed: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname != "127.0.0.1"
               and not r.url.startswith("data:") else None)
    context.on("requestfailed", lambda r: failed.append(r.url))
    page = context.new_page()
    try:
        pages = all_pages(site)
        assert len(pages) >= 20
        for path in pages:
            page.goto(base + path, wait_until="networkidle")
        page.goto(base + "search/?q=security", wait_until="networkidle")
        page.wait_for_selector("#search-results li a", timeout=15000)
    finally:
        context.close()
    assert outside == []
    assert failed == []


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_no_wcag_violation_and_nothing_serious_on_any_page(browser, base, site, mode):
    """Every WCAG 2.2 A/AA rule passes; of axe's other rules (best practices), nothing serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport=DESKTOP, color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('theme', '{mode}')")
    page = context.new_page()
    problems = []
    checked = 0
    try:
        for path in all_pages(site):
            page.goto(base + path)
            assert page.evaluate("document.body.dataset.theme") == mode
            results = axe.run(page, options={"resultTypes": ["violations"]})
            checked += 1
            for violation in results.response["violations"]:
                wcag = set(violation["tags"]) & set(WCAG_TAGS)
                if wcag or violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"{path}: {violation['id']} ({violation['impact']}, {sorted(wcag)}) {targets}")
    finally:
        context.close()
    assert checked == len(all_pages(site)) >= 20
    assert problems == []


def test_a_copy_on_disk_works_from_file_urls(page, site):
    page.goto((site / CORE / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.sidebar-drawer')).display") != "inline"
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="Security").click()
    page.wait_for_url("**/security/index.html")
    assert page.title() == "Spectro Cloud Security"
    # the dialog cannot fetch its index from disk: Enter takes the query to the search page
    page.keyboard.press("Control+k")
    page.keyboard.type("encryption")
    expect(page.get_by_role("dialog", name="Search").get_by_role("status")).to_have_text(
        "Press Enter to see the results on the search page.")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/index.html?q=encryption*")
    page.wait_for_selector("#search-results li a", timeout=15000)
    page.locator("#search-results li > a").first.click()
    page.wait_for_url("**/security/product-architecture/data-encryption/index.html*")
