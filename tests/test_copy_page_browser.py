"""The "Copy page" button in Chromium: it copies the page's Markdown copy, says so, and works by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.site]

CORE = "security/core-principles/"


def status(page):
    """The button's polite live region (no role="status": a page may have its own, as the bulletins' filters do)."""
    region = page.locator(".docusaurus-copy-page-status")
    expect(region).to_have_attribute("aria-live", "polite")
    return region


@pytest.fixture
def context(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        yield context
    finally:
        context.close()


def open_page(context, url: str):
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    return page, problems


def test_copy_page_copies_the_markdown_and_announces_it(context, base, site: Path):
    page, problems = open_page(context, base + CORE)
    button = page.get_by_role("button", name="Copy page")
    expect(button).to_be_visible()
    button.click()
    expect(status(page)).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == (site / "security/core-principles.md").read_text(
        encoding="utf-8"
    )
    expect(page.locator(".docusaurus-copy-page-button")).to_have_text("Copy page", timeout=5000)  # label restored
    expect(status(page)).to_have_text("")
    assert problems == []  # no script error, no Content-Security-Policy violation


def test_copy_page_by_keyboard(context, base, site: Path):
    page, _problems = open_page(context, base + "security/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('docusaurus-copy-page-button')"):
            break
    else:
        pytest.fail("Tab never reaches the Copy page button")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == (site / "security.md").read_text(encoding="utf-8")


def test_a_failed_copy_says_so(context, base):
    page = context.new_page()
    page.route("**/core-principles.md", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(base + CORE)
    page.get_by_role("button", name="Copy page").click()
    expect(status(page)).to_have_text("Copy failed")


def test_without_javascript_only_the_link_shows(browser, base, site: Path):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + CORE)
        expect(page.locator(".docusaurus-copy-page-button")).to_be_hidden()
        link = page.get_by_role("link", name="View as Markdown")
        expect(link).to_be_visible()
        response = page.request.get(base + "security/core-principles.md")
        assert response.ok and response.text() == (site / "security/core-principles.md").read_text(encoding="utf-8")
        assert link.get_attribute("href") == "../core-principles.md"
    finally:
        context.close()
