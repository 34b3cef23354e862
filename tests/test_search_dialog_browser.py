"""The search dialog, driven as a reader drives it: keyboard only, in Chromium, under the site's policy.

Ctrl+K, Cmd+K, "/" and the top bar's Search button open it; results come as you type,
grouped by page with their matching sections; arrows move, Enter opens, Esc closes and
gives focus back; opened results are kept as recent searches; nothing breaks the
Content-Security-Policy; axe is clean with the dialog open in both colour modes.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from browser import serve
from test_csp_browser import POLICY, RECORD, violations

pytestmark = [pytest.mark.browser, pytest.mark.site]

CORE = "security/core-principles/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + CORE)
    yield page
    context.close()
    assert errors == []


def dialog(page):
    return page.get_by_role("dialog", name="Search")


def combobox(page):
    return dialog(page).get_by_role("combobox", name="Search the documentation")


def options(page):
    """The results' options, once they are all there (snippets come once typing pauses)."""
    listbox = dialog(page).get_by_role("listbox", name="Search results")
    expect(listbox).to_have_attribute("aria-busy", "false")
    return listbox.get_by_role("option")


def active_option(page) -> str:
    return page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-activedescendant')).textContent"
    )


def test_keyboard_only_open_type_move_open_a_result_and_close(page, base):
    page.keyboard.press("Control+k")
    expect(dialog(page)).to_be_visible()
    expect(combobox(page)).to_be_focused()
    page.keyboard.type("encryp")  # a word half typed
    expect(options(page).first).to_be_visible()
    expect(dialog(page).get_by_role("status")).to_have_text(re.compile(r"^\d+ pages? found$"))
    expect(combobox(page)).to_have_attribute("aria-expanded", "true")
    # the first result is active; the arrows move through the options and wrap
    assert active_option(page).startswith("Data Encryption")
    count = options(page).count()
    assert count >= 3
    page.keyboard.press("ArrowDown")
    assert active_option(page) == options(page).nth(1).text_content()
    page.keyboard.press("ArrowUp")
    assert active_option(page).startswith("Data Encryption")
    page.keyboard.press("ArrowUp")
    assert active_option(page) == options(page).nth(count - 1).text_content()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "security/product-architecture/data-encryption/")
    # Esc closes and gives focus back to what had it
    page.get_by_role("link", name="Edit this page").focus()
    page.keyboard.press("/")
    expect(combobox(page)).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog(page)).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Edit this page"


def test_results_are_grouped_by_page_with_sections_and_marked_words(page, base):
    page.keyboard.press("Control+k")
    page.keyboard.type("encryption at rest")
    first = dialog(page).get_by_role("group").first
    expect(first).to_be_visible()
    assert first.get_attribute("aria-labelledby")
    expect(first.get_by_role("option").first).to_have_attribute("href", re.compile(r"data-encryption/$"))
    sections = first.locator(".docusaurus-search-section")
    expect(sections.first).to_have_attribute("href", re.compile(r"data-encryption/#encryption-at-rest$"))
    marks = first.locator("mark").all_inner_texts()
    assert {m.lower() for m in marks} >= {"encryption", "rest"}
    # the anchor exists on the page it names
    sections.first.click()
    page.wait_for_url(re.compile(r"#encryption-at-rest$"))
    expect(page.locator("#encryption-at-rest")).to_be_attached()


@pytest.mark.parametrize("keys", ["Control+k", "Meta+k", "/"])
def test_every_shortcut_opens_the_dialog(page, keys):
    page.keyboard.press(keys)
    expect(combobox(page)).to_be_focused()
    if keys != "/":  # the shortcut closes it again
        page.keyboard.press(keys)
        expect(dialog(page)).to_be_hidden()


def test_slash_types_into_a_box_instead_of_opening(page):
    page.keyboard.press("Control+k")
    page.keyboard.type("a/b")
    expect(combobox(page)).to_have_value("a/b")


