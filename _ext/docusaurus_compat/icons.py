"""Font Awesome Free icons, inlined as SVG so they follow the text colour.

Icons come from the ``fontawesomefree`` package's SVG files (no web font, no
CDN). ``docusaurus_icon_aliases`` in ``conf.py`` maps site-specific names (the
live Palette site uses ``about``, ``admin``, ``nodes``...) to Font Awesome names;
Font Awesome 5's names (``hdd``) are read as the Font Awesome 6 icons they became.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import fontawesomefree

_FA_ROOT = Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree"
_SVG_ROOT = _FA_ROOT / "svgs"
_STYLES = ("solid", "regular", "brands")
_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Docusaurus pages sometimes write the CSS class form: "fa-lock", "fas fa-lock".
_PREFIX_RE = re.compile(r"^(?:fa[srb]?\s+)?(?:fa-)?")


def normalise_icon_name(name: str) -> str:
    """``"fas fa-Lock"`` -> ``"lock"``."""
    return _PREFIX_RE.sub("", name.strip().lower())


@functools.cache
def _renamed() -> dict[str, str]:
    """Font Awesome's older names (``hdd``, ``cloud-download-alt``) -> today's, from its own metadata.

    Sites written against Font Awesome 5 use the old names; the package's SVG files use the new.
    """
    with open(_FA_ROOT / "metadata" / "icons.json", encoding="utf-8") as handle:
        icons = json.load(handle)
    return {
        old: name for name, icon in icons.items() for old in (icon.get("aliases") or {}).get("names", [])
    }


def resolve_icon(name: str, aliases: dict[str, str]) -> str | None:
    """The Font Awesome name an icon name stands for, or None if there is none."""
    key = normalise_icon_name(name)
    key = normalise_icon_name(aliases.get(key, key))
    key = _renamed().get(key, key)
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
