"""Docusaurus-flavoured Markdown for Sphinx: front matter, navigation, links, tags, icons.

Each concern lives in its own module with a ``setup_<concern>(app)``; this
package's ``setup`` only wires them together.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .csp import setup_csp
from .dialect.partials import setup_partials
from .index_cards import setup_index_cards
from .link_anchors import setup_link_anchors
from .links import setup_links
from .navbar import setup_navbar
from .navigation import setup_navigation
from .page_context import setup_page_context
from .page_meta import PagesDomain
from .page_setup import setup_page_setup
from .parser import setup_parser
from .permalinks import setup_permalinks
from .pdf import setup_pdf
from .raw_html import setup_raw_html
from .routes import setup_routes
from .search import setup_search
from .sidebar import setup_sidebar
from .sitemap import setup_sitemap
from .spacers import setup_spacers
from .stale_outputs import setup_stale_outputs
from .tags import setup_tags

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def source_version(folder: Path) -> int:
    """A number that changes whenever any ``*.py`` file under ``folder`` changes.

    A digest of every file's path and bytes, in sorted order, cut to 48 bits (Sphinx
    wants an int; it also lands in ``searchindex.js``, read by JavaScript).
    """
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py"), key=lambda path: path.relative_to(folder).as_posix()):
        data = path.read_bytes()
        name = path.relative_to(folder).as_posix().encode()
        digest.update(b"%d:%s:%d:" % (len(name), name, len(data)) + data)
    return int.from_bytes(digest.digest()[:6], "big")


# Sphinx discards a pickled environment written by another version of the extension:
# any change to its code rebuilds everything, instead of misreading or keeping what
# older code stored (a hand-maintained number is forgotten sooner or later).
ENV_VERSION = source_version(Path(__file__).resolve().parent)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register every part of the extension."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")  # tabs, dropdowns and cards of the dialect
    app.add_config_value("docusaurus_icon_aliases", {}, "env", types=frozenset({dict}))
    app.add_domain(PagesDomain)
    setup_parser(app)
    setup_partials(app)
    setup_page_setup(app)
    setup_navigation(app)
    setup_routes(app)
    setup_links(app)
    setup_link_anchors(app)
    setup_sidebar(app)
    setup_navbar(app)
    setup_tags(app)
    setup_index_cards(app)
    setup_page_context(app)
    setup_spacers(app)
    setup_raw_html(app)
    setup_pdf(app)
    setup_permalinks(app)
    setup_search(app)
    setup_csp(app)
    setup_sitemap(app)
    setup_stale_outputs(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
