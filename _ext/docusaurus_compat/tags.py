"""Tags: a page per tag listing every page that carries it, and a ``/tags/`` index.

Tag pages are generated at ``html-collect-pages`` from the site model's tags
(never written into the source folder), so they are always complete, whatever
was re-read. ``_templates/docusaurus-tags.html`` renders them from the values
given here, escaping each one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .page_model import pages_of
from .site_model import site_model

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TAGS_PAGE = "tags"
TEMPLATE = "docusaurus-tags.html"


def tag_slug(label: str) -> str:
    """URL segment for a tag: lower case, words joined by ``-``, Unicode letters kept."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = re.sub(r"[^\w]+", "-", text).strip("-")
    if not text:
        text = "tag-" + hashlib.sha256(label.encode()).hexdigest()[:8]
    return text


def tag_pagename(label: str) -> str:
    """The generated page that lists a tag's pages."""
    return f"{TAGS_PAGE}/{tag_slug(label)}"


def tag_links(app: Sphinx, pagename: str, tags: list[str]) -> list[dict[str, str]]:
    """``[{label, url}]`` for a page's footer."""
    return [
        {"label": tag, "url": app.builder.get_relative_uri(pagename, tag_pagename(tag))}
        for tag in tags
    ]


def _collect_tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    model = site_model(app.env)
    if not model.tags:
        return
    pages = pages_of(app.env)
    builder = app.builder

    index = [
        {"label": tag, "url": builder.get_relative_uri(TAGS_PAGE, tag_pagename(tag)), "count": len(docnames)}
        for tag, docnames in model.tags.items()
    ]
    yield TAGS_PAGE, {"title": "Tags", "docusaurus_tag_index": index}, TEMPLATE

    def title_of(docname: str) -> str:
        return model.titles.get(docname, docname)

    for tag, docnames in model.tags.items():
        pagename = tag_pagename(tag)
        tagged = [
            {
                "title": title_of(docname),
                "url": builder.get_relative_uri(pagename, docname),
                "description": pages[docname].description,
            }
            for docname in sorted(docnames, key=lambda doc: title_of(doc).casefold())
        ]
        count = len(docnames)
        yield pagename, {
            "title": f"Pages tagged “{tag}”",
            "docusaurus_tag": {
                "slug": tag_slug(tag),
                "heading": f'{count} page{"s" if count != 1 else ""} tagged “{tag}”',
                "pages": tagged,
                "all_tags_url": builder.get_relative_uri(pagename, TAGS_PAGE),
            },
        }, TEMPLATE


def setup_tags(app: Sphinx) -> None:
    """Generate the tag pages."""
    app.connect("html-collect-pages", _collect_tag_pages)
