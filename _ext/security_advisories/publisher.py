"""Who publishes the advisories and where: what every export (OSV, CSAF, feeds) names.

Pure, no Sphinx: the Sphinx side builds one :class:`Publisher` from ``conf.py`` and
the bulletins index's URL, and hands it to the export functions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from .records import Advisory

# what an export says when it has no record to date it by: fixed, so output never depends on the clock
EPOCH = "1970-01-01T00:00:00Z"


@dataclasses.dataclass(frozen=True)
class Publisher:
    """The issuing party, the site's root URL and the bulletins index's path below it."""

    name: str
    namespace: str
    base_url: str
    index_path: str
    # a plain dict is not hashable: leave it out of the hash, keep it in equality
    products: Mapping[str, str] = dataclasses.field(hash=False)
    title: str
    language: str = "en"

    def __post_init__(self) -> None:
        if not self.base_url.endswith("/"):
            raise ValueError(f"Publisher.base_url must end with '/': {self.base_url!r}")
        if self.index_path.startswith("/") or (self.index_path and not self.index_path.endswith("/")):
            raise ValueError(f"Publisher.index_path is a path below base_url ending with '/': {self.index_path!r}")

    def index_url(self) -> str:
        """The bulletins index page."""
        return self.base_url + self.index_path

    def record_url(self, advisory: Advisory) -> str:
        """The record's own page (below the index)."""
        return self.index_url() + advisory.slug + "/"

    def export_url(self, relative: str) -> str:
        """An exported file's URL from its path relative to the index (``osv/CVE-….json``)."""
        return self.index_url() + relative.lstrip("/")

    @property
    def osv_prefix(self) -> str:
        """The OSV database prefix of this publisher's entries (``SPECTROCLOUD``): OSV ids are
        ``<database>-<entry>``, and the CVE and GHSA prefixes belong to those databases."""
        return "".join(character for character in self.name.upper() if character.isalnum()) or "VENDOR"

    def product_name(self, product: str) -> str:
        """A product's label (its id when the site does not name it)."""
        return self.products.get(product, product)


def timestamp(day: str) -> str:
    """A record's ``YYYY-MM-DD`` as the RFC 3339 instant every export writes: midnight UTC."""
    return f"{day}T00:00:00Z"


def last_modified(advisories: Iterable[Advisory]) -> str:
    """The newest ``modified`` date as an RFC 3339 instant (:data:`EPOCH` without records)."""
    days = [advisory.modified for advisory in advisories]
    return timestamp(max(days)) if days else EPOCH


def newest_modified_first(advisories: Iterable[Advisory]) -> list[Advisory]:
    """Most recently modified first; then most recently published, then by id (stable for equal dates)."""
    ordered = sorted(advisories, key=lambda advisory: advisory.id)
    ordered.sort(key=lambda advisory: (advisory.modified, advisory.published), reverse=True)
    return ordered
