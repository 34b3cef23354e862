"""``llms.txt`` and ``llms-full.txt`` at the site root, for AI assistants (https://llmstxt.org/).

``llms.txt`` follows the proposal's structure: an H1 with the project's name, a
blockquote with the site's summary (the root page's ``description``), a sentence
on what the links are, then one H2 section per top-level entry of the sidebar,
each a list of ``- [title](url): description`` links in sidebar order (the root
page and top-level pages without children come first, under the root's label),
and an ``Optional`` section: pages the sidebar does not show or whose source is
generated (the security bulletins' record pages), then the tag pages. The links
go to the pages' Markdown copies (:mod:`.markdown_pages`), absolute under
``html_baseurl`` as the proposal's examples are (a file fetched on its own has no
base to resolve a relative link against; without ``html_baseurl`` they are
site-root paths). Unlisted pages and pages that only redirect are left out, as in
the sitemap.

``llms-full.txt`` is the same header, then every listed page's copy (its front
matter replaced by a ``Source:`` line) in the same order. Both are written when an
HTML build ends, in the main process, from the site model and the copies in the
output folder (a page that was not written again keeps its copy), so they are
complete with ``-j`` and after incremental builds, and hold no date.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from .markdown_copy import escape_text, one_line
from .markdown_pages import copy_path, page_title, writes_copies
from .page_model import page_of, pages_domain
from .site_model import SiteModel, site_model
from .tags import tag_pagename

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LLMS_TXT = "llms.txt"
LLMS_FULL = "llms-full.txt"


@dataclasses.dataclass(frozen=True)
class Link:
    """One entry of a section: a page (``docname``) or a generated page such as a tag page."""

    title: str
    url: str
    description: str = ""
    docname: str | None = None


@dataclasses.dataclass(frozen=True)
class Section:
    """An H2 section of ``llms.txt``."""

    name: str
    links: list[Link]


def _listed(app: Sphinx) -> set[str]:
    """The documents llms.txt may list: not unlisted, not a redirect."""
    env = app.env
    redirects = pages_domain(env).redirects
    return {doc for doc in env.all_docs if not page_of(env, doc).unlisted and doc not in redirects}


def _is_generated(app: Sphinx, docname: str) -> bool:
    """Whether a page's source is made by the build (outside the source folder), not written by an author."""
    path = Path(app.env.doc2path(docname))
    srcdir = Path(app.srcdir)
    if path.is_relative_to(srcdir) and ".." not in path.relative_to(srcdir).parts:
        return False  # the common case, without a look at the file system
    return not path.resolve().is_relative_to(srcdir.resolve())


def _sidebar_groups(model: SiteModel) -> Iterator[tuple[str, list[str]]]:
    """(section name, its pages in reading order) for each top-level entry of each sidebar."""
    several = len(model.sidebars) > 1
    for key, sidebar in model.sidebars.items():
        root = sidebar.items[sidebar.root]
        suffix = f" ({sidebar.version}, {sidebar.name})" if several else ""
        first = [sidebar.root, *(child for child in root.children if not sidebar.items[child].children)]
        yield root.label + suffix, [doc for doc in first if model.sidebar_of.get(doc) == key]
        for child in root.children:
            item = sidebar.items[child]
            if not item.children:
                continue
            pages: list[str] = []
            stack = [child]
            while stack:
                current = stack.pop()
                pages.append(current)
                stack.extend(reversed(sidebar.items[current].children))
            yield item.label + suffix, [doc for doc in pages if model.sidebar_of.get(doc) == key]


def _base(app: Sphinx) -> str:
    base = app.config.html_baseurl
    return base.rstrip("/") + "/" if base else "/"


def _page_link(app: Sphinx, docname: str) -> Link:
    return Link(
        title=page_title(app, docname),
        url=urljoin(_base(app), copy_path(app, docname)),
        description=one_line(page_of(app.env, docname).description),
        docname=docname,
    )


