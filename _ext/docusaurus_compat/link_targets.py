"""Which page a Docusaurus link names: site paths, relative paths, ``.md`` files.

Pure functions over the route table. The site model uses them to know what each
page links to; :mod:`.links` uses them to turn links into cross-references.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from typing import Any
from urllib.parse import unquote

from .doc_paths import default_route
from .routes import RouteTable

_SOURCE_SUFFIX = re.compile(r"\.mdx?$", re.IGNORECASE)


def split_target(target: str) -> tuple[str, str | None]:
    """``"/a/b/#x"`` -> ``("/a/b/", "x")``."""
    path, _, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    return unquote(path), (unquote(fragment) or None)


def site_path(docname: str, path: str) -> str:
    """The absolute site path (``/a/b``) a link written in ``docname`` points at.

    Relative paths are taken from the page's folder, as Docusaurus does for
    file links; ``.md``/``.mdx`` suffixes and index file names are dropped.
    """
    if not path.startswith("/"):
        folder = posixpath.dirname(docname)
        path = "/" + posixpath.join(folder, path)
    normal = posixpath.normpath(path)
    normal = _SOURCE_SUFFIX.sub("", normal)
    route = default_route(normal.strip("/"), root_doc="") if normal.strip("/") else ""
    return "/" + route.rstrip("/")


def find_page(table: RouteTable, docnames: Collection[str], docname: str, path: str) -> str | None:
    """The document a site or relative path written in ``docname`` names, or None."""
    absolute = site_path(docname, path)
    found = table.find(absolute)
    if found is not None:
        return found
    # Not a URL: maybe a document path (a page whose slug moved it elsewhere).
    candidate = _SOURCE_SUFFIX.sub("", posixpath.normpath(absolute).strip("/"))
    for name in (candidate, f"{candidate}/index", f"{candidate}/{candidate.rsplit('/', 1)[-1]}"):
        if name in docnames:
            return name
    return None


def is_owned(path: str, owned: Collection[str]) -> bool:
    """Whether a site path lies under one of the paths this project owns."""
    normal = path.rstrip("/") + "/"
    return any(normal.startswith(prefix.rstrip("/") + "/") for prefix in owned)


def main_site_url(config: Any, refdoc: str, target: str) -> str:
    """The main docs site's URL for a link this project has no page for (query and anchor kept)."""
    path, fragment = split_target(target)
    query = target.partition("#")[0].partition("?")[2]
    url = config.docusaurus_site_url.rstrip("/") + site_path(refdoc, path)
    if path.endswith("/") and not url.endswith("/"):
        url += "/"  # as written: the main site serves /x/ without a redirect
    return url + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
