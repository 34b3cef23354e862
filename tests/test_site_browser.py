"""A whole Docusaurus site in Chromium (tests/roots/test-docusaurus-site): what a reader does with
its versions and its sidebars-file categories."""

from __future__ import annotations

import pytest

from browser import chromium_page, serve

pytestmark = [pytest.mark.browser, pytest.mark.sphinx("html", testroot="docusaurus-site", freshenv=True)]


def test_search_finds_pages_of_the_version_being_read(app):
    app.build()
    with serve(app.outdir) as base, chromium_page() as page:
        page.goto(base + "docs/next/guides/overview/")
        # the search dialog's "See all results" keeps the version being read
        page.keyboard.press("Control+k")
        page.keyboard.type("install")
        dialog = page.get_by_role("dialog", name="Search")
        dialog.get_by_role("option").first.wait_for(timeout=10000)
        dialog.get_by_role("link", name="See all results").click()
        page.wait_for_url("**/search/?q=install&version=*")
        page.wait_for_selector("#search-results li a", timeout=10000)
        hrefs = page.locator("#search-results li a").evaluate_all("(links) => links.map((a) => a.href)")
        assert any("/docs/next/guides/install/" in href for href in hrefs)
        # version 1.0 has an install page too: it is not among the results of Next
        assert not any(href.endswith("/docs/guides/install/") for href in hrefs)
        # and the dialog's own results are of that version
        page.goto(base + "docs/next/guides/overview/")
        page.keyboard.press("Control+k")
        page.keyboard.type("install")
        options = page.get_by_role("dialog", name="Search").get_by_role("option")
        options.first.wait_for(timeout=10000)
        hrefs = options.evaluate_all("(links) => links.map((a) => a.href)")
        assert any("/docs/next/guides/install/" in href for href in hrefs)
        assert not any("/docs/guides/install/" in href for href in hrefs)
        page.goto(base + "docs/guides/install/")  # version 1.0
        page.keyboard.press("Control+k")
        page.keyboard.type("install")
        options.first.wait_for(timeout=10000)
        hrefs = options.evaluate_all("(links) => links.map((a) => a.href)")
        assert any("/docs/guides/install/" in href for href in hrefs)
        assert not any("/docs/next/" in href for href in hrefs)


def test_the_version_menu_and_banner_lead_to_the_same_page_elsewhere(app):
    app.build()
    with serve(app.outdir) as base, chromium_page() as page:
        page.goto(base + "docs/next/intro/")
        assert "not released yet" in page.locator(".docusaurus-version-banner").inner_text()
        page.locator(".docusaurus-version-banner a").click()
        page.wait_for_url("**/docs/intro/")
        assert page.locator(".docusaurus-version-banner").count() == 0  # the last version has none
        page.locator(".docusaurus-versions summary").click()
        page.locator(".docusaurus-versions a", has_text="Next").click()
        page.wait_for_url("**/docs/next/intro/")


def test_a_category_without_a_page_opens_from_the_navigation_file(app):
    app.build()
    with serve(app.outdir) as base, chromium_page() as page:
        page.goto(base + "docs/intro/")  # version 1.0: 'Guides' is a category with no page of its own
        guides = page.locator(".sidebar-tree li.has-children", has_text="Guides").first
        assert guides.locator(":scope > span").inner_text() == "Guides"
        assert guides.locator("ul li").count() == 0
        guides.locator(":scope > label").click()
        page.wait_for_selector(".sidebar-tree li.has-children ul > li > a")
        link = guides.locator(":scope > ul > li > a").first
        assert link.inner_text() == "Installing 1.0"
        link.click()
        page.wait_for_url("**/docs/guides/install/")
