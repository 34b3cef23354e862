"""Files an earlier build wrote that this build no longer produces are removed.

Sphinx never deletes an output file. After an incremental build, a deleted or moved
page, a page whose ``slug`` changed, a tag no page carries any more or an image no
page shows would stay online at its old URL (with a stale sidebar) until someone
cleans the output folder. Each HTML build lists the files it owns in
``<doctreedir>/docusaurus-outputs.json``: every document's page at its route, the
pages generated from the environment (tags, search, 404) and the copied images.
The next build into the same folder removes the listed files it no longer produces,
and folders left empty. Only files on that list are ever removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MANIFEST = "docusaurus-outputs.json"


class GeneratedPages:
    """The pages of this build that are not documents (tags, search, 404), as they are written.

    Generated pages are rendered in the main process, even with ``-j``; documents
    are taken from the environment instead.
    """

    def __init__(self) -> None:
        self.names: set[str] = set()

    def note(self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
        if pagename not in app.env.all_docs:
            self.names.add(pagename)

    def forget(self, app: Sphinx) -> None:
        self.names.clear()


def owned_outputs(app: Sphinx, generated: set[str]) -> set[str]:
    """The files (relative to the output folder) this build writes for its pages and images."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)  # called for the html and dirhtml builders only
    outdir = Path(builder.outdir)
    pagenames = set(app.env.all_docs) | generated
    files = {builder.get_output_path(name).relative_to(outdir).as_posix() for name in pagenames}
    files |= {f"{builder.imagedir}/{unique}" for _docnames, unique in app.env.images.values()}
    return files


def listed_outputs(manifest: Path, outdir: Path) -> set[str]:
    """The files a manifest written for this output folder lists (none for another folder's)."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("outdir") != str(outdir):
        return set()  # written for another output folder: none of its files are ours here
    return {name for name in data.get("files", []) if isinstance(name, str)}


def remove_output(outdir: Path, relative: str) -> None:
    """Delete one listed file inside the output folder, and the folders it leaves empty."""
    path = (outdir / relative).resolve()
    if not path.is_relative_to(outdir) or not path.is_file():
        return
    path.unlink()
    folder = path.parent
    while folder != outdir and folder.is_relative_to(outdir) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _remove_stale_outputs(app: Sphinx, exception: Exception | None, generated: set[str]) -> None:
    builder = app.builder
    if exception is not None or builder.format != "html" or builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(builder.outdir).resolve()
    manifest = Path(app.doctreedir) / MANIFEST
    current = owned_outputs(app, generated)
    for relative in sorted(listed_outputs(manifest, outdir) - current):
        remove_output(outdir, relative)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(
        json.dumps({"outdir": str(outdir), "files": sorted(current)}, indent=1) + "\n", encoding="utf-8"
    )


def setup_stale_outputs(app: Sphinx) -> None:
    """Note the generated pages as they are written; prune the output when the build ends."""
    generated = GeneratedPages()
    app.connect("builder-inited", generated.forget)
    app.connect("html-page-context", generated.note)
    app.connect(
        "build-finished", lambda app, exception: _remove_stale_outputs(app, exception, generated.names)
    )
