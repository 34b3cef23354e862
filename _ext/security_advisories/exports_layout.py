"""Where each exported file lives, relative to the bulletins index's URL.

One place for the names, so the pages that link to the files and the code that
writes them cannot disagree.
"""

from __future__ import annotations

import re

from .records import Advisory

ATOM = "feed.atom"
RSS = "feed.rss"
JSON_FEED = "feed.json"
INDEX = "index.json"
OSV_FOLDER = "osv"
CSAF_FOLDER = "csaf"
# CSAF 2.0 section 7.1.12: the provider metadata sits at this path below the site root
PROVIDER_METADATA = ".well-known/csaf/provider-metadata.json"

FEEDS = (
    ("Atom feed", ATOM, "application/atom+xml"),
    ("RSS feed", RSS, "application/rss+xml"),
    ("JSON Feed", JSON_FEED, "application/feed+json"),
)


def csaf_file_name(advisory: Advisory) -> str:
    """CSAF 2.0 section 5.1: the tracking id in lower case, other characters as ``_``."""
    return re.sub(r"[^+\-a-z0-9]+", "_", advisory.id.lower()) + ".json"


def osv_path(advisory: Advisory) -> str:
    """The record's OSV document."""
    return f"{OSV_FOLDER}/{advisory.id}.json"


def csaf_path(advisory: Advisory) -> str:
    """The record's CSAF VEX document."""
    return f"{CSAF_FOLDER}/{csaf_file_name(advisory)}"


def record_exports(advisory: Advisory) -> dict[str, str]:
    """Link text -> path of the record's machine-readable forms."""
    return {"OSV record (JSON)": osv_path(advisory), "CSAF VEX document (JSON)": csaf_path(advisory)}
