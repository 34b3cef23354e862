"""What a document's path says on its own: its folder, whether it is a folder's index page,
its number prefixes, and the URL it gets without ``slug`` or ``id``.

Pure functions of docnames (``"security/lifecycle/lifecycle"``), shared by the
navigation plan, the route table and link resolution.
"""

from __future__ import annotations

import posixpath
import re

MARKDOWN_SUFFIXES = (".md", ".mdx")
INDEX_NAMES = ("index", "readme")

_NUMBER_PREFIX = re.compile(r"^(?P<number>\d+)\s*[-_.]+\s*(?P<rest>[^-_.\s].*)$")
# Docusaurus leaves version- and date-like names alone ("8.0", "7-0", "2021-01-31 - Notes").
_VERSION_LIKE = re.compile(r"^\d+[-_.]\d+")


def folder_of(docname: str) -> str:
    """``"a/b/c"`` -> ``"a/b"``; top-level documents -> ``""``."""
    return posixpath.dirname(docname)


def number_prefix(segment: str) -> tuple[int | None, str]:
    """Docusaurus number prefixes: ``"05-core-principles"`` -> ``(5, "core-principles")``.

    Version- and date-like names (``"09.5-security"``, ``"1.2-notes"``, ``"7-0"``,
    ``"2021-01-31-notes"``) keep their digits, as in Docusaurus.
    """
    match = _NUMBER_PREFIX.match(segment)
    if not match or _VERSION_LIKE.match(segment):
        return None, segment
    return int(match.group("number")), match.group("rest")


def strip_number_prefixes(path: str) -> str:
    """Remove number prefixes from every segment of a path."""
    return "/".join(number_prefix(segment)[1] for segment in path.split("/"))


def is_folder_index(docname: str) -> bool:
    """``x/index``, ``x/README`` and ``x/x`` (number prefixes aside) stand for their folder."""
    parts = [number_prefix(part)[1].lower() for part in docname.split("/")]
    return parts[-1] in INDEX_NAMES or (len(parts) >= 2 and parts[-1] == parts[-2])


def default_route(docname: str, root_doc: str) -> str:
    """The URL path (no leading slash, trailing slash) a document gets without ``slug``/``id``."""
    if docname == root_doc:
        return ""
    if is_folder_index(docname):
        folder = strip_number_prefixes(folder_of(docname))
        return f"{folder}/" if folder else ""
    return f"{strip_number_prefixes(docname)}/"


def folder_indexes(docnames: set[str], root_doc: str) -> dict[str, str]:
    """folder -> its index document (``index`` before ``README`` before ``<folder>``)."""
    indexes: dict[str, str] = {"": root_doc} if root_doc in docnames else {}
    candidates: dict[str, tuple[int, str]] = {}
    for docname in docnames:
        if docname == root_doc:
            continue
        folder = folder_of(docname)
        last = docname.rsplit("/", 1)[-1].lower()
        if last in INDEX_NAMES:
            rank = INDEX_NAMES.index(last)
        elif folder and last == folder.rsplit("/", 1)[-1].lower():
            rank = len(INDEX_NAMES)
        else:
            continue
        if folder not in candidates or rank < candidates[folder][0]:
            candidates[folder] = (rank, docname)
    for folder, (_, docname) in candidates.items():
        indexes.setdefault(folder, docname)
    return indexes
