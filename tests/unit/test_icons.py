"""icons: Font Awesome names, their older names, and the Palette site's own icon names (conf.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from docusaurus_compat.icons import resolve_icon

CONF_ALIASES: dict[str, str] = runpy.run_path(str(Path(__file__).resolve().parents[2] / "conf.py"))[
    "docusaurus_icon_aliases"
]


@pytest.mark.parametrize(("name", "icon"), [
    ("lock", "lock"), ("fa-lock", "lock"), ("fas fa-Lock", "lock"),
    # Font Awesome 5 names, as the live site's icon mapper writes them
    ("hdd", "hard-drive"), ("cloud-download-alt", "cloud-arrow-down"),
])
def test_font_awesome_names_old_and_new(name: str, icon: str) -> None:
    assert resolve_icon(name, {}) == icon


def test_unknown_names_resolve_to_nothing() -> None:
    assert resolve_icon("no-such-icon-here", {}) is None


@pytest.mark.parametrize("name", sorted(CONF_ALIASES))
def test_every_palette_icon_name_resolves(name: str) -> None:
    assert resolve_icon(name, CONF_ALIASES) is not None
