"""One OSV document (schema 1.6) per advisory record.

How a vendor's record maps onto OSV, and why:

* ``id`` is ``<publisher prefix>-<record id>`` (``SPECTROCLOUD-CVE-2023-44487``): an OSV id
  names its database first, and the CVE and GHSA prefixes are those databases'. The record's
  id is the first alias, so a scanner joins this entry to the CVE's. The file keeps the
  record's id as its name (``osv/CVE-2023-44487.json``), the link the bulletin page shows.
* ``affected[].package`` must name a package in one of OSV's defined ecosystems, and its
  ``versions`` are that package's versions. Palette and Palette VerteX are not packages of
  any OSV ecosystem, and their release numbers are not versions of the vulnerable code.
  So the affected package is the third-party package the vulnerability is in, taken from
  the record's purl when its type maps to an OSV ecosystem (``pkg:golang/...`` -> ``Go``),
  with ``versions`` holding the purl's version (the one the affected releases ship). There
  is one entry per product x deployment, each naming its Palette releases in
  ``database_specific``. Without a purl of a known ecosystem there is no honest
  ``affected`` entry, so there is none, and the releases are only in ``database_specific``.
* Entries are written only for statuses that mean the releases are affected (open, fixed,
  will_not_fix): an entry for a release still under investigation, or not affected, would
  tell a scanner it is vulnerable.
* ``aliases`` are the record's other ids of the same vulnerability; since the affected
  package is the upstream one, they are aliases in OSV's sense, not upstream ids.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import unquote

from .publisher import Publisher, timestamp
from .records import Advisory, Release

OSV_SCHEMA_VERSION = "1.6.2"
SEVERITY_TYPES = {"2.0": "CVSS_V2", "3.0": "CVSS_V3", "3.1": "CVSS_V3", "4.0": "CVSS_V4"}
AFFECTING = frozenset({"open", "fixed", "will_not_fix"})

# purl type -> OSV ecosystem (names as in the OSV spec's list of defined ecosystems)
PURL_ECOSYSTEMS = {
    "cargo": "crates.io",
    "composer": "Packagist",
    "conan": "ConanCenter",
    "cran": "CRAN",
    "gem": "RubyGems",
    "golang": "Go",
    "hackage": "Hackage",
    "hex": "Hex",
    "maven": "Maven",
    "npm": "npm",
    "nuget": "NuGet",
    "pub": "Pub",
    "pypi": "PyPI",
}


@dataclasses.dataclass(frozen=True)
class Purl:
    """The parts of a package URL that OSV needs."""

    type: str
    namespace: str
    name: str
    version: str
    unversioned: str


def parse_purl(purl: str) -> Purl | None:
    """``pkg:type/namespace/name@version?qualifiers#subpath``, or None for what is not a purl."""
    if not purl.startswith("pkg:"):
        return None
    rest, hash_mark, subpath = purl[4:].lstrip("/").partition("#")
    rest, question, qualifiers = rest.partition("?")
    path, at, version = rest.rpartition("@")
    if not at or "/" in version:  # an '@' inside the namespace (unencoded npm scope) is no version
        path, version = rest, ""
    kind, _, remainder = path.partition("/")
    namespace, _, name = remainder.rpartition("/")
    if not kind or not name:
        return None
    unversioned = f"pkg:{path}{question}{qualifiers}{hash_mark}{subpath}"
    return Purl(kind.lower(), unquote(namespace), unquote(name), unquote(version), unversioned)


def osv_package(purl: Purl) -> dict[str, str] | None:
    """OSV's ``package`` for a purl of a known ecosystem, else None."""
    ecosystem = PURL_ECOSYSTEMS.get(purl.type)
    if ecosystem is None:
        return None
    if purl.type in ("golang", "npm", "composer") and purl.namespace:
        name = f"{purl.namespace}/{purl.name}"
    elif purl.type == "maven" and purl.namespace:
        name = f"{purl.namespace}:{purl.name}"
    else:
        name = purl.name
    return {"ecosystem": ecosystem, "name": name, "purl": purl.unversioned}


