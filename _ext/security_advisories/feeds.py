"""Atom, RSS and JSON feeds of the bulletins, and ``index.json`` (every record in brief).

Entries are the records, most recently modified first. Nothing depends on the
build's clock: a feed's updated date is its newest record's, so the same records
always give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped, unused-ignore]

from .exports_layout import ATOM, JSON_FEED, RSS, csaf_path, osv_path
from .publisher import EPOCH, Publisher, last_modified, newest_modified_first, timestamp
from .records import DEPLOYMENT_LABELS, SEVERITY_LABELS, STATUS_LABELS, Advisory, Release, newest_first

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _instant(day: str) -> datetime:
    return datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC)


def entry_title(advisory: Advisory) -> str:
    """``ID: title``, as every feed shows a record."""
    return advisory.heading


def tags(advisory: Advisory, publisher: Publisher) -> list[str]:
    """Severity, status and products of the record, as labels."""
    found = [SEVERITY_LABELS.get(advisory.severity, advisory.severity)] if advisory.severity else []
    found.append(STATUS_LABELS.get(advisory.status, advisory.status))
    found += [publisher.product_name(product) for product in advisory.products]
    return found


def _generator(advisories: Iterable[Advisory], publisher: Publisher, self_path: str) -> FeedGenerator:
    records = newest_modified_first(advisories)
    feed = FeedGenerator()
    feed.id(publisher.index_url())
    feed.title(publisher.title)
    feed.author({"name": publisher.name, "uri": publisher.namespace})
    # RSS's channel link is the last link given: the self link first, the page last
    feed.link(href=publisher.export_url(self_path), rel="self")
    feed.link(href=publisher.index_url(), rel="alternate")
    feed.description(f"Security bulletins of {publisher.name}: vulnerabilities and what they mean for its products.")
    feed.language(publisher.language)
    # feedgen stamps the feed and each entry with the current time unless told otherwise
    feed.updated(_instant(records[0].modified) if records else datetime.fromisoformat(EPOCH))
    for advisory in records:
        url = publisher.record_url(advisory)
        entry = feed.add_entry(order="append")
        entry.guid(url, permalink=True)
        entry.title(entry_title(advisory))
        entry.link(href=url, rel="alternate")
        entry.summary(advisory.summary)
        if advisory.published:
            entry.published(_instant(advisory.published))
        entry.updated(_instant(advisory.modified))
        entry.category([{"term": tag} for tag in tags(advisory, publisher)])
    return feed


def atom_feed(advisories: Iterable[Advisory], publisher: Publisher) -> bytes:
    """The Atom feed (UTF-8 XML)."""
    data: bytes = _generator(advisories, publisher, ATOM).atom_str(pretty=True)
    return data


def rss_feed(advisories: Iterable[Advisory], publisher: Publisher) -> bytes:
    """The RSS 2.0 feed (UTF-8 XML)."""
    data: bytes = _generator(advisories, publisher, RSS).rss_str(pretty=True)
    return data


def json_feed(advisories: Iterable[Advisory], publisher: Publisher) -> dict[str, Any]:
    """The JSON Feed 1.1 document."""
    items = []
    for advisory in newest_modified_first(advisories):
        url = publisher.record_url(advisory)
        items.append({
            "id": url,
            "url": url,
            "title": entry_title(advisory),
            "content_text": "\n\n".join(part for part in (advisory.summary, advisory.details) if part),
            "summary": advisory.summary,
            **({"date_published": timestamp(advisory.published)} if advisory.published else {}),
            "date_modified": timestamp(advisory.modified),
            "tags": tags(advisory, publisher),
        })
    return {
        "version": JSON_FEED_VERSION,
        "title": publisher.title,
        "home_page_url": publisher.index_url(),
        "feed_url": publisher.export_url(JSON_FEED),
        "language": publisher.language,
        "authors": [{"name": publisher.name, "url": publisher.namespace}],
        "items": items,
    }


def _releases(releases: Iterable[Release], publisher: Publisher) -> list[dict[str, Any]]:
    return [
        {"product": release.product, "product_name": publisher.product_name(release.product),
         "deployment": release.deployment,
         "deployment_name": DEPLOYMENT_LABELS.get(release.deployment, release.deployment),
         "versions": list(release.versions)}
        for release in releases
    ]


def index_entry(advisory: Advisory, publisher: Publisher) -> dict[str, Any]:
    """One record in brief; absent values are ``null``, so every entry has the same keys."""
    rating = advisory.cvss
    package = advisory.package
    return {
        "id": advisory.id,
        "aliases": list(advisory.aliases),
        "title": advisory.title or None,
        "severity": advisory.severity or None,
        "score": rating.score if rating else None,
        "vector": (rating.vector or None) if rating else None,
        "cvss_version": (rating.version or None) if rating else None,
        "status": advisory.status or None,
        "justification": advisory.justification or None,
        "published": advisory.published or None,
        "modified": advisory.modified,
        "affected": _releases(advisory.affected, publisher),
        "fixed_in": _releases(advisory.fixed_in, publisher),
        "package": None if package is None else {
            "name": package.name, "purl": package.purl or None, "upstream_fix": package.upstream_fix,
        },
        "url": publisher.record_url(advisory),
        "osv": publisher.export_url(osv_path(advisory)),
        "csaf": publisher.export_url(csaf_path(advisory)),
    }


def index_document(advisories: Iterable[Advisory], publisher: Publisher) -> dict[str, Any]:
    """``index.json``: every record, newest published first."""
    records = newest_first(advisories)
    return {
        "title": publisher.title,
        "home_page_url": publisher.index_url(),
        "updated": last_modified(records),
        "advisories": [index_entry(advisory, publisher) for advisory in records],
    }


def json_bytes(document: Any) -> bytes:
    """A document as the exports write JSON: UTF-8, indented, keys in their given order, final newline."""
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
