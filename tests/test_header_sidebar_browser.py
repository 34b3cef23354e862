"""The top bar and the sidebar against the live Docusaurus site's, in Chromium.

``fixtures/seeds/core-principles-chrome.md`` is Playwright's accessibility snapshot of the
live Core Principles page (its top bar and sidebar). Ours must give the same (role, name)
sequence, but for the deliberate differences listed below, each with its reason; any other
difference fails. (The live page's "Ask AI" button floats outside both and is not compared.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from aria_snapshot import Node, named_sequence, parse, parse_page_snapshot
from conftest import DESKTOP  # the `page` fixture's viewport

SEED = Path(__file__).parent / "fixtures" / "seeds" / "core-principles-chrome.md"
CORE = "security/core-principles/"
PHONE: ViewportSize = {"width": 390, "height": 844}
MAIN_SITE = "https://docs.spectrocloud.com"
SWITCH = "Switch between dark and light mode (currently {} mode)"
TOGGLE = "Toggle the collapsible sidebar category '{}'"

pytestmark = [pytest.mark.browser, pytest.mark.site]

COMPARED = {"link", "button", "checkbox", "navigation", "search", "textbox"}
Entry = tuple[str, str]


def _seed_toggle_of_external(entry: Entry, sections: set[str]) -> bool:
    return entry[0] == "button" and any(entry[1] == TOGGLE.format(label) for label in sections)


# (what, predicate on a seed entry -> drop it; or an entry ours adds after a given one, reason)
HEADER_DIFFERENCES: list[tuple[str, Callable[[Entry], bool], str]] = [
    ("version button", lambda e: e == ("button", "latest"),
     "this site builds one docs version: the version is a label, not a menu button"),
]


def sidebar_differences(external: set[str]) -> list[tuple[str, Callable[[Entry], bool], str]]:
    return [
        ("sidebar logo", lambda e: e == ("link", "Spectro cloud logo"),
         "the live top bar hides on scroll, so its sidebar repeats the logo; ours stays put"),
        ("toggles of other sites' sections", lambda e: _seed_toggle_of_external(e, external),
         "sections this site does not build are plain links to the main site: their children are not here"),
        ("Privacy Settings", lambda e: e == ("button", "Privacy Settings"),
         "the live site's third-party cookie-consent widget"),
    ]


# Entries ours has that the seed has not: (entry, the entry it follows, reason)
SIDEBAR_ADDITIONS: list[tuple[Entry, Entry | None, str]] = [
    (("link", "Security Bulletins"), ("link", "Artifact Signatures"),
     "this site's own bulletins page, under Security (the main site's is the top-level section)"),
]
# The category toggles are furo's checkboxes (the open branch folds without JavaScript); the
# seed's are buttons: same names, same keys (Space).
TOGGLE_ROLE = ("button", "checkbox", "furo's category toggle is a checkbox; the seed's is a button (same name)")


def _first(node: Node, role: str) -> Node | None:
    return next((found for found in node.walk() if found.role == role), None)


def seed() -> Node:
    return parse_page_snapshot(SEED)


def ours(page: Page, selector: str) -> Node:
    return parse(page.locator(selector).aria_snapshot())


def apply(
    expected: list[Entry], drops: list[tuple[str, Callable[[Entry], bool], str]],
) -> list[Entry]:
    for what, drop, _reason in drops:
        kept = [entry for entry in expected if not drop(entry)]
        assert kept != expected, f"deliberate difference {what!r} no longer applies: remove it from the list"
        expected = kept
    return expected


def add(expected: list[Entry], additions: list[tuple[Entry, Entry | None, str]]) -> list[Entry]:
    for entry, after, _reason in additions:
        index = 0 if after is None else expected.index(after) + 1
        expected = [*expected[:index], entry, *expected[index:]]
    return expected


def test_header_matches_the_seed(page, base):
    page.goto(base + CORE)
    keep = lambda node: node.role in COMPARED  # noqa: E731
    expected = apply(named_sequence(seed().find("navigation", "Main"), keep), HEADER_DIFFERENCES)
    actual = named_sequence(ours(page, "nav[aria-label=Main]"), keep)
    assert actual == [("navigation", "Main"), *expected]


def test_sidebar_matches_the_seed(page, base):
    page.goto(base + CORE)
    keep = lambda node: node.role in COMPARED  # noqa: E731
    seed_sidebar = seed().find("complementary")
    top_level = seed_sidebar.find("navigation", "Docs sidebar").find("list").children
    external = {link.name for item in top_level if (link := _first(item, "link")) and link.name != "Security"}
    assert len(external) == 23
    expected = apply(named_sequence(seed_sidebar, keep), sidebar_differences(external))
    expected = add(expected, SIDEBAR_ADDITIONS)
    seed_role, our_role, _reason = TOGGLE_ROLE
    expected = [(our_role if role == seed_role and name.startswith("Toggle the") else role, name)
                for role, name in expected]
    actual = named_sequence(ours(page, "aside.sidebar-drawer"), keep)
    assert actual == expected


def test_sidebar_sections_link_where_the_seed_does(page, base):
    """Each section the seed lists, in its order, at the seed's path (on the main site unless ours)."""
    page.goto(base + CORE)
    seed_nav = seed().find("navigation", "Docs sidebar")
    seed_links = [(link.name, link.url) for item in seed_nav.find("list").children
                  if (link := _first(item, "link")) is not None]
    nav = page.get_by_role("navigation", name="Docs sidebar")
    top = nav.locator(":scope > ul > li > a")
    assert top.all_inner_texts() == [name for name, url in seed_links]
    for (name, url), link in zip(seed_links, top.all(), strict=True):
        if name == "Security":
            assert link.get_attribute("href") == "../"
            continue
        assert url is not None and link.get_attribute("href") == MAIN_SITE + url, name
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert link.locator("svg.docusaurus-icon").count() == 1, f"{name} has no icon"
        # a plain link: no toggle, no empty list for a script to fill
        assert link.locator("xpath=..").locator("input, button, ul").count() == 0, name


