"""Partials: ``<PartialsComponent category="..." name="..." prop="..."/>``.

A partial is a Markdown file in ``docusaurus_partials_dir`` whose front matter
names it (``partial_category``, ``partial_name``); ``{props.x}`` in its body is
replaced by the component's ``x`` attribute.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..frontmatter import body_of, quiet_values

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

PROPS = re.compile(r"\{\s*props\.(\w+)\s*\}")
"""``{props.x}`` in a partial's body."""


def partials_dir(env: BuildEnvironment) -> Path:
    """The configured folder (relative paths are taken from the source folder)."""
    folder = Path(env.config.docusaurus_partials_dir)
    return folder if folder.is_absolute() else Path(env.srcdir) / folder


@functools.lru_cache(maxsize=8)
def _index(folder: str, stamp: tuple) -> dict[tuple[str, str], Path]:
    index: dict[tuple[str, str], Path] = {}
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix not in (".md", ".mdx") or not path.is_file():
            continue
        values = quiet_values(path.read_text(encoding="utf-8-sig", errors="replace"))
        category, name = values.get("partial_category"), values.get("partial_name")
        if category and name:
            index.setdefault((str(category), str(name)), path)
    return index


def find_partial(env: BuildEnvironment, category: str, name: str) -> Path | None:
    """The partial file with that category and name, or None."""
    folder = partials_dir(env)
    if not folder.is_dir():
        return None
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".mdx"))
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    return _index(str(folder), stamp).get((category, name))


def render_partial_text(path: Path, props: dict[str, str]) -> str:
    """The partial's body (front matter removed) with ``{props.x}`` filled in."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    body = body_of(text)
    # blank lines in place of the front matter: line n of the text is line n of the file
    padding = "\n" * text[: len(text) - len(body)].count("\n")
    return padding + PROPS.sub(lambda match: props.get(match.group(1), ""), body)