def site_sections(app: Sphinx) -> tuple[list[Section], list[Link]]:
    """The sections of llms.txt and its Optional links, from the site model."""
    model = site_model(app.env)
    listed = _listed(app)
    seen: set[str] = set()
    sections = []
    for name, pages in _sidebar_groups(model):
        docs = []
        for doc in pages:
            item_is_page = doc in app.env.all_docs
            if item_is_page and doc in listed and doc not in seen and not _is_generated(app, doc):
                seen.add(doc)
                docs.append(doc)
        if docs:
            sections.append(Section(name, [_page_link(app, doc) for doc in docs]))
    optional = [_page_link(app, doc) for doc in sorted(listed - seen)]
    for tag, docnames in model.tags.items():
        url = urljoin(_base(app), app.builder.get_target_uri(tag_pagename(tag)))
        count = f"{len(docnames)} page{'s' if len(docnames) != 1 else ''}"
        optional.append(Link(f"Tag: {tag}", url, f"{count} tagged {tag}"))
    return sections, optional


def _item(link: Link) -> str:
    text = f"- [{escape_text(one_line(link.title))}]({link.url.replace(' ', '%20')})"
    return f"{text}: {escape_text(link.description)}" if link.description else text


def header(project: str, summary: str) -> str:
    """The H1 and the blockquote both files start with."""
    head = f"# {escape_text(one_line(project))}\n"
    return head + (f"\n> {escape_text(one_line(summary))}\n" if one_line(summary) else "")


def llms_txt(project: str, summary: str, sections: list[Section], optional: list[Link], full_url: str) -> str:
    """The llms.txt document."""
    parts = [
        header(project, summary),
        "Each link is the Markdown copy of a page of this site, with its title and description only as front "
        f"matter. Every page in one file: [{LLMS_FULL}]({full_url}).\n",
    ]
    for section in sections:
        parts.append(f"## {escape_text(section.name)}\n\n" + "\n".join(_item(link) for link in section.links) + "\n")
    if optional:
        parts.append("## Optional\n\n" + "\n".join(_item(link) for link in optional) + "\n")
    return "\n".join(parts)


def strip_front_matter(copy: str) -> str:
    """A copy's body: the text after its front matter (``---`` ... ``---``)."""
    if copy.startswith("---\n"):
        end = copy.find("\n---\n", 3)
        if end != -1:
            return copy[end + len("\n---\n"):].lstrip("\n")
    return copy


def llms_full(project: str, summary: str, pages: list[tuple[str, str]]) -> str:
    """llms-full.txt: the header, then each page's body (``(page URL, copy)``) after a rule and its source."""
    parts = [header(project, summary)]
    for url, copy in pages:
        parts.append(f"---\n\nSource: <{url.replace(' ', '%20')}>\n\n{strip_front_matter(copy).rstrip()}\n")
    return "\n".join(parts)


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not writes_copies(app):
        return
    outdir = Path(app.builder.outdir)
    env = app.env
    project = app.config.project or "Documentation"
    summary = page_of(env, app.config.root_doc).description or ""
    sections, optional = site_sections(app)
    text = llms_txt(project, summary, sections, optional, urljoin(_base(app), LLMS_FULL))
    (outdir / LLMS_TXT).write_text(text, encoding="utf-8")
    pages = []
    for link in [*(link for section in sections for link in section.links), *optional]:
        if link.docname is None:
            continue
        copy = outdir / copy_path(app, link.docname)
        if copy.is_file():
            page = urljoin(_base(app), app.builder.get_target_uri(link.docname))
            pages.append((page, copy.read_text(encoding="utf-8")))
    (outdir / LLMS_FULL).write_text(llms_full(project, summary, pages), encoding="utf-8")


def setup_llms_txt(app: Sphinx) -> None:
    """Write llms.txt and llms-full.txt when an HTML build ends."""
    app.connect("build-finished", _write)
