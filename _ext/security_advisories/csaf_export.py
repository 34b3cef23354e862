"""One CSAF 2.0 VEX document per advisory record, and the provider metadata.

The document follows the ``csaf_vex`` profile (CSAF 2.0 section 4.5): a product tree,
one vulnerability with ``cve`` or ``ids``, notes and product status; a flag (the
record's justification) and an impact threat for every product known not affected;
a remediation for every product known affected.

Products: vendor -> one ``product_name`` branch per product x deployment -> one
``product_version`` branch per release, ids like ``palette-connected-4.4.18``. A
record that names no release (not affected, or still under investigation, as a
whole) speaks of every product of the site, as product-level entries (``palette``).

Status: open and will_not_fix -> known_affected; under_investigation ->
under_investigation; fixed -> known_affected for the affected releases and fixed for
the fixing ones; not_affected -> known_not_affected.

What CSAF 2.0 cannot carry is said in notes instead: a CVSS v4.0 score (the schema
knows CVSS v2 and v3 only) and CWE ids (``cwe`` needs the weakness's official name,
which records do not have).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from .exports_layout import PROVIDER_METADATA, csaf_path
from .publisher import Publisher, last_modified, timestamp
from .records import DEPLOYMENT_LABELS, JUSTIFICATION_LABELS, SEVERITY_LABELS, STATUS_LABELS, Advisory, Release

CSAF_VERSION = "2.0"
# the bulletins are public: TLP:WHITE is CSAF 2.0's label for that
TLP_LABEL, TLP_URL = "WHITE", "https://www.first.org/tlp/"
CVE_ID = re.compile(r"^CVE-[0-9]{4}-[0-9]{4,}$")
ID_SYSTEMS = {"GHSA": "GitHub Security Advisories", "GO": "Go Vulnerability Database"}
PRIMARY_STATUS = {
    "open": "known_affected",
    "under_investigation": "under_investigation",
    "fixed": "known_affected",
    "not_affected": "known_not_affected",
    "will_not_fix": "known_affected",
}
STATUS_GROUPS = ("fixed", "known_affected", "known_not_affected", "under_investigation")
NO_FIX_PLANNED = "No fix is planned for the affected releases."
NO_FIX_YET = "No fixed release is available yet; this document will be updated when one is."


@dataclasses.dataclass(frozen=True)
class Subject:
    """One product the document speaks of: a release, or a whole product (empty deployment and version)."""

    product_id: str
    product: str
    deployment: str = ""
    version: str = ""


def product_id(product: str, deployment: str = "", version: str = "") -> str:
    """``palette-connected-4.4.18``; ``palette`` for the product as a whole."""
    return "-".join(part for part in (product, deployment, version) if part)


def _release_ids(releases: Iterable[Release]) -> list[str]:
    return [product_id(r.product, r.deployment, version) for r in releases for version in r.versions]


def subjects(advisory: Advisory, publisher: Publisher) -> list[Subject]:
    """Every release the record names, in order of mention; else every product of the site."""
    found: dict[str, Subject] = {}
    for release in (*advisory.affected, *advisory.fixed_in):
        for version in release.versions:
            key = product_id(release.product, release.deployment, version)
            found.setdefault(key, Subject(key, release.product, release.deployment, version))
    if not found:
        found = {key: Subject(key, key) for key in publisher.products}
    return list(found.values())


def _product_tree(items: list[Subject], publisher: Publisher) -> dict[str, Any]:
    groups: dict[tuple[str, str], list[Subject]] = {}
    for item in items:
        groups.setdefault((item.product, item.deployment), []).append(item)
    branches: list[dict[str, Any]] = []
    for (product, deployment), members in groups.items():
        label = publisher.product_name(product)
        if not deployment:
            whole = {"name": f"{publisher.name} {label}", "product_id": members[0].product_id}
            branches.append({"category": "product_name", "name": label, "product": whole})
            continue
        where = DEPLOYMENT_LABELS.get(deployment, deployment)
        versions = [
            {"category": "product_version", "name": member.version, "product": {
                "name": f"{publisher.name} {label} {member.version} ({where})", "product_id": member.product_id,
            }}
            for member in members
        ]
        branches.append({"category": "product_name", "name": f"{label} ({where})", "branches": versions})
    return {"branches": [{"category": "vendor", "name": publisher.name, "branches": branches}]}


def product_status(advisory: Advisory, items: list[Subject]) -> dict[str, list[str]]:
    """CSAF product status groups of the record (only non-empty ones, in the schema's order)."""
    everything = [item.product_id for item in items]
    # a record whose source states no status: what it lists as affected is known_affected, and
    # otherwise nothing is known yet (CSAF's under_investigation)
    primary = PRIMARY_STATUS.get(advisory.status) or ("known_affected" if advisory.affected else "under_investigation")
    fixed = _release_ids(advisory.fixed_in)
    affected = [key for key in _release_ids(advisory.affected) if key not in fixed]
    if advisory.status == "not_affected":
        groups = {primary: everything}
    elif not advisory.affected and not advisory.fixed_in:
        groups = {"fixed" if advisory.status == "fixed" else primary: everything}
    else:
        groups = {primary: affected, "fixed": fixed}
    return {name: list(dict.fromkeys(groups[name])) for name in STATUS_GROUPS if groups.get(name)}


def _remediations(advisory: Advisory, status: dict[str, list[str]], publisher: Publisher) -> list[dict[str, Any]]:
    affected = status.get("known_affected", [])
    if not affected:
        return []
    if advisory.status == "will_not_fix":
        remedies = [{"category": "no_fix_planned", "details": advisory.remediation or NO_FIX_PLANNED}]
    elif advisory.fixed_in:
        upgrade = "; ".join(
            f"{publisher.product_name(r.product)} ({DEPLOYMENT_LABELS.get(r.deployment, r.deployment)}) "
            + ", ".join(r.versions) for r in advisory.fixed_in
        )
        remedies = [{
            "category": "vendor_fix", "details": advisory.remediation or f"Upgrade to a fixed release: {upgrade}.",
            "url": publisher.record_url(advisory),
        }]
    else:
        remedies = [{"category": "none_available", "details": advisory.remediation or NO_FIX_YET}]
    if advisory.workaround:
        remedies.append({"category": "workaround", "details": advisory.workaround})
    return [{**remedy, "product_ids": affected} for remedy in remedies]


def _scores(advisory: Advisory, status: dict[str, list[str]]) -> list[dict[str, Any]]:
    rating = advisory.cvss
    products = [*status.get("known_affected", []), *status.get("under_investigation", [])]
    if rating is None or not rating.vector or not products:
        return []  # a score stated without its vector is in a note: CSAF's CVSS objects need the vector
    if rating.version in ("3.0", "3.1"):
        score = {"version": rating.version, "vectorString": rating.vector, "baseScore": rating.score,
                 "baseSeverity": rating.severity}
        return [{"cvss_v3": score, "products": products}]
    if rating.version == "2.0":
        return [{"cvss_v2": {"version": "2.0", "vectorString": rating.vector, "baseScore": rating.score},
                 "products": products}]
    return []  # CVSS v4.0: CSAF 2.0 has no place for it; it is in a note


def _notes(advisory: Advisory) -> list[dict[str, str]]:
    notes = [{"category": "summary", "title": "Summary", "text": advisory.summary}]
    if advisory.details:
        notes.append({"category": "details", "title": "Assessment", "text": advisory.details})
    rating = advisory.cvss
    if rating is not None and not rating.vector:
        notes.append({"category": "other", "title": "CVSS base score", "text": (
            f"Base score {rating.score} ({SEVERITY_LABELS.get(rating.severity, rating.severity)}) as published; "
            "the source gives no vector."
        )})
    elif rating is not None and rating.version not in ("2.0", "3.0", "3.1"):
        notes.append({"category": "other", "title": f"CVSS v{rating.version}", "text": (
            f"Base score {rating.score} ({SEVERITY_LABELS.get(rating.severity, rating.severity)}): {rating.vector}. "
            f"CSAF {CSAF_VERSION} has no field for CVSS v{rating.version} scores."
        )})
    if advisory.cwe:
        notes.append({"category": "other", "title": "Weaknesses", "text": ", ".join(advisory.cwe)})
    return notes


def _identifiers(advisory: Advisory) -> dict[str, Any]:
    names = [advisory.id, *advisory.aliases]
    cve = next((name for name in names if CVE_ID.match(name)), "")
    ids = [{"system_name": ID_SYSTEMS.get(name.split("-", 1)[0], name.split("-", 1)[0]), "text": name}
           for name in names if name != cve]
    found: dict[str, Any] = {"cve": cve} if cve else {}
    if ids:
        found["ids"] = ids
    return found


def _vulnerability(advisory: Advisory, items: list[Subject], publisher: Publisher) -> dict[str, Any]:
    status = product_status(advisory, items)
    vulnerability: dict[str, Any] = {**_identifiers(advisory), "title": advisory.title or advisory.id,
                                     "notes": _notes(advisory)}
    vulnerability["product_status"] = status
    not_affected = status.get("known_not_affected", [])
    if not_affected and advisory.justification:
        vulnerability["flags"] = [{"label": advisory.justification, "product_ids": not_affected}]
        reason = JUSTIFICATION_LABELS.get(advisory.justification, advisory.justification)
        vulnerability["threats"] = [{"category": "impact", "details": f"Not affected: {reason}.",
                                     "product_ids": not_affected}]
    remediations = _remediations(advisory, status, publisher)
    if remediations:
        vulnerability["remediations"] = remediations
    scores = _scores(advisory, status)
    if scores:
        vulnerability["scores"] = scores
    page = publisher.record_url(advisory)
    references = [{"category": "external", "summary": f"{publisher.name} security bulletin", "url": page}]
    references += [{"category": "external", "summary": f"{ref.type.capitalize()} reference", "url": ref.url}
                   for ref in advisory.references if ref.url != page]
    vulnerability["references"] = references
    return vulnerability


def _revision_summary(field: str, old: Any, new: Any) -> str:
    labels = STATUS_LABELS if field == "status" else {}
    return f"{field.replace('_', ' ').capitalize()} changed from {labels.get(old, old)} to {labels.get(new, new)}."


def revision_history(advisory: Advisory) -> list[dict[str, str]]:
    """The record's revisions, numbered 1, 2, ... unless the record already numbers them so.

    CSAF version numbers are integers or semantic versions without gaps; records number
    revisions as published (``1.0``, ``2.0``), so those become ``legacy_version``.
    """
    revisions = sorted(advisory.revisions, key=lambda revision: revision.date)
    if not revisions:
        history = [{"date": timestamp(advisory.published or advisory.modified), "number": "1",
                    "summary": "Initial version."}]
        if advisory.published and advisory.modified != advisory.published:
            history.append({"date": timestamp(advisory.modified), "number": "2", "summary": "Updated."})
        return history
    keep = [revision.number for revision in revisions] == [str(n) for n in range(1, len(revisions) + 1)]
    history = []
    for n, revision in enumerate(revisions, start=1):
        if revision.note:
            summary = revision.note
        elif revision.field:
            summary = _revision_summary(revision.field, revision.old, revision.new)
        else:
            summary = "Revised."
        item = {"date": timestamp(revision.date), "number": str(n)}
        if revision.number and not keep:
            item["legacy_version"] = revision.number
        item["summary"] = summary
        history.append(item)
    if revisions[-1].date < advisory.modified:
        # the record changed after its last listed revision: a new version, so a consumer that
        # keys on id and version sees the change (and current_release_date is never older)
        history.append({"date": timestamp(advisory.modified), "number": str(len(history) + 1), "summary": "Updated."})
    return history


def _publisher_block(publisher: Publisher) -> dict[str, str]:
    return {"category": "vendor", "name": publisher.name, "namespace": publisher.namespace}


def csaf_vex_document(advisory: Advisory, publisher: Publisher) -> dict[str, Any]:
    """The record as a CSAF 2.0 document of category ``csaf_vex`` (a JSON object; keys in a fixed order)."""
    history = revision_history(advisory)
    page = publisher.record_url(advisory)
    items = subjects(advisory, publisher)
    document = {
        "category": "csaf_vex",
        "csaf_version": CSAF_VERSION,
        "distribution": {"tlp": {"label": TLP_LABEL, "url": TLP_URL}},
        "lang": publisher.language,
        "notes": [{"category": "general", "title": "About this document", "text": (
            f"{publisher.name}'s statement of which of its product releases {advisory.id} affects. "
            f"The security bulletin: {page}"
        )}],
        "publisher": _publisher_block(publisher),
        "references": [
            {"category": "self", "summary": "This document", "url": publisher.export_url(csaf_path(advisory))},
            {"category": "external", "summary": "Security bulletin", "url": page},
        ],
        "title": advisory.heading,
        "tracking": {
            "current_release_date": timestamp(advisory.modified),
            "id": advisory.id,
            "initial_release_date": timestamp(advisory.published or advisory.modified),
            "revision_history": history,
            "status": "final",
            "version": history[-1]["number"],
        },
    }
    return {
        "document": document,
        "product_tree": _product_tree(items, publisher),
        "vulnerabilities": [_vulnerability(advisory, items, publisher)],
    }


def provider_metadata(
    publisher: Publisher, documents_url: str, advisories: Iterable[Advisory] = (),
) -> dict[str, Any]:
    """``/.well-known/csaf/provider-metadata.json``: a CSAF publisher with one directory of documents.

    ``last_updated`` is the newest record's modified date (never the build's clock);
    without ``advisories`` it is the fixed :data:`~.publisher.EPOCH`.
    """
    return {
        "canonical_url": publisher.base_url + PROVIDER_METADATA,
        "distributions": [{"directory_url": documents_url}],
        "last_updated": last_modified(advisories),
        # the documents sit in one folder, without the year folders, index.txt, changes.csv, hashes
        # and signatures an aggregator expects: not offered to aggregators
        "list_on_CSAF_aggregators": False,
        "metadata_version": CSAF_VERSION,
        "mirror_on_CSAF_aggregators": False,
        "publisher": _publisher_block(publisher),
        "role": "csaf_publisher",
    }