def _release(release: Release, publisher: Publisher) -> dict[str, Any]:
    return {
        "product": release.product,
        "product_name": publisher.product_name(release.product),
        "deployment": release.deployment,
        "versions": list(release.versions),
    }


def _affected(advisory: Advisory, publisher: Publisher) -> list[dict[str, Any]]:
    if advisory.status not in AFFECTING or advisory.package is None:
        return []
    purl = parse_purl(advisory.package.purl)
    package = osv_package(purl) if purl else None
    if purl is None or package is None:
        return []
    fixed = {(release.product, release.deployment): release.versions for release in advisory.fixed_in}
    entries = []
    for release in advisory.affected:
        entry: dict[str, Any] = {"package": package}
        if purl.version:
            entry["versions"] = [purl.version]
        entry["database_specific"] = {
            "product": release.product,
            "product_name": publisher.product_name(release.product),
            "deployment": release.deployment,
            "product_versions": list(release.versions),
            "fixed_in_product_versions": list(fixed.get((release.product, release.deployment), ())),
        }
        entries.append(entry)
    return entries


def _database_specific(advisory: Advisory, publisher: Publisher) -> dict[str, Any]:
    specific: dict[str, Any] = {"url": publisher.record_url(advisory), "status": advisory.status or None}
    if advisory.justification:
        specific["justification"] = advisory.justification
    specific["affected_releases"] = [_release(release, publisher) for release in advisory.affected]
    specific["fixed_in"] = [_release(release, publisher) for release in advisory.fixed_in]
    if advisory.cwe:
        specific["cwe_ids"] = list(advisory.cwe)
    if advisory.severity:
        specific["severity"] = advisory.severity
    if advisory.cvss is not None:
        specific["cvss"] = {
            "version": advisory.cvss.version,
            "vector": advisory.cvss.vector,
            "score": advisory.cvss.score,
            "severity": advisory.cvss.severity,
        }
    if advisory.package is not None:
        package: dict[str, Any] = {"name": advisory.package.name}
        if advisory.package.purl:
            package["purl"] = advisory.package.purl
        if advisory.package.upstream_fix is not None:
            package["upstream_fix"] = advisory.package.upstream_fix
        specific["package"] = package
    return specific


def _references(advisory: Advisory, publisher: Publisher) -> list[dict[str, str]]:
    page = publisher.record_url(advisory)
    references = [{"type": "ADVISORY", "url": page}]
    references += [{"type": ref.type, "url": ref.url} for ref in advisory.references if ref.url != page]
    return references


def osv_document(advisory: Advisory, publisher: Publisher) -> dict[str, Any]:
    """The record as an OSV document (a JSON object; keys in a fixed order)."""
    document: dict[str, Any] = {
        "schema_version": OSV_SCHEMA_VERSION,
        "id": f"{publisher.osv_prefix}-{advisory.id}",
        "modified": timestamp(advisory.modified),
    }
    if advisory.published:  # OSV's published is optional: left out when the source does not say
        document["published"] = timestamp(advisory.published)
    # the record's own id is an alias: it names the same vulnerability in the CVE (or GHSA) database
    document["aliases"] = [advisory.id, *advisory.aliases]
    if advisory.title:
        document["summary"] = advisory.title
    document["details"] = "\n\n".join(part for part in (advisory.summary, advisory.details) if part)
    if advisory.cvss is not None and advisory.cvss.vector:  # OSV severity is a vector; a bare score is not one
        document["severity"] = [{"type": SEVERITY_TYPES[advisory.cvss.version], "score": advisory.cvss.vector}]
    affected = _affected(advisory, publisher)
    if affected:
        document["affected"] = affected
    document["references"] = _references(advisory, publisher)
    document["database_specific"] = _database_specific(advisory, publisher)
    return document
