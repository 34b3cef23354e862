"""What a page's MDX imports name, and how a site's own components are drawn.

``import Note from './_note.mdx'`` then ``<Note />`` shows that Markdown file in
the page (Docusaurus's way to reuse text: "Importing Markdown" in its MDX
guide); ``@site/`` is the site's folder. A Docusaurus theme import
(``@theme/Tabs``) names a component this project draws itself. Anything else
is one of the site's React components: ``docusaurus_components`` maps its name
to a :class:`Rendering` (keep its children, a container with a class, an
admonition, a dropdown, a link from one of its attributes, or nothing).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

MARKDOWN_MODULE_SUFFIXES = (".md", ".mdx")
SITE_ALIAS = "@site/"
KINDS = ("children", "none", "container", "admonition", "dropdown", "link")


def resolve_markdown_import(specifier: str, importer: Path, site_dir: str) -> Path | None:
    """The Markdown file an import names (None: it names no Markdown file, so it is a component)."""
    if not specifier.endswith(MARKDOWN_MODULE_SUFFIXES):
        return None
    if specifier.startswith(SITE_ALIAS):
        base = Path(site_dir) if site_dir else importer.parent
        return (base / specifier[len(SITE_ALIAS):]).resolve()
    if specifier.startswith("."):
        return (importer.parent / specifier).resolve()
    return None


@dataclasses.dataclass(frozen=True)
class Rendering:
    """How a site component is drawn: ``kind`` and its argument (a class, a type, an attribute)."""

    kind: str = "children"
    argument: str = ""


class ComponentMappingError(ValueError):
    """A ``docusaurus_components`` entry that names no rendering."""


def parse_rendering(name: str, value: str) -> Rendering:
    """``"container:my-class"``, ``"admonition:tip"``, ``"dropdown:title"``, ``"link:href"``,
    ``"children"`` or ``"none"``."""
    kind, _, argument = value.partition(":")
    if kind not in KINDS:
        raise ComponentMappingError(
            f"docusaurus_components['{name}'] = {value!r}: use one of children, none, container:<class>, "
            "admonition:<type>, dropdown:<title attribute>, link:<URL attribute>"
        )
    if kind in ("container", "admonition", "link") and not argument:
        raise ComponentMappingError(f"docusaurus_components['{name}'] = {value!r}: '{kind}' needs its argument "
                                    f"('{kind}:...')")
    return Rendering(kind, argument)
