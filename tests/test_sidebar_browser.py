"""The collapsed sidebar categories expand in place, in a real browser."""

from __future__ import annotations

import pytest

from browser import chromium_page, serve

pytestmark = [pytest.mark.browser, pytest.mark.sphinx("html", testroot="navigation", freshenv=True)]


def test_collapsed_category_expands_from_the_navigation_file(app):
    app.build()
    with serve(app.outdir) as base, chromium_page() as page:
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "loose/page/")
        guide = page.locator(".sidebar-tree li.toctree-l1.has-children").first
        assert guide.locator("ul li").count() == 0
        guide.locator(":scope > label").click()
        page.wait_for_selector(".sidebar-tree ul[data-nav-children='guide/'] > li")
        labels = guide.locator(":scope > ul > li > a").all_inner_texts()
        assert labels == ["Advanced", "First", "Alpha", "Zeta", "No Position"]
        assert guide.locator(":scope > ul > li > a").first.get_attribute("href") == "../../guide/advanced/"
        # a nested category expands the same way, from the file already loaded
        guide.locator(":scope > ul > li.has-children > label").click()
        page.wait_for_selector("ul[data-nav-children='guide/advanced/'] > li")
        assert guide.locator("ul[data-nav-children='guide/advanced/'] > li > a").all_inner_texts() == ["Deep"]
        page.locator("ul[data-nav-children='guide/advanced/'] > li > a").click()
        page.wait_for_url("**/guide/advanced/deep/")
    nav_requests = [url for url in requests if "docusaurus-nav/" in url]
    assert len(nav_requests) == 1 and "guide.json" in nav_requests[0]


def test_ctrl_k_and_slash_open_the_search_dialog(app):
    app.build()
    with serve(app.outdir) as base, chromium_page() as page:
        page.goto(base + "guide/first/")
        page.keyboard.press("Control+k")
        assert page.evaluate("document.activeElement.id") == "docusaurus-search-input"
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement === document.body")
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "docusaurus-search-input"
        page.keyboard.type("alpha")
        first = page.get_by_role("dialog", name="Search").get_by_role("option").first
        first.filter(has_text="Alpha").wait_for(timeout=10000)
        page.keyboard.press("Enter")
        page.wait_for_url("**/guide/alpha/")
        assert "Alpha" in page.locator("article h1").first.inner_text()
