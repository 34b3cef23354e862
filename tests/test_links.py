"""Docusaurus link forms become checked Sphinx cross-references."""

from __future__ import annotations

import pytest

from conftest import build_root, read_html, warnings_of


@pytest.fixture(scope="module")
def links(tmp_path_factory):
    """The root, built once: the app and its links by text."""
    app = build_root(tmp_path_factory, "links")
    soup = read_html(app, "security/index.html")
    return app, {a.get_text(): a for a in soup.select("article li a")}


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("absolute", "target/"),
        ("absolute with slash", "target/"),
        ("absolute with anchor", "target/#second-part"),
        ("relative file with anchor", "target/#second-part"),
        ("extensionless relative", "target/"),
        ("folder index", "sub/"),
        ("folder index file", "sub/"),
    ],
)
def test_link_resolves_to_page(links, text, href):
    _app, found = links
    assert found[text]["href"] == href
    assert "internal" in found[text]["class"]


def test_link_outside_project_goes_to_main_site_quietly(links):
    app, found = links
    assert found["outside the project"]["href"] == "https://docs.spectrocloud.com/compliance#certifications"
    assert not any("compliance" in line for line in warnings_of(app))


def test_missing_owned_page_warns_with_file_and_line(links):
    app, found = links
    assert "missing owned page" not in found  # shown as text, not a dead link
    assert (
        f"{app.srcdir / 'security' / 'security.md'}:13: WARNING: link target '/security/missing-page' "
        "is not a page of this site (no page is served at '/security/missing-page/'): correct the path, "
        "or add the page [docusaurus.link_missing]"
    ) in warnings_of(app)


def test_missing_anchor_warns_with_file_and_line(links):
    app, _found = links
    assert any(
        line.startswith(f"{app.srcdir / 'security' / 'security.md'}:14: WARNING:")
        and "no-such-anchor" in line
        for line in warnings_of(app)
    )


def test_only_the_two_genuine_problems_warn(links):
    app, _found = links
    assert len(warnings_of(app)) == 2
