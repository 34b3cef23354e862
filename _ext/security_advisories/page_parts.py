"""The parts of a record's page, as docutils nodes (the ``security-advisory`` directive).

Plain-text fields become text nodes, so nothing in a record can turn into markup;
the Markdown fields (details, remediation, workaround) are parsed by MyST, as the
rest of the site is. Links to other pages of this site and to the exported files
are :class:`site_link` nodes, resolved for each builder by :mod:`.site_links`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from docutils import nodes

from .records import (
    DEPLOYMENT_LABELS,
    JUSTIFICATION_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    Advisory,
    Release,
    Revision,
)
from .site_links import site_link

# a record's Markdown field (details, remediation, workaround), by name -> its nodes
MarkdownParser = Callable[[str], list[nodes.Node]]

NVD_URL = "https://nvd.nist.gov/vuln/detail/{}"
CWE_URL = "https://cwe.mitre.org/data/definitions/{}.html"
REFERENCE_LABELS = {
    "ADVISORY": "Advisory",
    "ARTICLE": "Article",
    "DETECTION": "Detection",
    "DISCUSSION": "Discussion",
    "REPORT": "Report",
    "FIX": "Fix",
    "INTRODUCED": "Introduced by",
    "GIT": "Git repository",
    "PACKAGE": "Package",
    "EVIDENCE": "Evidence",
    "WEB": "Web page",
}


def version_key(version: str) -> tuple[Any, ...]:
    """Versions in numeric order (4.4.9 before 4.4.18)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.-]", version))


def severity_badge(severity: str, score: float | None = None) -> nodes.inline:
    """The severity as text, coloured by its class (``advisory-severity-high``...)."""
    label = SEVERITY_LABELS.get(severity, "Unrated")
    text = f"{label} ({score:.1f})" if score is not None else label
    return nodes.inline(text, text, classes=["advisory-severity", f"advisory-severity-{severity.lower() or 'unrated'}"])


def status_text(record: Advisory) -> str:
    """The status in words (with the VEX justification when not affected)."""
    label = STATUS_LABELS.get(record.status, record.status)
    if record.status == "not_affected" and record.justification:
        return f"{label}: {JUSTIFICATION_LABELS[record.justification]}"
    return label


def release_label(release: Release, products: Mapping[str, str]) -> str:
    """``Palette VerteX (airgap) 4.4.14, 4.4.18``."""
    name = products.get(release.product, release.product)
    versions = ", ".join(sorted(release.versions, key=version_key))
    return f"{name} ({DEPLOYMENT_LABELS[release.deployment].lower()}) {versions}"


def _field(name: str, *body: nodes.Node | str) -> nodes.field:
    paragraph = nodes.paragraph()
    for part in body:
        paragraph += nodes.Text(part) if isinstance(part, str) else part
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", paragraph))


def _link(text: str, url: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=url)


def _joined(items: Iterable[nodes.Node | str], separator: str = ", ") -> list[nodes.Node | str]:
    out: list[nodes.Node | str] = []
    for item in items:
        if out:
            out.append(separator)
        out.append(item)
    return out


def overview(record: Advisory, products: Mapping[str, str]) -> list[nodes.Node]:
    """The record's facts as a field list: severity, status, dates, ids, package."""
    back = nodes.paragraph(
        "", "", site_link("All security bulletins", path=f"#{record.slug}"), classes=["advisory-back"]
    )
    fields = nodes.field_list(classes=["advisory-facts"])
    if record.cvss is not None and record.cvss.vector:
        fields += _field(
            "Severity", severity_badge(record.cvss.severity, record.cvss.score),
            f" CVSS {record.cvss.version} ", nodes.literal(record.cvss.vector, record.cvss.vector),
        )
    elif record.cvss is not None:
        version = f"CVSS {record.cvss.version} " if record.cvss.version else ""
        fields += _field(
            "Severity", severity_badge(record.cvss.severity, record.cvss.score),
            f" {version}base score as published (no vector is given)",
        )
    elif record.severity:
        fields += _field("Severity", severity_badge(record.severity), " (no CVSS vector)")
    fields += _field("Status", status_text(record))
    fields += _field("Published", record.published or "Not stated")
    fields += _field("Last modified", record.modified)
    if record.first_seen:
        fields += _field("First seen", record.first_seen)
    if record.aliases:
        fields += _field("Aliases", ", ".join(record.aliases))
    if record.cwe:
        fields += _field("Weakness", *_joined(_link(cwe, CWE_URL.format(cwe.split("-", 1)[1])) for cwe in record.cwe))
    if record.nist_severity:
        fields += _field("NIST severity", SEVERITY_LABELS[record.nist_severity])
    if record.vendor_severity:
        fields += _field("Vendor severity", SEVERITY_LABELS[record.vendor_severity])
    if record.package is not None:
        body: list[nodes.Node | str] = [record.package.name]
        if record.package.purl:
            body += [" ", nodes.literal(record.package.purl, record.package.purl)]
        fields += _field("Package", *body)
        if record.package.upstream_fix is not None:
            fields += _field("Upstream fix", "Released" if record.package.upstream_fix else "Not yet released")
    affected = sorted({products.get(release.product, release.product) for release in record.affected})
    if affected:
        fields += _field("Affected products", ", ".join(affected))
    return [back, fields]


