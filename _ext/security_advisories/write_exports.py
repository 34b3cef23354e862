"""The feeds and machine-readable documents, written beside the bulletins index.

Written after the HTML pages, from the records of this build: every file is
rewritten only when its bytes change, and a file whose record is gone is removed,
so an incremental build leaves exactly what a clean build writes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .csaf_export import csaf_vex_document, provider_metadata
from .exports_layout import ATOM, CSAF_FOLDER, INDEX, JSON_FEED, PROVIDER_METADATA, RSS, csaf_path, osv_path
from .feeds import atom_feed, index_document, json_bytes, json_feed, rss_feed
from .osv_export import osv_document
from .pages import advisory_state
from .publisher import Publisher
from .settings import product_names

if TYPE_CHECKING:
    from sphinx.application import Sphinx


# the builders whose output is a site the exports sit in (singlehtml and epub pages have
# other URLs: a bulletin's address there is not its address on the site)
EXPORTING_BUILDERS = ("html", "dirhtml")
MANIFEST = "advisory-exports.json"


def publisher(app: Sphinx) -> Publisher:
    """Who publishes, and where: from conf.py and the bulletins index's URL."""
    settings = app.config.advisories_publisher
    route = app.builder.get_target_uri(app.config.advisories_index)
    return Publisher(
        name=settings.get("name") or app.config.author or app.config.project,
        namespace=settings.get("namespace") or app.config.html_baseurl,
        base_url=app.config.html_baseurl.rstrip("/") + "/",
        index_path=route,
        products=product_names(app.config),
        title=app.config.advisories_feed_title,
        language=app.config.language or "en",
    )


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def export_files(app: Sphinx) -> dict[str, bytes]:
    """Site path -> bytes of every exported file of this build."""
    state = advisory_state(app.env)
    if state is None:
        return {}
    records = state.collection.records
    site = publisher(app)
    base = site.index_path
    files: dict[str, bytes] = {
        base + ATOM: atom_feed(records, site),
        base + RSS: rss_feed(records, site),
        base + JSON_FEED: json_bytes(json_feed(records, site)),
        base + INDEX: json_bytes(index_document(records, site)),
        PROVIDER_METADATA: json_bytes(provider_metadata(site, site.export_url(CSAF_FOLDER + "/"), records)),
    }
    for record in records:
        files[base + osv_path(record)] = json_bytes(osv_document(record, site))
        files[base + csaf_path(record)] = json_bytes(csaf_vex_document(record, site))
    return files


def _written_before(manifest: Path) -> list[str]:
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(item) for item in listed] if isinstance(listed, list) else []


def write_export_files(app: Sphinx, exception: Exception | None) -> None:
    """Write the exports into the HTML output, and remove those this build no longer makes.

    What was written is listed in the doctree folder, so a renamed index page, a deleted
    record or a removed records folder leaves none of its old files behind.
    """
    if exception is not None or app.builder.name not in EXPORTING_BUILDERS:
        return
    outdir = Path(app.outdir)
    files = export_files(app)
    for relative, data in files.items():
        _write(outdir / relative, data)
    manifest = Path(app.doctreedir) / MANIFEST
    for relative in _written_before(manifest):
        if relative not in files:
            (outdir / relative).unlink(missing_ok=True)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(sorted(files), indent=0) + "\n", encoding="utf-8")


def setup_write_exports(app: Sphinx) -> None:
    """Write the exports when the build has finished."""
    app.connect("build-finished", write_export_files)
