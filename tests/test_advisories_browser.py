"""The bulletins index in Chromium: filters kept in the URL, the table without JavaScript.

Runs on the real site (source/ and its records in source/_data/advisories). axe and
the Content-Security-Policy are checked on every page, record pages included, by
test_reader_browser.py and test_csp_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

INDEX = "security/security-bulletins/"

pytestmark = [pytest.mark.browser, pytest.mark.site]


@pytest.fixture(scope="module")
def records(site: Path) -> list[dict]:
    """Every record, from the exported index.json (what the table must show)."""
    listing = json.loads((site / INDEX / "index.json").read_text(encoding="utf-8"))
    return listing["advisories"] if isinstance(listing, dict) else listing


def shown_ids(page) -> list[str]:
    return page.locator("#security-bulletins-table tbody tr:visible").evaluate_all("rows => rows.map(r => r.id)")


def expected_ids(records: list[dict], product: str, severity: str) -> list[str]:
    matching = []
    for record in records:
        products = {release["product"] for release in [*record.get("affected", []), *record.get("fixed_in", [])]}
        if product in products and record["severity"].lower() == severity:
            matching.append(record["id"].lower())
    return matching


def test_filtering_by_product_and_severity_is_kept_in_the_url(browser, base, records) -> None:
    product, severity = "vertex", "high"
    want = expected_ids(records, product, severity)
    assert want and len(want) < len(records), "the records must give the filter something to leave out"
    page = browser.new_page()
    try:
        page.goto(base + INDEX)
        form = page.get_by_role("form", name="Filter the bulletins")
        expect(form).to_be_visible()
        assert len(shown_ids(page)) == len(records)
        form.get_by_label("Product").select_option(product)
        form.get_by_label("Severity").select_option(severity)
        order = [record["id"].lower() for record in records]
        assert shown_ids(page) == [slug for slug in order if slug in want]
        expect(page.get_by_role("status")).to_have_text(f"Showing {len(want)} of {len(records)} bulletins.")
        query = parse_qs(urlparse(page.url).query)
        assert query == {"product": [product], "severity": [severity]}
        filtered = page.url
        page.reload()
        assert page.url == filtered
        assert shown_ids(page) == [slug for slug in order if slug in want]
        assert form.get_by_label("Product").input_value() == product
        form.get_by_label("Search").fill(records[0]["id"])
        assert shown_ids(page) == ([records[0]["id"].lower()] if records[0]["id"].lower() in want else [])
        form.get_by_role("button", name="Clear filters").click()
        expect(page.get_by_role("status")).to_have_text(f"Showing all {len(records)} bulletins.")
        assert urlparse(page.url).query == ""
    finally:
        page.close()


def test_a_version_matches_the_releases_it_affects_with_the_product(browser, base, records) -> None:
    """Product and version are matched in one release, and a fixed-in version is not an affected one."""
    page = browser.new_page()
    try:
        page.goto(base + INDEX + "?product=palette&version=4.5.2")
        want = [
            record["id"].lower() for record in records
            if any(r["product"] == "palette" and "4.5.2" in r["versions"] for r in record["affected"])
        ]
        fixed_only = [
            record["id"].lower() for record in records
            if any("4.5.2" in r["versions"] for r in record["fixed_in"]) and record["id"].lower() not in want
        ]
        assert want and fixed_only, "the records must have an affected 4.5.2 and a fixed-in 4.5.2"
        assert shown_ids(page) == want
        form = page.get_by_role("form", name="Filter the bulletins")
        form.get_by_label("Search").fill("osv")  # the rows' data links are not searched
        assert shown_ids(page) == []
    finally:
        page.close()


def test_without_javascript_the_whole_table_shows_and_no_controls(browser, base, records) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + INDEX + "?product=vertex&severity=critical")
        assert len(shown_ids(page)) == len(records)
        assert page.get_by_role("form", name="Filter the bulletins").count() == 0  # hidden: nothing that does nothing
        first = records[0]["id"]
        page.get_by_role("link", name=first, exact=True).first.click()
        page.wait_for_url(f"**/{first.lower()}/")
        assert page.locator("article h1").inner_text().startswith(first)
    finally:
        context.close()


def test_a_record_anchor_on_the_index_points_at_its_row(browser, base, records) -> None:
    page = browser.new_page()
    try:
        slug = records[-1]["id"].lower()
        page.goto(base + INDEX + slug + "/")
        page.get_by_role("link", name="All security bulletins").click()
        page.wait_for_url(f"**/{INDEX}#{slug}")
        assert page.evaluate("document.querySelector(':target').id") == slug
    finally:
        page.close()
