"""Keyboard access to search: Ctrl+K / Cmd+K (``_static/docusaurus-search-keys.js``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_search_keys(app: Sphinx) -> None:
    """Load the shortcut script on every page (the static folder is added by the sidebar)."""
    app.add_js_file("docusaurus-search-keys.js", defer="defer")
