"""Spacer-only raw HTML (``<br />`` lines, HTML comments) between blocks.

Docusaurus authors put ``<br />`` on a line of its own to add space between
sections, and ``<!-- vale off -->`` comments for their linters. Neither carries
content: the theme already spaces sections, and a comment must not reach the
page source. Such blocks are removed at read time, so HTML and PDF agree.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

SPACER_HTML = re.compile(
    r"^(?:\s|<!--.*?-->|<br\s*/?\s*/?\s*>|<p>\s*</p>)*$", re.DOTALL | re.IGNORECASE
)


class RemoveSpacerHtml(SphinxTransform):
    """Drop block-level raw HTML that only adds space or comments."""

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            if isinstance(raw.parent, nodes.TextElement):
                continue  # inline: a line break inside text, left to the writer
            if SPACER_HTML.match(raw.astext()):
                raw.parent.remove(raw)


def setup_spacers(app: Sphinx) -> None:
    """Register the spacer transform."""
    app.add_transform(RemoveSpacerHtml)