def test_security_is_open_on_its_pages_and_closed_elsewhere(page, base):
    security = TOGGLE.format("Security")
    for path in (CORE, "security/", "security/lifecycle/"):
        page.goto(base + path)
        toggle = page.get_by_role("checkbox", name=security)
        assert toggle.get_attribute("aria-expanded") == "true", path
        expect(sidebar_link(page, "Core Principles")).to_be_visible()
    page.goto(base)  # the home page is no page of the Security section
    toggle = page.get_by_role("checkbox", name=security)
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Space")  # opened by keyboard, filled from the navigation file
    assert toggle.get_attribute("aria-expanded") == "true"
    expect(sidebar_link(page, "Core Principles")).to_be_visible()


def sidebar_link(page: Page, name: str):
    return page.get_by_role("navigation", name="Docs sidebar").get_by_role("link", name=name)


def _switch(page: Page):
    return page.get_by_role("navigation", name="Main").locator("button.docusaurus-color-mode")


# Docusaurus's order: system -> the opposite of the system's colours -> the system's -> system
@pytest.mark.parametrize(("system", "cycle"), [("light", ["dark", "light", "auto"]),
                                               ("dark", ["light", "dark", "auto"])])
def test_color_mode_switch_cycles_as_docusaurus_and_is_remembered(browser, base, system, cycle):
    context = browser.new_context(viewport=DESKTOP, color_scheme=system)
    page = context.new_page()
    try:
        page.goto(base + CORE)
        switch = _switch(page)
        words = {"auto": "system", "light": "light", "dark": "dark"}
        expect(switch).to_have_attribute("aria-label", SWITCH.format("system"))
        assert page.evaluate("document.body.dataset.theme") == "auto"
        for mode in cycle:
            switch.click()
            assert page.evaluate("document.body.dataset.theme") == mode
            assert page.evaluate("localStorage.getItem('theme')") == mode
            expect(switch).to_have_attribute("aria-label", SWITCH.format(words[mode]))
            assert switch.locator("svg:visible").count() == 1  # the current mode's icon
        switch.click()
        mode = cycle[0]
        page.reload()
        assert page.evaluate("document.body.dataset.theme") == mode
        expect(_switch(page)).to_have_accessible_name(SWITCH.format(words[mode]))
        # by keyboard too
        _switch(page).focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.body.dataset.theme") == cycle[1]
    finally:
        context.close()


def test_furos_own_buttons_are_gone(page, base):
    page.goto(base + CORE)
    assert page.locator(".theme-toggle:visible").count() == 0
    assert page.locator(".content-icon-container a:visible, .content-icon-container button:visible").count() == 0
    page.set_viewport_size(PHONE)
    assert page.locator(".theme-toggle:visible, .mobile-header:visible").count() == 0


def test_search_button_goes_to_the_search_page_without_a_dialog(browser, base):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + CORE)
        button = page.get_by_role("button", name="Search (Ctrl+K)")
        assert button.get_attribute("aria-haspopup") == "dialog"
        assert button.get_attribute("data-docusaurus-search-open") is not None
        assert button.inner_text().strip() == "Search"
        # no script: the JavaScript-only controls stay hidden
        assert page.get_by_role("button", name=SWITCH.format("system")).count() == 0
        button.click()
        page.wait_for_url("**/search/")
    finally:
        context.close()


def test_phone_menu_opens_the_links_and_the_sidebar_by_keyboard(browser, base):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(base + CORE)
        bar = page.get_by_role("navigation", name="Main")
        menu = bar.get_by_role("button", name="Toggle navigation bar")
        expect(menu).to_be_visible()
        assert menu.get_attribute("aria-expanded") == "false"
        assert bar.get_by_role("link", name="Docs").is_hidden()  # folded behind the menu
        drawer_links = page.get_by_role("navigation", name="Top bar links")
        assert drawer_links.get_by_role("link", name="Docs").is_hidden()
        # the closed drawer is out of the tab order
        assert page.evaluate("getComputedStyle(document.querySelector('.sidebar-drawer')).visibility") == "hidden"
        menu.focus()
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        expect(drawer_links.get_by_role("link", name="Docs")).to_be_visible()
        expect(sidebar_link(page, "Core Principles")).to_be_visible()
        assert page.evaluate("document.activeElement.textContent") == "Docs"  # focus moved into the drawer
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Tutorials"
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Toggle navigation bar"
        expect(drawer_links.get_by_role("link", name="Docs")).to_be_hidden()
        # the overlay closes it too, and the button says so
        menu.click()
        page.mouse.click(380, 400)
        assert menu.get_attribute("aria-expanded") == "false"
        # wide again: no menu button, the links are back in the bar
        page.set_viewport_size(DESKTOP)
        expect(menu).to_be_hidden()
        expect(bar.get_by_role("link", name="Docs")).to_be_visible()
    finally:
        context.close()
