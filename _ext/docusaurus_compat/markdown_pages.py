"""A Markdown copy of every page, beside it, and the "Copy page" button that copies it.

The page served at ``/security/core-principles/`` has its copy at
``/security/core-principles.md`` (the root page's is ``/index.md``): front matter
with the title and description only, then the page's body as :mod:`.markdown_copy`
renders its resolved doctree, links absolute from the site root.

Each copy is written at ``html-page-context``, as the builder writes the page from its
resolved doctree (under ``-j`` in the writing processes, so in parallel): a page that is not written again
keeps its copy, which is right, since the copy shows nothing of other pages that
the page's signature does not cover (their URLs and card descriptions). Copies of
pages that are gone are removed when the build ends, the way :mod:`.stale_outputs`
removes stale pages, from a list of its own (``<doctreedir>/docusaurus-markdown.json``).
Only the ``html`` and ``dirhtml`` builders write copies.

The button (``_templates/page.html``) is rendered ``hidden`` and revealed by
``_static/docusaurus-copy-page.js``, which fetches the copy and writes it to the
clipboard; beside it, a plain "View as Markdown" link works without JavaScript.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from .generated_root import write_if_changed
from .markdown_copy import MarkdownTranslator, front_matter
from .page_model import page_of
from .site_model import site_model
from .stale_outputs import listed_outputs, remove_output
from .url_policy import site_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MANIFEST = "docusaurus-markdown.json"
SCRIPT = "docusaurus-copy-page.js"
STYLES = "docusaurus-copy-page.css"


def writes_copies(app: Sphinx) -> bool:
    """Whether this build writes Markdown copies (the html and dirhtml builders)."""
    builder = app.builder
    return isinstance(builder, StandaloneHTMLBuilder) and builder.format == "html" and builder.name in (
        "html", "dirhtml",
    )


def copy_path(app: Sphinx, docname: str) -> str:
    """Where a page's copy is, relative to the output folder: ``<folder>/index.html`` -> ``<folder>.md``."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)  # called for the html and dirhtml builders only
    page = PurePosixPath(builder.get_output_path(docname).relative_to(Path(builder.outdir)).as_posix())
    if page.stem == "index":
        return f"{page.parent.as_posix()}.md" if page.parent.as_posix() != "." else "index.md"
    return page.with_suffix(".md").as_posix()


def page_url(app: Sphinx, docname: str) -> str:
    """The page's URL from the site root (``/security/core-principles/``)."""
    return site_root(app.config).rstrip("/") + "/" + app.builder.get_target_uri(docname)


def copy_url(app: Sphinx, docname: str) -> str:
    """The copy's URL from the site root (``/security/core-principles.md``)."""
    return site_root(app.config).rstrip("/") + "/" + copy_path(app, docname)


def page_title(app: Sphinx, docname: str) -> str:
    """The title a copy's front matter gives: front matter ``title``, else the page's heading, else its label."""
    model = site_model(app.env)
    return page_of(app.env, docname).title or model.titles.get(docname) or model.labels.get(docname, docname)


def image_url(app: Sphinx, base: str, image: nodes.image) -> str:
    """Where the HTML page shows an image (``/_images/<name>``; of ``name.*``, the file the HTML builder
    picks), or the image's own URL when it is on the web."""
    uri = image["uri"]
    if "*" in uri:
        candidates: dict[str, str] = image.get("candidates", {})
        uri = next((candidates[kind] for kind in app.builder.supported_image_types if kind in candidates), uri)
    if uri in app.env.images:
        return site_root(app.config).rstrip("/") + "/" + posixpath.join(app.builder.imagedir, app.env.images[uri][1])
    return urljoin(base, uri)


def page_markdown(app: Sphinx, doctree: nodes.document, docname: str) -> str:
    """A page's Markdown copy: front matter, then the body."""
    base = page_url(app, docname)
    translator = MarkdownTranslator(
        link=lambda uri: uri if urlsplit(uri).scheme else urljoin(base, uri),
        image=lambda node: image_url(app, base, node),
    )
    body = translator.translate(doctree)
    head = front_matter(page_title(app, docname), page_of(app.env, docname).description)
    return head + ("\n" + body if body else "")


def _write_copy(app: Sphinx, docname: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    # at html-page-context, as the page is written: under -j in the writing processes, in parallel
    if doctree is None or not writes_copies(app) or docname not in app.env.all_docs:
        return
    write_if_changed(Path(app.builder.outdir) / copy_path(app, docname), page_markdown(app, doctree, docname))


def _remove_stale_copies(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not writes_copies(app):
        return
    outdir = Path(app.builder.outdir).resolve()
    manifest = Path(app.doctreedir) / MANIFEST
    current = {copy_path(app, docname) for docname in app.env.all_docs}
    for relative in sorted(listed_outputs(manifest, outdir) - current):
        remove_output(outdir, relative)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"outdir": str(outdir), "files": sorted(current)}, indent=1) + "\n",
                        encoding="utf-8")


def _button_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``docusaurus_markdown``: the page's copy, relative to the page (documents only)."""
    if not writes_copies(app) or pagename not in app.env.all_docs:
        context["docusaurus_markdown"] = ""
        return
    here = app.builder.get_target_uri(pagename)
    context["docusaurus_markdown"] = relative_uri(here, copy_path(app, pagename))


def setup_markdown_pages(app: Sphinx) -> None:
    """Write each page's copy as it is written, prune gone ones, and give pages the Copy page button."""
    app.connect("html-page-context", _write_copy)
    app.connect("build-finished", _remove_stale_copies)
    app.connect("html-page-context", _button_context)
    app.add_js_file(SCRIPT, defer="defer")
    app.add_css_file(STYLES)
