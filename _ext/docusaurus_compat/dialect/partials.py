"""Partials: ``<PartialsComponent category="..." name="..." prop="..."/>``.

A partial is a Markdown file in ``docusaurus_partials_dir`` whose front matter
names it (``partial_category``, ``partial_name``); ``{props.x}`` in its body is
replaced by the component's ``x`` attribute.

A page depends on the partial files it includes (Sphinx re-reads it when one changes)
and on which file each of its components finds: every lookup is remembered per page,
and a page is read again when a component now finds another file, or finds one at
all (a partial created after the page that names it, a ``partial_name`` changed).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..page_model import PartialLookups, pages_domain
from ..page_sources import NotUtf8Error, body_of, front_matter, read_source
from ..warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
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
        try:
            values = front_matter(read_source(path)).values
        except NotUtf8Error as problem:
            warn(
                f"the partial is not UTF-8 text ({problem}): save it as UTF-8 (no page can include it)",
                DocusaurusWarning.SOURCE_ENCODING,
                location=f"{path}:{problem.line}",
            )
            continue
        except OSError:
            continue
        category, name = values.get("partial_category"), values.get("partial_name")
        if category and name:
            index.setdefault((str(category), str(name)), path)
    return index


def partial_index(env: BuildEnvironment) -> dict[tuple[str, str], Path]:
    """(category, name) -> partial file, for the partials folder as it is now."""
    folder = partials_dir(env)
    if not folder.is_dir():
        return {}
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".mdx"))
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    return _index(str(folder), stamp)


def find_partial(env: BuildEnvironment, category: str, name: str) -> Path | None:
    """The partial file with that category and name, or None (remembered for the page being read)."""
    path = partial_index(env).get((category, name))
    docname = env.docname
    if docname:
        _lookups(env).setdefault(docname, {})[(category, name)] = str(path or "")
    return path


def _lookups(env: BuildEnvironment) -> dict[str, PartialLookups]:
    return pages_domain(env).partials


def _reread_when_lookups_change(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose components would now find another partial file (or one at all)."""
    index = partial_index(env)
    return [
        docname
        for docname, lookups in sorted(_lookups(env).items())
        if docname not in added | changed | removed
        and any(str(index.get(key) or "") != found for key, found in lookups.items())
    ]


def setup_partials(app: Sphinx) -> None:
    """Keep each page's partial lookups, and read a page again when they would change."""
    app.connect("env-get-outdated", _reread_when_lookups_change)


def render_partial_text(path: Path, props: dict[str, str]) -> str:
    """The partial's body (front matter removed) with ``{props.x}`` filled in."""
    text = read_source(path)  # it decoded when it was indexed
    body = body_of(text)
    # blank lines in place of the front matter: line n of the text is line n of the file
    padding = "\n" * text[: len(text) - len(body)].count("\n")
    return padding + PROPS.sub(lambda match: _prop_value(match, props), body)


def _prop_value(match: re.Match[str], props: dict[str, str]) -> str:
    """A prop's value: text in text, a JSX string expression as an attribute's value.

    ``edition={props.edition}`` becomes ``edition={"palette"}``, so the component
    around it still reads as a component (JSON escaping keeps quotes inside the value).
    """
    value = props.get(match.group(1), "")
    before = match.string[max(0, match.start() - 40) : match.start()].rstrip()
    return "{" + json.dumps(value) + "}" if before.endswith("=") else value
