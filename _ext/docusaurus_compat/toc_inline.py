"""``<TOCInline toc={toc} />`` (``@theme/TOCInline``): the page's table of contents, in the page.

Docusaurus's ``toc`` is every heading of the page in order (the title's
excepted); ``toc.slice(n)`` leaves out the first ``n``; ``minHeadingLevel``
and ``maxHeadingLevel`` (2 and 3 by default) choose the levels. The renderer
leaves a pending node; this transform, once the page's sections are built,
puts the nested list of links in its place.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.transforms import Transform


class InlineTableOfContents(Transform):
    """Replace the pending node with the page's headings as nested links."""

    default_priority = 720  # as docutils' own contents transform

    def apply(self, **kwargs: Any) -> None:
        pending = self.startnode
        assert isinstance(pending, nodes.pending)
        details = pending.details
        low, high, skip = details["low"], details["high"], details["skip"]
        tops = [child for child in self.document.children if isinstance(child, nodes.section)]
        root: nodes.Element = tops[0] if len(tops) == 1 else self.document
        entries: list[tuple[int, str, str]] = []

        def walk(node: nodes.Element, level: int) -> None:
            for section in (child for child in node.children if isinstance(child, nodes.section)):
                if section["ids"] and section.children and isinstance(section[0], nodes.title):
                    entries.append((level, section["ids"][0], section[0].astext()))
                walk(section, level + 1)

        walk(root, 2)
        entries = [entry for entry in entries[skip:] if low <= entry[0] <= high]
        topic = pending.parent
        assert topic is not None and topic.parent is not None
        if not entries:
            topic.parent.remove(topic)
            return
        top = nodes.bullet_list()
        stack: list[tuple[int, nodes.bullet_list]] = [(min(level for level, _, _ in entries), top)]
        for level, anchor, text in entries:
            while level < stack[-1][0] and len(stack) > 1:
                stack.pop()
            current = stack[-1][1]
            if level > stack[-1][0] and current.children:
                inner = nodes.bullet_list()
                last = current.children[-1]
                assert isinstance(last, nodes.Element)
                last.append(inner)
                stack.append((level, inner))
                current = inner
            reference = nodes.reference(text, text, internal=True, refid=anchor)
            current.append(nodes.list_item("", nodes.paragraph("", "", reference)))
        pending.replace_self(top)
