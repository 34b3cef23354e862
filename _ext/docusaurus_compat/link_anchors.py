"""A page that links to a heading of another page is rewritten when that page's anchors change.

Links are resolved, and their ``#anchor`` checked, when a page is written (``links.py``
for site paths, MyST for relative ``.md`` links). Sphinx rewrites only the pages it read
again, so renaming a heading would leave the links to it unchecked, with no warning, and
their output stale (a clean build drops a missing anchor from the link, and warns).

At read time each page's links that carry an anchor are recorded; at ``env-updated``
each page's anchors (:func:`links.anchor_sets`, which :func:`links.has_anchor` then
reads while pages are written) are compared with the previous build's, and the pages
whose anchored links lead to a page whose anchors changed are rewritten.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sphinx import addnodes

from .doc_data import doc_data, keep_per_document
from .links import ANCHORS, anchor_sets, find_page
from .routes import route_table

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LINKS = "docusaurus_anchored_links"  # docname -> sorted [(kind, target)]: ("doc", docname) or ("path", path)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _links(env: BuildEnvironment) -> dict[str, list[tuple[str, str]]]:
    return doc_data(env, LINKS)


def anchored_links(doctree: nodes.document) -> list[tuple[str, str]]:
    """The page's links that name an anchor of another page, as MyST left them at read time."""
    found: set[tuple[str, str]] = set()
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("reftype") != "myst":
            continue
        if node.get("refdomain") == "doc" and node.get("reftargetid"):
            found.add(("doc", node["reftarget"]))  # a relative .md link MyST resolved itself
        elif node.get("refdomain") is None:
            target = node.get("reftarget") or ""
            path, _, fragment = target.partition("#")
            if fragment and path and not _SCHEME.match(target):
                found.add(("path", path))  # a site path or extensionless link (links.py)
    return sorted(found)


def _record(app: Sphinx, doctree: nodes.document) -> None:
    links = anchored_links(doctree)
    if links:
        _links(app.env)[app.env.docname] = links


def _rewrite_pages_linking_to_changed_anchors(app: Sphinx, env: BuildEnvironment) -> list[str]:
    current = anchor_sets(env)
    previous: dict[str, frozenset[str]] | None = getattr(env, ANCHORS, None)
    setattr(env, ANCHORS, current)
    if previous is None:
        return []
    changed = {doc for doc in current.keys() | previous.keys() if current.get(doc) != previous.get(doc)}
    if not changed:
        return []
    table = route_table(env)
    rewrite = []
    for docname, links in sorted(_links(env).items()):
        if docname not in env.all_docs:
            continue
        for kind, target in links:
            page = target if kind == "doc" else find_page(env, table, docname, target)
            if page in changed:
                rewrite.append(docname)
                break
    return rewrite


def setup_link_anchors(app: Sphinx) -> None:
    """Record anchored links as pages are read; rewrite their pages when the anchors change."""
    app.connect("doctree-read", _record)
    keep_per_document(app, LINKS)
    # after the route table is computed (routes.py, 400)
    app.connect("env-updated", _rewrite_pages_linking_to_changed_anchors, priority=500)
