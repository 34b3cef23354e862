"""Font Awesome Free icons, inlined as SVG so they follow the text colour.

Icons come from the ``fontawesomefree`` package's SVG files (no web font, no
CDN). ``docusaurus_icon_aliases`` in ``conf.py`` maps site-specific names (the
live Palette site uses ``about``, ``admin``, ``nodes``...) to Font Awesome names.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import fontawesomefree

_SVG_ROOT = Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree" / "svgs"
_STYLES = ("solid", "regular", "brands")
_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Docusaurus pages sometimes write the CSS class form: "fa-lock", "fas fa-lock".
_PREFIX_RE = re.compile(r"^(?:fa[srb]?\s+)?(?:fa-)?")


def normalise_icon_name(name: str) -> str:
    """``"fas fa-Lock"`` -> ``"lock"``."""
    return _PREFIX_RE.sub("", name.strip().lower())


def resolve_icon(name: str, aliases: dict[str, str]) -> str | None:
    """The Font Awesome name an icon name stands for, or None if there is none."""
    key = normalise_icon_name(name)
    key = normalise_icon_name(aliases.get(key, key))
    if not _NAME_RE.match(key):
        return None
    return key if _svg_path(key) is not None else None


@functools.cache
def _svg_path(name: str) -> Path | None:
    for style in _STYLES:
        path = _SVG_ROOT / style / f"{name}.svg"
        if path.is_file():
            return path
    return None


@functools.cache
def icon_svg(name: str) -> str:
    """Inline SVG markup for a resolved icon name (decorative: hidden from screen readers)."""
    path = _svg_path(name)
    if path is None:
        raise KeyError(name)
    svg = path.read_text(encoding="utf-8")
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    # The files carry only a viewBox; give the icon the text's colour and size.
    return svg.replace(
        "<svg ",
        f'<svg class="docusaurus-icon docusaurus-icon-{name}" aria-hidden="true" focusable="false" '
        'fill="currentColor" width="1em" height="1em" ',
        1,
    )
