"""A page that looked for a file in vain is read again once the file exists.

Sphinx re-reads a page when a file it depends on changes, but a file that did not
exist when the page was read (an image the author adds after writing the page)
is no dependency: the page would go on showing the image's alt text until its own
source changed. The renderer notes each path it looked for and did not find.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .page_model import pages_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def note_missing(env: BuildEnvironment, paths: list[Path]) -> None:
    """Remember that the page being read looked for these files and found none of them."""
    docname = env.docname
    if docname:
        found = pages_domain(env).missing.setdefault(docname, [])
        found.extend(str(path) for path in paths if str(path) not in found)


def _reread_when_files_appear(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages one of whose missing files now exists."""
    return [
        docname
        for docname, paths in sorted(pages_domain(env).missing.items())
        if docname not in added | changed | removed and any(Path(path).is_file() for path in paths)
    ]


def setup_missing_files(app: Sphinx) -> None:
    """Read a page again when a file it looked for appears."""
    app.connect("env-get-outdated", _reread_when_files_appear)