def test_the_search_button_opens_it_and_gets_focus_back(page):
    button = page.get_by_role("navigation", name="Main").locator("[data-docusaurus-search-open]")
    expect(button).to_have_accessible_name("Search (Ctrl+K)")
    button.focus()
    page.keyboard.press("Enter")
    expect(combobox(page)).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_be_focused()


def test_recent_searches_are_kept_and_can_be_cleared(page, base):
    page.keyboard.press("Control+k")
    page.keyboard.type("release process")
    expect(options(page).first).to_contain_text("Release Process")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "security/lifecycle/release-process/")
    page.keyboard.press("Control+k")
    recent = dialog(page).get_by_role("group", name="Recent searches")
    expect(recent.get_by_role("option").first).to_contain_text("Release Process")
    kept = json.loads(page.evaluate("localStorage.getItem('docusaurus-search-recent')"))
    assert kept[0]["query"] == "release process"
    dialog(page).get_by_role("button", name="Clear recent searches").click()
    expect(recent).to_have_count(0)
    expect(combobox(page)).to_be_focused()


def test_see_all_results_leads_to_the_search_page(page, base):
    page.keyboard.press("Control+k")
    page.keyboard.type("tenant key")
    link = dialog(page).get_by_role("link", name="See all results")
    expect(link).to_have_attribute("href", re.compile(r"search/\?q=tenant%20key$"))
    link.click()
    page.wait_for_url(re.compile(r"/search/\?q=tenant(%20|\+)key$"))
    page.wait_for_selector("#search-results li a", timeout=15000)


def test_no_result_is_said_so(page):
    page.keyboard.press("Control+k")
    page.keyboard.type("zzqxv")
    expect(dialog(page).get_by_role("status")).to_have_text("No results for “zzqxv”")
    expect(combobox(page)).to_have_attribute("aria-expanded", "false")


def test_a_query_transfers_only_its_pieces_of_the_index(page):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.keyboard.press("Control+k")
    page.keyboard.type("tenant")
    expect(options(page).first).to_be_visible()
    pieces = [url for url in fetched if "/_search/" in url]
    assert any(url.endswith("/_search/meta.json") for url in pieces)
    assert not any("searchindex.js" in url for url in fetched)
    chunks = [url for url in pieces if "/_search/t/" in url]
    assert 1 <= len(chunks) <= 3, pieces


def test_without_javascript_a_search_form_reaches_the_results_page(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + CORE)
    form = page.get_by_role("search").filter(has=page.locator("input[name=q]")).first
    expect(form).to_be_visible()
    form.locator("input[name=q]").fill("tenant key")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=tenant\+key(&|$)"))
    # and the top bar's Search control is a link to that page
    page.goto(base + CORE)
    page.get_by_role("navigation", name="Main").locator("[data-docusaurus-search-open]").click()
    page.wait_for_url(re.compile(r"/search/$"))
    context.close()


def test_with_javascript_the_sidebar_has_no_search_box(page, base):
    expect(page.locator(".sidebar-drawer .sidebar-search-container")).to_be_hidden()


def test_the_dialog_works_under_the_served_policy(browser, site):
    with serve(site, headers={"Content-Security-Policy": POLICY}) as base:
        context = browser.new_context()
        context.add_init_script(RECORD)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.goto(base + CORE)
        page.keyboard.press("Control+k")
        page.keyboard.type("vulnerab")
        expect(options(page).first).to_contain_text("Vulnerability Management")
        page.keyboard.press("Enter")
        page.wait_for_url(base + "security/vulnerability-management/")
        page.keyboard.press("Control+k")
        expect(dialog(page).get_by_role("group", name="Recent searches")).to_be_visible()
        assert violations(page) == []
        assert [line for line in console if re.search("Content Security Policy|Refused", line)] == []
        context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_is_clean_with_the_dialog_open(browser, base, mode):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('theme', '{mode}')")
    page = context.new_page()
    page.goto(base + CORE)
    page.keyboard.press("Control+k")
    page.keyboard.type("secure by")
    expect(options(page).nth(1)).to_be_visible()
    page.keyboard.press("ArrowDown")
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    problems = [
        f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if set(v["tags"]) & set(WCAG_TAGS) or v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert problems == []
