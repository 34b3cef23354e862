"""A category's generated index page (a sidebars file's ``link: {type: 'generated-index'}``).

Docusaurus serves it at ``<version>/category/<label in kebab case>`` (or the link's
``slug``), titled with the link's ``title`` (else the label), with its
``description`` and a card for each entry of the category. It is written at
``html-collect-pages`` from the site model, with the sidebar it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .page_model import PageMeta, pages_of
from .site_model import site_model

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATE = "docusaurus-generated-index.html"


def _collect_generated_indexes(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    model = site_model(app.env)
    pages = pages_of(app.env)
    for pagename, index in sorted(model.generated.items()):
        sidebar = model.sidebars[index.sidebar]
        cards = []
        for key in sidebar.items[pagename].children:
            entry = sidebar.items[key]
            if entry.is_page:
                url = app.builder.get_relative_uri(pagename, entry.docname)
            elif entry.href:
                url = entry.href
            else:
                continue  # a category without a page: nothing to link
            meta = pages.get(entry.docname) or PageMeta()
            cards.append({"label": entry.label, "url": url, "description": meta.description})
        yield pagename, {
            "title": index.title,
            "docusaurus_generated_index": {"title": index.title, "description": index.description, "cards": cards},
        }, TEMPLATE


def setup_generated_index(app: Sphinx) -> None:
    """Write the generated index pages."""
    app.connect("html-collect-pages", _collect_generated_indexes)
