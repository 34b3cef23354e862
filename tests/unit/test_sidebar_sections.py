"""``docusaurus_sidebar_sections`` is checked at start-up: a bad entry is one clear error naming it."""

from __future__ import annotations

import pytest
from sphinx.errors import ConfigError

from docusaurus_compat.sidebar import Section, checked_sections


def test_good_entries_resolve_their_icons() -> None:
    sections = checked_sections([("Security", "/security/", "lock"), ("Glossary", "/glossary-all/", "about"),
                                 ("Home", "/", "")], {"about": "circle-info"})
    assert sections == [Section("Security", "/security/", "lock"), Section("Glossary", "/glossary-all/", "circle-info"),
                        Section("Home", "/", None)]


@pytest.mark.parametrize(("entry", "says"), [
    (("Security", "/security/"), "must be a (label, site path, icon) triple of strings"),
    (("Security", "/security/", 3), "must be a (label, site path, icon) triple of strings"),
    ("Security", "must be a (label, site path, icon) triple of strings"),
    (("", "/security/", "lock"), "has an empty label"),
    (("Security", "security/", "lock"), "'security/' must be a site path"),
    (("Security", "https://example.com/", "lock"), "must be a site path"),
    (("Security", "/security/", "no-such-icon"), "'no-such-icon' is neither a Font Awesome Free icon"),
])
def test_a_bad_entry_is_named(entry: object, says: str) -> None:
    with pytest.raises(ConfigError) as error:
        checked_sections([("Release Notes", "/release-notes/", "bell"), entry], {})
    assert f"docusaurus_sidebar_sections: entry {entry!r}" in str(error.value)
    assert says in str(error.value)


def test_a_path_given_twice_is_named() -> None:
    with pytest.raises(ConfigError, match=r"another entry already has the path '/security'"):
        checked_sections([("Security", "/security/", "lock"), ("Again", "/security", "lock")], {})
