"""Security bulletins built from advisory records: one page per record, an index with
filters, Atom/RSS/JSON feeds, and one OSV and one CSAF VEX document per record.

Data flows one way: records (``records.py``, pure) -> pages read by Sphinx
(``pages.py``, ``directives.py``) -> files written beside the HTML
(``write_exports.py``). Needs the ``docusaurus_compat`` extension (routes, front matter).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

STATIC = Path(__file__).resolve().parent / "static"


def _static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register every part."""
    # imported here, not at the top: the pure layers (records, exports, the importers' command
    # line) are used without Sphinx, and importing them must not load it
    from .bulletins_table import (
        GivenWidthsOnPaper,
        advisory_filters,
        advisory_row,
        depart_advisory_row,
        depart_advisory_row_html,
        skip_advisory_filters,
        visit_advisory_filters_html,
        visit_advisory_row,
        visit_advisory_row_html,
    )
    from .directives import setup_directives
    from .head_links import setup_head_links
    from .pages import setup_pages
    from .pdf_appendix import setup_pdf_appendix
    from .settings import register_settings
    from .site_links import setup_site_links
    from .write_exports import setup_write_exports

    app.setup_extension("docusaurus_compat")
    register_settings(app)
    setup_pages(app)
    setup_directives(app)
    setup_site_links(app)
    other = (visit_advisory_row, depart_advisory_row)
    app.add_node(
        advisory_row, override=True, html=(visit_advisory_row_html, depart_advisory_row_html),
        latex=other, text=other, man=other, texinfo=other,
    )
    skip = (skip_advisory_filters, None)
    app.add_node(
        advisory_filters, html=(visit_advisory_filters_html, None),
        latex=skip, text=skip, man=skip, texinfo=skip,
    )
    app.add_post_transform(GivenWidthsOnPaper)
    setup_head_links(app)
    setup_pdf_appendix(app)
    setup_write_exports(app)
    app.connect("builder-inited", _static_path)
    app.add_css_file("security-bulletins.css")
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
