"""Apply front matter to what Sphinx records about a page, at ``doctree-read``.

Runs after Sphinx's own collectors (priority 600 > their 500): the
front-matter ``title`` replaces the first-heading title in ``env.titles``
(navigation, prev/next, ``<title>``); ``hideToC``/``hide_table_of_contents``/
``fullWidth`` set furo's ``hide-toc`` only when true (furo hides the contents
whenever the key exists); ``toc_*_heading_level`` trim the recorded contents;
``unlisted`` pages are kept out of search and the toctree check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .page_model import pages_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _apply_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    meta = pages_of(env).get(docname)
    if meta is None:
        return
    if meta.title:
        env.titles[docname] = nodes.title(meta.title, meta.title)
        env.longtitles[docname] = nodes.title(meta.title, meta.title)
    metadata = env.metadata[docname]
    if meta.hide_toc or meta.full_width:
        metadata["hide-toc"] = ""
    if meta.unlisted:
        metadata["nosearch"] = ""
        metadata["orphan"] = ""
    if meta.toc_min_level or meta.toc_max_level:
        _trim_contents(env.tocs[docname], meta.toc_min_level or 2, meta.toc_max_level or 6)


def _entries(bullet_list: nodes.Element) -> list[nodes.list_item]:
    return [item for item in bullet_list.children if isinstance(item, nodes.list_item)]


def _trim_contents(toc: nodes.Element, min_level: int, max_level: int) -> None:
    """Keep headings from ``min_level`` to ``max_level`` (the page title is level 1)."""

    def walk(bullet_list: nodes.Element, level: int) -> None:
        for item in _entries(bullet_list):
            sublists = [child for child in item.children if isinstance(child, nodes.bullet_list)]
            for sublist in sublists:
                if level + 1 > max_level:
                    item.remove(sublist)
                    continue
                walk(sublist, level + 1)
                if 1 < level + 1 < min_level:
                    # lift the grandchildren into this item: level+1 is too shallow to show
                    lifted = [
                        grandchild
                        for entry in _entries(sublist)
                        for grandchild in entry.children
                        if isinstance(grandchild, nodes.bullet_list)
                    ]
                    kept = [child for child in sublist.children if isinstance(child, addnodes.toctree)]
                    sublist.children = []
                    for grand in lifted:
                        sublist.extend(grand.children)
                    sublist.extend(kept)

    walk(toc, 1)


def setup_apply_front_matter(app: Sphinx) -> None:
    """Connect the front-matter-to-environment step."""
    app.connect("doctree-read", _apply_front_matter, priority=600)
