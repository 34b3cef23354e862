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


def table_site_path(table: RouteTable, docname: str, path: str) -> str:
    """:func:`site_path` in a site whose docs versions are mounted below URL paths.

    A relative link is taken from the page's folder inside its version, then put
    below the version's URL path; an absolute one loses the site's ``baseUrl``
    (the output folder is the base URL).
    """
    if path.startswith("/"):
        base = table.base_url.rstrip("/")
        if base and (path == base or path.startswith(base + "/")):
            path = path[len(base):] or "/"
        return site_path(docname, path)
    mount, relative = table.mount(docname)
    inner = site_path(relative, path)
    return "/" + "/".join(part for part in (mount.prefix, inner.strip("/")) if part)


def find_page(table: RouteTable, docnames: Collection[str], docname: str, path: str) -> str | None:
    """The document a site or relative path written in ``docname`` names, or None."""
    absolute = table_site_path(table, docname, path)
    found = table.find(absolute)
    if found is not None:
        return found
    # Not a URL: maybe a document path (a page whose slug moved it elsewhere).
    candidates = [_SOURCE_SUFFIX.sub("", posixpath.normpath(absolute).strip("/"))]
    if not path.startswith("/"):
        # a file link: the file next to the page, whatever URL it is served at
        candidates.append(_SOURCE_SUFFIX.sub("", posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))))
    elif _SOURCE_SUFFIX.search(path):
        # an absolute file link is taken from the top of the page's docs version folder
        folder = table.mount(docname)[0].dir
        candidates.append(_SOURCE_SUFFIX.sub("", posixpath.normpath(f"{folder}/{path.lstrip('/')}").strip("/")))
    for candidate in candidates:
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
