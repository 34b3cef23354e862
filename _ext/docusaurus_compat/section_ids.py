"""Each heading's Docusaurus id becomes its first HTML id.

The renderer marks every heading with the id Docusaurus gives it
(:mod:`.heading_ids`). Docutils has given the section ids of its own by then
(``title``, ``id1``); this transform, which runs after every other id is
assigned (MyST's ``AddSlugIds`` included), puts the Docusaurus id first, so
the section's anchor, the "Direct link", the table of contents and links from
other pages all use it. The docutils ids stay as secondary anchors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .heading_ids import HEADING_ID

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class DocusaurusSectionIds(SphinxTransform):
    """Move (or give) each heading's Docusaurus id to the front of its ids."""

    default_priority = 701  # after MyST's AddSlugIds (700), before ResolveAnchorIds (879)

    def apply(self, **kwargs: object) -> None:
        document = self.document
        explicit = {
            document.nameids[name]
            for name, is_explicit in document.nametypes.items()
            if is_explicit and document.nameids.get(name)
        }
        for node in document.findall(nodes.Element):
            heading_id = node.get(HEADING_ID)
            if not heading_id:
                continue
            holder = document.ids.get(heading_id)
            if holder is not None and holder is not node:
                # an explicit label's id, or another node's only id, is not taken from it
                if heading_id in explicit or len(holder["ids"]) < 2:
                    del node[HEADING_ID]
                    continue
                holder["ids"].remove(heading_id)
            if heading_id in node["ids"]:
                node["ids"].remove(heading_id)
            node["ids"].insert(0, heading_id)
            document.ids[heading_id] = node


def setup_section_ids(app: Sphinx) -> None:
    """Register the transform."""
    app.add_transform(DocusaurusSectionIds)
