"""``sitemap.xml`` and ``robots.txt`` for search engines, written when an HTML build ends.

The sitemap lists every page at its Docusaurus URL under ``html_baseurl`` (pages
and tag pages), leaving out what a search engine should not index: ``unlisted``
pages, pages that only redirect, search and index pages, and the 404 page.
``robots.txt`` allows everything and names the sitemap. Both are computed from
the environment in the main process, so they are complete with ``-j``.
(sphinx-sitemap builds URLs from document names, which are not our routes.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from .page_model import page_of, pages_domain
from .site_model import site_model
from .tags import TAGS_PAGE, tag_pagename

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def sitemap_pages(app: Sphinx) -> list[str]:
    """The page names the sitemap lists, in a stable order."""
    env = app.env
    redirects = pages_domain(env).redirects
    pages = [doc for doc in env.all_docs if not page_of(env, doc).unlisted and doc not in redirects]
    tags = site_model(env).tags
    if tags:
        pages += [TAGS_PAGE, *(tag_pagename(tag) for tag in tags)]
    return sorted(pages)


def sitemap_xml(base: str, uris: list[str]) -> str:
    """A sitemap document for these site-relative URIs."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(urljoin(base, uri))}</loc></url>" for uri in uris]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name not in ("html", "dirhtml"):
        return
    base = app.config.html_baseurl
    outdir = Path(app.outdir)
    robots = "User-agent: *\nAllow: /\n"
    if base:
        base = base.rstrip("/") + "/"
        uris = [app.builder.get_target_uri(name) for name in sitemap_pages(app)]
        (outdir / "sitemap.xml").write_text(sitemap_xml(base, uris), encoding="utf-8")
        robots += f"\nSitemap: {urljoin(base, 'sitemap.xml')}\n"
    (outdir / "robots.txt").write_text(robots, encoding="utf-8")


def setup_sitemap(app: Sphinx) -> None:
    """Write the sitemap and robots.txt after each HTML build."""
    app.connect("build-finished", _write)
