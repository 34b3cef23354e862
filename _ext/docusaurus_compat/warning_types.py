"""Every warning the extension emits has ``type="docusaurus"`` and one of these subtypes.

``suppress_warnings = ["docusaurus.<subtype>"]`` silences exactly one kind.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

WARNING_TYPE = "docusaurus"

logger = logging.getLogger(__name__)


class DocusaurusWarning(Enum):
    """Warning subtypes (the part after ``docusaurus.`` in ``[docusaurus.x]``)."""

    FRONTMATTER_YAML = "frontmatter_yaml"
    """The front matter is not valid YAML, or not a mapping, or not closed."""
    FRONTMATTER_TYPE = "frontmatter_type"
    """A front-matter key has a value of the wrong type; the key is ignored."""
    FRONTMATTER_UNKNOWN = "frontmatter_unknown"
    """A front-matter key the extension does not know; the key is ignored."""
    FRONTMATTER_DUPLICATE = "frontmatter_duplicate"
    """A front-matter key given twice; the first value is kept."""
    ICON_UNKNOWN = "icon_unknown"
    """An icon name that is neither a Font Awesome Free icon nor an alias."""
    LINK_MISSING = "link_missing"
    """A site link into a path this project owns that matches no page."""
    ROUTE_CONFLICT = "route_conflict"
    """Two pages claim the same URL (``slug``) or the same ``id``."""
    PAGINATION_TARGET = "pagination_target"
    """``pagination_prev``/``pagination_next`` names no page."""
    ADMONITION_UNKNOWN = "admonition_unknown"
    """``:::name`` with a name that is not an admonition type; shown as a plain one."""
    ADMONITION_CLOSER = "admonition_closer"
    """A ``:::`` closer at the end of a text line, or an admonition never closed."""
    COMPONENT_UNKNOWN = "component_unknown"
    """A JSX component this site cannot render; its text is kept."""
    COMPONENT_UNCLOSED = "component_unclosed"
    """A component tag without its opening or closing partner."""
    PARTIAL_MISSING = "partial_missing"
    """``<PartialsComponent>`` names no partial (or includes itself)."""
    SOURCE_ENCODING = "source_encoding"
    """A source file that is not UTF-8; it is left out of the build (Sphinx 9 would stop)."""
    IMAGE_MISSING = "image_missing"
    """An image file that does not exist; its alt text is shown instead."""
    HTML_DISALLOWED = "html_disallowed"
    """Raw HTML with a tag, attribute or URL not on the allow-list; it is shown as text."""
    SITE_CONFIG = "site_config"
    """A Docusaurus site's config, versions or sidebars file says something the build cannot follow."""


def warn(
    message: str,
    subtype: DocusaurusWarning,
    location: Any = None,
) -> None:
    """Log a typed warning (``location`` is a node, a docname or ``(docname, line)``)."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
