"""The bulletins index's ``<head>``: its feeds announced as ``<link rel="alternate">``,
and the filter script, loaded on that page only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from sphinx.util.osutil import relative_uri

from .exports_layout import FEEDS, INDEX
from .pages import advisory_state
from .write_exports import EXPORTING_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SCRIPT = "security-bulletins.js"


def _announce_feeds(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if pagename != app.config.advisories_index or advisory_state(app.env) is None or (
        app.builder.name not in EXPORTING_BUILDERS  # the feeds exist only where they are written
    ):
        return
    here = app.builder.get_target_uri(pagename)
    title = app.config.advisories_feed_title
    links = [
        Markup('<link rel="alternate" type="{}" title="{}" href="{}">').format(
            kind, f"{title} ({label})", relative_uri(here, here + path) or "./"
        )
        for label, path, kind in FEEDS
    ]
    links.append(Markup('<link rel="alternate" type="application/json" title="{}" href="{}">').format(
        f"{title} (index.json)", relative_uri(here, here + INDEX)
    ))
    context["metatags"] = Markup(context.get("metatags", "")) + Markup("\n").join(links) + Markup("\n")
    app.add_js_file(SCRIPT, defer="defer")  # this page only: Sphinx resets page-level files after each page


def setup_head_links(app: Sphinx) -> None:
    """Announce the feeds on the index page."""
    app.connect("html-page-context", _announce_feeds)
