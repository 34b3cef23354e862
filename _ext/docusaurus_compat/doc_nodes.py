"""The extension's own docutils nodes, made while reading and completed or written later."""

from __future__ import annotations

from docutils import nodes


class doc_card_list(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Where a page lists its child pages as cards (replaced when the page is written)."""