def summary(record: Advisory, markdown: MarkdownParser) -> list[nodes.Node]:
    """The summary (plain text), then the details (Markdown)."""
    out: list[nodes.Node] = [nodes.paragraph(record.summary, record.summary)]
    if record.details:
        out += markdown("details")
    return out


def impact(record: Advisory, products: Mapping[str, str]) -> list[nodes.Node]:
    """A table of version by product and deployment, saying affected or fixed in each cell."""
    releases = [*record.affected, *record.fixed_in]
    if not releases:
        text = {
            "not_affected": f"No product release is affected ({status_text(record).split(': ', 1)[-1]}).",
            "under_investigation": "Whether any product release is affected is under investigation.",
        }.get(record.status, "No affected release is listed.")
        return [nodes.paragraph(text, text)]
    columns = list(dict.fromkeys((release.product, release.deployment) for release in releases))
    versions = sorted({version for release in releases for version in release.versions}, key=version_key)
    cells: dict[tuple[str, str, str], str] = {}
    for kind, listed in (("Affected", record.affected), ("Fixed", record.fixed_in)):
        for release in listed:
            for version in release.versions:
                cells[(release.product, release.deployment, version)] = kind
    table = nodes.table(classes=["advisory-impact"])
    group = nodes.tgroup(cols=len(columns) + 1)
    table += group
    for _ in range(len(columns) + 1):
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    header = nodes.row()
    head += header
    header += nodes.entry("", nodes.paragraph("Version", "Version"))
    for product, deployment in columns:
        label = f"{products.get(product, product)} ({DEPLOYMENT_LABELS[deployment].lower()})"
        header += nodes.entry("", nodes.paragraph(label, label))
    body = nodes.tbody()
    group += body
    for version in versions:
        row = nodes.row()
        body += row
        row += nodes.entry("", nodes.paragraph(version, version))
        for product, deployment in columns:
            state = cells.get((product, deployment, version), "")
            text = state or "Not listed"
            classes = [f"advisory-impact-{state.lower()}"] if state else ["advisory-impact-none"]
            row += nodes.entry("", nodes.paragraph(text, text), classes=classes)
    caption = f"Releases of {record.id} by product and deployment"
    table.insert(0, nodes.title(caption, caption))
    return [table]


def remediation(record: Advisory, products: Mapping[str, str], markdown: MarkdownParser) -> list[nodes.Node]:
    """Where it is fixed, then what to do."""
    out: list[nodes.Node] = []
    if record.fixed_in:
        items = nodes.bullet_list()
        for release in record.fixed_in:
            text = f"Fixed in {release_label(release, products)}"
            items += nodes.list_item("", nodes.paragraph(text, text))
        out.append(items)
    elif record.status == "will_not_fix":
        text = "No fix is planned."
        out.append(nodes.paragraph(text, text))
    if record.remediation:
        out += markdown("remediation")
    return out


def workaround(record: Advisory, markdown: MarkdownParser) -> list[nodes.Node]:
    """The workaround (Markdown)."""
    return markdown("workaround")


def references(record: Advisory, export_paths: Mapping[str, str]) -> list[nodes.Node]:
    """The NVD entry, the record's typed references, and its machine-readable forms."""
    items = nodes.bullet_list()
    urls = [reference.url for reference in record.references]
    if record.id.startswith("CVE-") and NVD_URL.format(record.id) not in urls:
        nvd = _link(record.id, NVD_URL.format(record.id))
        items += nodes.list_item("", nodes.paragraph("", "", nodes.Text("NVD: "), nvd))
    for reference in record.references:
        label = REFERENCE_LABELS[reference.type]
        link = _link(reference.url, reference.url)
        items += nodes.list_item("", nodes.paragraph("", "", nodes.Text(f"{label}: "), link))
    for label, path in export_paths.items():
        items += nodes.list_item("", nodes.paragraph("", "", site_link(label, path=path)))
    return [items]


def revision_sentence(revision: Revision) -> str:
    """One revision in words."""
    start = f"{revision.date}" + (f" (revision {revision.number})" if revision.number else "")
    parts = []
    old, new = revision.old, revision.new
    if revision.field == "status":  # the record's own words for its statuses
        old, new = STATUS_LABELS.get(str(old), old), STATUS_LABELS.get(str(new), new)
    if revision.field and (old is not None or new is not None or not revision.note):
        if old is not None and new is not None:
            parts.append(f"{revision.field} changed from {old} to {new}")
        elif new is not None:
            parts.append(f"{revision.field} set to {new}")
        elif old is not None:
            parts.append(f"{revision.field} ({old}) removed")
        else:
            parts.append(f"{revision.field} changed")
    if revision.note:
        parts.append(revision.note)
    text = "; ".join(parts) or "revised"
    return f"{start}: {text[0].upper()}{text[1:]}{'' if text.endswith('.') else '.'}"


def revisions(record: Advisory) -> list[nodes.Node]:
    """The revision history, oldest first, one sentence each."""
    items = nodes.bullet_list(classes=["advisory-revisions"])
    for revision in record.revisions:
        text = revision_sentence(revision)
        items += nodes.list_item("", nodes.paragraph(text, text))
    return [items]
