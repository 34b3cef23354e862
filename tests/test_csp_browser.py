"""The site works under its Content-Security-Policy, sent as an HTTP header, in Chromium.

Every page is loaded with the header and a listener for `securitypolicyviolation`
events installed before any page script runs; then the features that use scripts
and styles are exercised: search, colour mode, tabs, sidebar expand, copy buttons.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from browser import chromium, serve, switch_to_dark_and_reload
from conftest import one
from test_reader_browser import DESKTOP, all_pages

pytestmark = [pytest.mark.browser, pytest.mark.site]

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def csp_page(site):
    with serve(site, headers={"Content-Security-Policy": POLICY}) as base, chromium() as browser:
        context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
        context.add_init_script(RECORD)
        page = context.new_page()
        console = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        yield base, page, console
        context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_the_policy_ships_in_every_page(site):
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        head = one(soup, "head")
        meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, html
        assert meta["content"] == POLICY.replace("; frame-ancestors 'none'", "")
        first = head.find(True)
        assert first is meta, f"{html}: the policy must come before any resource"
        assert not soup.find("script", src=False), f"{html}: inline script"
        assert not soup.find("style"), f"{html}: inline style"
        assert not soup.select_one("[style]"), f"{html}: style attribute"
        assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs), html


def test_no_violation_on_any_page(site, csp_page):
    base, page, console = csp_page
    found = {}
    for path in all_pages(site):
        page.goto(base + path, wait_until="networkidle")
        if violations(page):
            found[path] = violations(page)
    assert found == {}
    assert [line for line in console if "Content Security Policy" in line] == []


def test_features_work_under_the_policy(csp_page):
    base, page, console = csp_page
    # colour mode
    page.goto(base + "security/core-principles/")
    switch_to_dark_and_reload(page)
    # the icon sprite stays hidden without its style attribute
    assert page.evaluate("getComputedStyle(document.querySelector('body > svg')).display") == "none"
    # sidebar expand (fetches the navigation file)
    page.locator(".sidebar-tree li.toctree-l2.has-children > label").first.click()
    page.wait_for_selector(".sidebar-tree ul[data-nav-children] > li")
    # search
    page.keyboard.press("Control+k")
    page.keyboard.type("encryption")
    first = page.get_by_role("dialog", name="Search").get_by_role("option").first
    first.locator(".docusaurus-search-title").filter(has_text="Data Encryption").wait_for()
    page.goto(base + "search/?q=encryption")  # and the full results page
    page.wait_for_selector("#search-results li a", timeout=15000)
    assert page.locator("#search-results li > a").first.inner_text() == "Data Encryption"
    # tabs and the copy button
    page.goto(base + "security/artifact-signatures/")
    labels = page.locator(".sd-tab-set > label")
    assert labels.count() >= 2
    labels.nth(1).click()
    assert page.locator(".sd-tab-set > input").nth(1).is_checked()
    block = page.locator("div.highlight:visible").first
    block.hover()
    block.locator("xpath=..").locator("button.copybtn").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == block.locator("pre").inner_text().strip()
    assert violations(page) == []
    assert [line for line in console if re.search("Content Security Policy|Refused", line)] == []
