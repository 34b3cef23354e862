"""Each page's links to other pages, recorded as the page is read.

A link's output depends on its target: its URL, its title (a link without text
shows it) and, for ``page#anchor``, whether the anchor exists; an author's visible
toctree shows the titles and headings of its entries and of theirs. Sphinx rewrites
only the pages it read again, so the site model puts these records in each
page's signature: renaming a heading, retitling or moving a page rewrites the
pages that link to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes
from sphinx.util import docname_join

from .page_model import LinkRecord, pages_domain
from .url_policy import has_scheme

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def link_records(doctree: nodes.document) -> list[LinkRecord]:
    """The page's links to other pages, as MyST and Sphinx left them at read time."""
    found: set[LinkRecord] = set()
    for node in doctree.findall(addnodes.pending_xref):
        domain, kind = node.get("refdomain"), node.get("reftype")
        target = node.get("reftarget") or ""
        if kind == "myst" and domain == "doc":
            found.add(("doc", target, node.get("reftargetid") or ""))  # a relative .md link MyST resolved
        elif kind == "myst" and domain is None:
            if target and not target.startswith("#") and not has_scheme(target):
                found.add(("path", target, ""))  # a site path or extensionless link (links.py)
        elif domain == "std" and kind == "doc":
            # as Sphinx resolves it: from the page's folder, or from the root with a leading "/"
            found.add(("doc", docname_join(node.get("refdoc", ""), target), ""))
        elif domain == "std" and kind == "ref":
            found.add(("ref", target, ""))
        elif domain or kind == "any":
            # any other role (a glossary term, numref, another domain's objects, "any"): resolved by
            # its domain ("any": by every domain)
            found.add(("xref", f"{domain or 'any'}:{kind}:{target}", ""))
    for toctree in doctree.findall(addnodes.toctree):
        if toctree.get("hidden"):
            continue  # the folder toctrees: the sidebar shows them, from the site model
        for _title, ref in toctree["entries"]:
            if ref != "self" and not has_scheme(ref):
                found.add(("toctree", ref, ""))  # a visible toctree shows the entry's titles and headings
    return sorted(found)


def _record(app: Sphinx, doctree: nodes.document) -> None:
    records = link_records(doctree)
    if records:
        pages_domain(app.env).links[app.env.docname] = records


def setup_link_records(app: Sphinx) -> None:
    """Record every page's links as it is read."""
    app.connect("doctree-read", _record)
