"""Each page's search record: its title and its sections' text, kept between builds.

A record is taken from the resolved doctree as the page is written (``html-page-context``;
under ``-j`` in the writing processes, one file per page) and stored, with the page's
index terms, as ``<doctreedir>/search-pages/<docname>.json``, so that the index of an
incremental build holds the pages not written again as a clean build would. The record a
page had when the index was last written is kept aside once it changes
(``search-pages-earlier/``), so the index can take the page's old terms out. Records of
pages that are gone are dropped when the index is written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .search_chunks import PageTerms, SearchPage, Section, Tokenizer, page_terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx

RECORDS_DIR = "search-pages"
EARLIER_DIR = "search-pages-earlier"
_SKIPPED = (nodes.comment, nodes.raw, nodes.system_message, nodes.substitution_definition,
            nodes.target, addnodes.toctree, nodes.image)
_BLOCKS = (nodes.paragraph, nodes.literal_block, nodes.title, nodes.term, nodes.line, nodes.caption,
           nodes.rubric, nodes.field_name, nodes.entry)


def _text_of(node: nodes.Node, out: list[str]) -> None:
    """The searchable text under ``node``, subsections left out (they are sections of their own)."""
    if isinstance(node, (*_SKIPPED, nodes.section)):
        return
    if isinstance(node, nodes.Element) and "no-search" in node.get("classes", ()):
        return
    if isinstance(node, nodes.Text):
        out.append(node.astext())
        return
    assert isinstance(node, nodes.Element)
    for child in node.children:
        _text_of(child, out)
    if isinstance(node, _BLOCKS):
        out.append(" ")  # blocks never run into each other ("Step 1" + "Next" is not "Step 1Next")


def _clean(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def sections_of(doctree: nodes.document, title: str) -> tuple[Section, ...]:
    """The page's opening text (under its title) and one :class:`Section` per heading, in page order."""
    found: list[Section] = []

    def visit(section: nodes.Element, top: bool) -> None:
        parts: list[str] = []
        heading = title
        for child in section.children:
            if isinstance(child, nodes.title):
                # the page's own heading may differ from its front-matter title ("# Overview")
                heading = child.astext()
            elif not isinstance(child, nodes.section):
                _text_of(child, parts)
        anchor = "" if top else (section["ids"][0] if section["ids"] else "")
        text = _clean(parts)
        if text or not top:
            found.append(Section(" ".join(heading.split()), anchor, text))
        for child in section.children:
            if isinstance(child, nodes.section):
                visit(child, False)

    top_sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    # the page's own title section is the one "opening" section; text outside any section joins it
    loose: list[str] = []
    for child in doctree.children:
        if not isinstance(child, nodes.section):
            _text_of(child, loose)
    if top_sections:
        visit(top_sections[0], True)
        for extra in top_sections[1:]:
            visit(extra, False)
    if _clean(loose):
        if found and not found[0].anchor:
            first = found[0]
            found[0] = Section(first.heading, "", _clean([_clean(loose), " ", first.text]))
        else:
            found.insert(0, Section(title, "", _clean(loose)))
    return tuple(found)


def record_path(doctreedir: str | Path, docname: str) -> Path:
    """Where a page's record is kept."""
    return Path(doctreedir, RECORDS_DIR, f"{docname}.json")


def earlier_path(doctreedir: str | Path, docname: str) -> Path:
    """Where the record a page had when the index was last written is kept, once it changes."""
    return Path(doctreedir, EARLIER_DIR, f"{docname}.json")


def store_record(app: Sphinx, doctree: nodes.document, docname: str, tokenizer: Tokenizer) -> None:
    """Keep the page's record, with its index terms (rewritten only when it changed).

    The record it replaces is kept aside (the first one replaced since the index was last
    written), so that the index can take the page's old terms out (:func:`earlier_terms`).
    """
    title_node = app.env.titles.get(docname)
    title = " ".join(title_node.astext().split()) if title_node is not None else docname
    sections = sections_of(doctree, title)
    terms = page_terms(SearchPage(url="", title=title, sections=sections), tokenizer)
    data = {"title": title, "sections": [[s.heading, s.anchor, s.text] for s in sections], "index": terms.to_json()}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path = record_path(app.doctreedir, docname)
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        old = None
    if old == text:
        return
    earlier = earlier_path(app.doctreedir, docname)
    if old is not None and not earlier.exists():
        earlier.parent.mkdir(parents=True, exist_ok=True)
        path.replace(earlier)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("index"), dict) else None


def load_record(
    doctreedir: str | Path, docname: str, url: str, version: str = "",
) -> tuple[SearchPage, PageTerms] | None:
    """A page's stored record at its URL and its terms, or None when the page has none (not written
    by an HTML build, or by an older version of this extension)."""
    data = _read(record_path(doctreedir, docname))
    if data is None:
        return None
    sections = tuple(Section(*section) for section in data.get("sections", []))
    page = SearchPage(url=url, title=data.get("title", docname), sections=sections, version=version)
    return page, PageTerms.from_json(data["index"])


def changed_records(doctreedir: str | Path) -> dict[str, PageTerms | None]:
    """The pages whose record changed since the index was last written, with the terms they had
    then (None when that record cannot be read)."""
    root = Path(doctreedir, EARLIER_DIR)
    if not root.is_dir():
        return {}
    changed: dict[str, PageTerms | None] = {}
    for path in sorted(root.rglob("*.json")):
        data = _read(path)
        changed[path.relative_to(root).with_suffix("").as_posix()] = (
            PageTerms.from_json(data["index"]) if data is not None else None
        )
    return changed


def forget_changes(doctreedir: str | Path) -> None:
    """The index now holds every record as it is: drop the records kept aside."""
    shutil.rmtree(Path(doctreedir, EARLIER_DIR), ignore_errors=True)


def prune_records(doctreedir: str | Path, docnames: set[str]) -> None:
    """Delete the records of pages that no longer exist."""
    root = Path(doctreedir, RECORDS_DIR)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*.json")):
        if path.relative_to(root).with_suffix("").as_posix() not in docnames:
            path.unlink()
