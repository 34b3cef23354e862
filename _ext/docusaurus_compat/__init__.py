"""Docusaurus-flavoured Markdown for Sphinx: front matter, navigation, links, tags, icons.

Data flows one way, in four phases; a module imports only from its own phase or
an earlier one (``tests/unit/test_layout.py`` checks it)::

    source file --page_sources--> text + front matter (parsed once per text)
      --parser, dialect/--> doctree + page model (domain "docusaurus": front matter,
                            redirects, links, partial lookups)   [read, per page]
      --navigation--> folder toctrees, planned before reading from the scan
      --site_model--> routes, sidebars, anchors, prev/next, tags, navbar targets and
                      each page's signature                      [once, env-updated]
      --sidebar, template_context, index_cards, links, tags, sitemap, search,
        html_builder, pdf--> pages                               [write, per page]

A page whose signature (everything it shows of other pages) changed since the
last build is written again. Settings are declared in :mod:`.settings`, URL
rules in :mod:`.url_policy`; each module has a ``setup_<concern>(app)`` and this
package's ``setup`` only wires them together.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .apply_front_matter import setup_apply_front_matter
from .component_uses import setup_component_uses
from .csp import setup_csp
from .dialect.admonitions import setup_admonitions
from .dialect.languages import setup_languages
from .dialect.partials import setup_partials
from .external_images import setup_external_images
from .generated_index import setup_generated_index
from .generated_root import setup_generated_root
from .html_builder import setup_html_builder
from .html_translator import setup_html_translator
from .index_cards import setup_index_cards
from .link_records import setup_link_records
from .links import setup_links
from .llms_txt import setup_llms_txt
from .markdown_pages import setup_markdown_pages
from .missing_files import setup_missing_files
from .navbar import setup_navbar
from .navigation import setup_navigation
from .page_model import PagesDomain
from .parallel_jobs import setup_parallel_jobs
from .parser import setup_parser
from .pdf import setup_pdf
from .raw_html import setup_raw_html
from .search import setup_search
from .search_dialog import setup_search_dialog
from .section_ids import setup_section_ids
from .settings import register_settings
from .sidebar import setup_sidebar
from .site_model import setup_site_model
from .site_pdf import setup_site_pdf
from .site_reading import setup_site_reading
from .sitemap import setup_sitemap
from .spacers import setup_spacers
from .stale_outputs import setup_stale_outputs
from .tags import setup_tags
from .template_context import setup_template_context

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
    register_settings(app)
    app.add_domain(PagesDomain)
    # read
    setup_site_reading(app)
    setup_parser(app)
    setup_component_uses(app)
    setup_partials(app)
    setup_languages(app)
    setup_admonitions(app)
    setup_missing_files(app)
    setup_apply_front_matter(app)
    setup_generated_root(app)
    setup_navigation(app)
    setup_link_records(app)
    setup_spacers(app)
    setup_raw_html(app)
    setup_external_images(app)
    setup_section_ids(app)
    # after reading
    setup_site_model(app)
    # write
    setup_html_builder(app)
    setup_links(app)
    setup_sidebar(app)
    setup_navbar(app)
    setup_tags(app)
    setup_index_cards(app)
    setup_template_context(app)
    setup_pdf(app)
    setup_site_pdf(app)
    setup_generated_index(app)
    setup_html_translator(app)
    setup_search(app)
    setup_search_dialog(app)
    setup_parallel_jobs(app)
    setup_csp(app)
    setup_sitemap(app)
    setup_stale_outputs(app)
    setup_markdown_pages(app)  # a Markdown copy beside every page, the Copy page button
    setup_llms_txt(app)  # llms.txt and llms-full.txt at the site root
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
