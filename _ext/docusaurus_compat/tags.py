"""Tags: a page per tag listing every page that carries it, and a ``/tags/`` index.

Tag pages are generated at ``html-collect-pages`` from the typed front matter
in the environment (never written into the source folder), so they are always
complete, whatever was re-read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .page_meta import pages_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

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
    return f"{TAGS_PAGE}/{tag_slug(label)}"


def pages_by_tag(env: BuildEnvironment) -> dict[str, list[str]]:
    """tag label -> docnames carrying it (unlisted pages left out), both sorted."""
    by_tag: dict[str, list[str]] = {}
    for docname, meta in sorted(pages_of(env).items()):
        if meta.unlisted or docname not in env.all_docs:
            continue
        for tag in meta.tags:
            by_tag.setdefault(tag, []).append(docname)
    return dict(sorted(by_tag.items(), key=lambda item: item[0].casefold()))


def tag_links(app: Sphinx, pagename: str, tags: list[str]) -> list[dict[str, str]]:
    """``[{label, url}]`` for a page's footer."""
    return [
        {"label": tag, "url": app.builder.get_relative_uri(pagename, tag_pagename(tag))}
        for tag in tags
    ]


def _title_of(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def _collect_tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    env = app.env
    by_tag = pages_by_tag(env)
    pages = pages_of(env)
    if not by_tag:
        return
    builder = app.builder

    index_items = []
    for tag, docnames in by_tag.items():
        href = builder.get_relative_uri(TAGS_PAGE, tag_pagename(tag))
        index_items.append(
            f'<li><a class="docusaurus-tag" href="{escape(href)}">{escape(tag)}</a>'
            f' <span class="docusaurus-tag-count">{len(docnames)}</span></li>'
        )
    body = Markup(
        '<section id="tags"><h1>Tags</h1><ul class="docusaurus-tag-index">'
        + "".join(index_items)
        + "</ul></section>"
    )
    yield TAGS_PAGE, {"title": "Tags", "body": body}, TEMPLATE

    for tag, docnames in by_tag.items():
        pagename = tag_pagename(tag)
        items = []
        for docname in sorted(docnames, key=lambda doc: _title_of(env, doc).casefold()):
            href = builder.get_relative_uri(pagename, docname)
            description = pages[docname].description
            summary = f"<p>{escape(description)}</p>" if description else ""
            items.append(
                f'<li><a href="{escape(href)}">{escape(_title_of(env, docname))}</a>{summary}</li>'
            )
        count = len(docnames)
        heading = f'{count} page{"s" if count != 1 else ""} tagged “{tag}”'
        all_tags = builder.get_relative_uri(pagename, TAGS_PAGE)
        body = Markup(
            f'<section id="tag-{escape(tag_slug(tag))}"><h1>{escape(heading)}</h1>'
            f'<ul class="docusaurus-tagged-pages">{"".join(items)}</ul>'
            f'<p><a href="{escape(all_tags)}">View all tags</a></p></section>'
        )
        yield pagename, {"title": f"Pages tagged “{tag}”", "body": body}, TEMPLATE


def setup_tags(app: Sphinx) -> None:
    """Generate the tag pages."""
    app.connect("html-collect-pages", _collect_tag_pages)
