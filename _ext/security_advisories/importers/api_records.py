"""The live site's advisory API records (``https://dso.teams.spectrocloud.com/v1/advisories``).

The shape, and how the live site reads it, come from the public repository spectrocloud/librarium:

- ``src/components/CveReportsTable/CveReportsTable.tsx`` at commit
  06d6a954187c749b48f2a17c14717be8f0466009: the record's interface (``metadata``,
  ``spec.assessment``, ``spec.impact``, ``spec.remediation``, ``spec.revision``, ``status``), the
  ``data.json`` it reads (lists keyed by edition: palette, paletteAirgap, vertex, vertexAirgap)
  and its Status column (Open and Ongoing shown alike, Fixed and Closed alike);
- ``utils/cves/index.js`` at commit 81861417b41b2c4d90855b390d76182c1f865898: the report page
  it writes per record (Initial Publication = ``metadata.advCreatedTimestamp``, Last Update =
  ``metadata.advLastModifiedTimestamp``, NIST CVE Summary = ``metadata.summary``, Our Official
  Summary = ``spec.assessment.justification``, Third Party Dependency =
  ``spec.assessment.thirdParty.dependentPackage``, Status = ``status.status``, no affected table
  when ``spec.impact.isImpacting`` is false), and that it publishes only records with
  ``metadata.shouldPublish`` and leaves ``kind: os`` records (OS image notices) to other pages;
- ``utils/helpers/cveHelpers.js`` at commit 0eef5836e17e5ba45a29d4cbf569ff85ca4f099e
  (``generateCVEMap``): a product is affected when ``impactedProducts.<product>`` is true, in the
  airgap deployment when ``impactedDeployments.airgap`` is true and otherwise connected, at the
  ``impactedVersions``;
- ``utils/helpers/revision-history.js`` at commit 7eae3fd7aaea02f90e3bdd8de943d1bdea03ff8d: a
  revision is ``{revisionTimestamp, revisedField, revisedFrom, revisedTo}``;
- ``utils/helpers/date.js`` at commit 35935a8c215efe48a9b5acf39defcc1e0c8ac434: a timestamp is
  shown as its UTC day.

Mapping (API field -> record field):

- ``metadata.cve`` -> ``id``; ``metadata.summary`` -> ``summary``; ``metadata.nistSeverity`` ->
  ``severity.nist``; ``metadata.advCreatedTimestamp`` -> ``published``;
  ``metadata.advLastModifiedTimestamp`` -> ``modified``
- ``metadata.cvssScore`` -> ``cvss.score``, without a vector or a version (the API gives neither;
  0, the API's empty value, is reported and not mapped)
- ``spec.assessment.justification`` (free text, not a VEX justification) -> ``details``
- ``spec.assessment.thirdParty.dependentPackage`` -> ``package.name``,
  ``isUpstreamFixAvailable`` -> ``package.upstream_fix``
- ``spec.impact`` (products, deployments, versions; ``isImpacting``) -> ``affected``
- ``spec.remediation.remediationSteps`` -> ``remediation``
- ``spec.revision[]`` -> ``revisions`` {date, field, from, to}
- ``status.status``: Open and Ongoing -> ``open``, Fixed and Closed -> ``fixed``
- the NVD page the live site links for a CVE id -> ``references`` (ADVISORY; reported as derived)

Not mapped, and reported when set: ``metadata.uid``, ``trivySeverity`` and ``grypeSeverity``
(scanners' severities), the CVE's own NVD dates (``cvePublishedTimestamp``,
``cveLastModifiedTimestamp``) and ``cveLastSeenTimestamp``, ``spec.assessment.impact`` and
``severity``, ``thirdParty.dependencyNote``, the image and component lists, ``technicalDetails``,
``remediation.isRemediationAvailable`` and ``status.state``. The API gives no title: ``title``
stays empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from . import STATUS_MAP, Imported, Note, add_release, add_score, advisory_id, cvss_score, iso_date, short

SOURCE = "API record"
SEVERITIES = ("NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL")
NVD_URL = "https://nvd.nist.gov/vuln/detail/{}"

# revisedField (the API's field path) -> the record field it is
_REVISED_FIELDS = {
    "spec.assessment.justification": "details",
    "metadata.nistSeverity": "severity.nist",
    "metadata.summary": "summary",
    "spec.impact.impactedVersions": "affected",
    "status.status": "status",
    "spec.remediation.remediationSteps": "remediation",
}


class JsonError(ValueError):
    """A file that is not JSON."""


def load_json(path: Path, text: str) -> Any:
    """The file's data, with line numbers where they can be had (raises :class:`JsonError`)."""
    try:
        plain = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonError(f"{path}:{error.lineno}: not JSON ({error.msg})") from None
    try:
        # JSON is YAML: ruamel's round-trip nodes know the line of every key
        return YAML(typ="rt", pure=True).load(text)
    except (YAMLError, ValueError, RecursionError):
        return plain


def records_of(data: Any) -> Iterator[tuple[Any, int, str]]:
    """(record, 1-based line, edition) of a list, one record, or lists keyed by edition (data.json)."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield item, _line(data, index), ""
    elif isinstance(data, Mapping) and ("metadata" in data or "spec" in data):
        yield data, 1, ""
    elif isinstance(data, Mapping):
        for key, value in data.items():
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                yield item, _line(value, index) if isinstance(value, list) else _line(data, key), str(key)


def import_api_records(path: Path, text: str) -> tuple[list[Imported], list[Note]]:
    """One record per API record (several may share an id: one per edition), and notes about the file."""
    data = load_json(path, text)
    records: list[Imported] = []
    notes: list[Note] = []
    for item, line, edition in records_of(data):
        imported, skipped = _record(path, item, line, edition)
        if imported is not None:
            records.append(imported)
        if skipped:
            notes.append(Note("skipped", skipped, path, line))
    return records, notes


def _line(node: Any, key: Any) -> int:
    lines = getattr(node, "lc", None)
    if lines is None:
        return 0
    try:
        return int((lines.key(key) if isinstance(node, Mapping) else lines.item(key))[0]) + 1
    except (KeyError, IndexError, TypeError):
        return 0


class _Reader:
    """One API record: values by dotted path, the line of each, and which paths were used."""

    def __init__(self, node: Mapping[str, Any], line: int) -> None:
        self.node = node
        self.line = line
        self.used: set[str] = set()

    def get(self, dotted: str, use: bool = True) -> Any:
        node: Any = self.node
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return None
            node = node[part]
        if use:
            self.used.add(dotted)
        return node

    def text(self, dotted: str) -> str:
        value = self.get(dotted)
        return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""

    def line_of(self, dotted: str) -> int:
        *parents, last = dotted.split(".")
        node: Any = self.node
        for part in parents:
            if not isinstance(node, Mapping) or part not in node:
                return self.line
            node = node[part]
        return _line(node, last) or self.line

    def leaves(self, node: Any = None, prefix: str = "") -> Iterator[tuple[str, Any]]:
        node = self.node if node is None else node
        for key, value in node.items():
            dotted = f"{prefix}{key}"
            if isinstance(value, Mapping) and value:
                yield from self.leaves(value, dotted + ".")
            else:
                yield dotted, value


def _record(path: Path, node: Any, line: int, edition: str) -> tuple[Imported | None, str]:
    if not isinstance(node, Mapping) or not isinstance(node.get("metadata"), Mapping):
        return None, "not an advisory record of the API's shape (no metadata)"
    reader = _Reader(node, line)
    found = advisory_id(reader.text("metadata.cve"))
    if found is None:
        return None, f"metadata.cve {short(reader.text('metadata.cve'))} is not a CVE or GHSA id"
    if reader.get("kind") == "os":
        return None, f"{found}: kind os, an OS image notice (the live site lists those apart)"
    if reader.get("metadata.shouldPublish") is False:
        return None, f"{found}: metadata.shouldPublish is false (the live site does not publish it)"
    imported = Imported({"id": found}, path, line, f"{SOURCE} ({edition})" if edition else SOURCE)
    record = imported.record
    if found.startswith("CVE-"):
        record["references"] = [{"type": "ADVISORY", "url": NVD_URL.format(found)}]
        imported.note("derived", "references: the NVD page the live site links for the id", line)
    _texts(imported, reader)
    _dates(imported, reader)
    _package(imported, reader)
    _affected(imported, reader)
    _revisions(imported, reader)
    _status(imported, reader)
    for dotted, value in reader.leaves():
        if dotted not in reader.used and value not in (None, "", False) and value != [] and value != {}:
            imported.note("unmapped", f"{dotted} = {_json_text(value)}", reader.line_of(dotted))
    imported.recency = (record.get("modified", record.get("published", "")), 0)
    return imported, ""


def _json_text(value: Any, limit: int = 70) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _texts(imported: Imported, reader: _Reader) -> None:
    record = imported.record
    for dotted, field in (("metadata.summary", "summary"), ("spec.assessment.justification", "details"),
                          ("spec.remediation.remediationSteps", "remediation")):
        value = reader.text(dotted)
        if value:
            record[field] = value
            imported.lines[field] = reader.line_of(dotted)
    severity = reader.text("metadata.nistSeverity").upper()
    if severity in SEVERITIES:
        record["severity"] = {"nist": severity}
        imported.lines["severity"] = reader.line_of("metadata.nistSeverity")
    elif severity:
        reader.used.discard("metadata.nistSeverity")
    _score(imported, reader)


def _score(imported: Imported, reader: _Reader) -> None:
    value = reader.get("metadata.cvssScore", use=False)
    if value is None or value == "" or isinstance(value, bool):
        return
    line = reader.line_of("metadata.cvssScore")
    score = cvss_score(str(value)) if isinstance(value, (str, int, float)) else None
    reader.used.add("metadata.cvssScore")
    if score is None:
        imported.note("unmapped", f"metadata.cvssScore = {_json_text(value)}: not a CVSS score (0-10); cvss left "
                                  "empty", line)
    elif score == 0:
        imported.note("unmapped", "metadata.cvssScore = 0: the API's empty value, not taken as a score; cvss left "
                                  "empty", line)
    else:
        add_score(imported, score, f"metadata.cvssScore {_json_text(value)}", line)


def _dates(imported: Imported, reader: _Reader) -> None:
    for dotted, field in (("metadata.advCreatedTimestamp", "published"),
                          ("metadata.advLastModifiedTimestamp", "modified")):
        value = reader.text(dotted)
        day = iso_date(value) if value else None
        if day is not None:
            imported.record[field] = day
            imported.lines[field] = reader.line_of(dotted)
        elif value:
            reader.used.discard(dotted)


def _package(imported: Imported, reader: _Reader) -> None:
    name = reader.text("spec.assessment.thirdParty.dependentPackage")
    reader.get("spec.assessment.thirdParty.isDependentOnThirdParty")
    if not name:
        if reader.get("spec.assessment.thirdParty.isDependentOnThirdParty") is True:
            imported.note("unmapped", "isDependentOnThirdParty is true but no dependentPackage names the package",
                          reader.line_of("spec.assessment.thirdParty.isDependentOnThirdParty"))
        return
    package: dict[str, Any] = {"name": name}
    upstream = reader.get("spec.assessment.thirdParty.isUpstreamFixAvailable")
    if isinstance(upstream, bool):
        package["upstream_fix"] = upstream
    imported.record["package"] = package
    imported.lines["package"] = reader.line_of("spec.assessment.thirdParty.dependentPackage")


def _affected(imported: Imported, reader: _Reader) -> None:
    products = reader.get("spec.impact.impactedProducts") or {}
    deployments = reader.get("spec.impact.impactedDeployments") or {}
    versions = [str(version) for version in reader.get("spec.impact.impactedVersions") or ()]
    for key in [*products, *deployments]:
        reader.used.update({f"spec.impact.impactedProducts.{key}", f"spec.impact.impactedDeployments.{key}"})
    line = reader.line_of("spec.impact.impactedProducts")
    if reader.get("spec.impact.isImpacting") is False:
        imported.note("unmapped", "spec.impact.isImpacting is false: the live site shows the CVE as non-impacting; "
                                  "affected left empty (no status or justification is derived from it)",
                      reader.line_of("spec.impact.isImpacting"))
        return
    # cveHelpers.generateCVEMap: the airgap flag decides the deployment, whatever the connected flag says
    deployment = "airgap" if deployments.get("airgap") is True else "connected"
    if deployments.get("airgap") is True and deployments.get("connected") is True:
        imported.note("warning", "both deployments are flagged: listed as airgap, as the live site does", line)
    releases: list[dict[str, Any]] = []
    for product in ("palette", "vertex"):
        if products.get(product) is not True:
            continue
        if not versions:
            imported.note("unmapped", f"impactedProducts.{product} is true but impactedVersions is empty", line)
            continue
        add_release(releases, product, deployment, versions)
    for product, flagged in products.items():
        if product not in ("palette", "vertex") and flagged is True:
            reader.used.discard(f"spec.impact.impactedProducts.{product}")
    if releases:
        imported.record["affected"] = releases
        imported.lines["affected"] = line


def _revisions(imported: Imported, reader: _Reader) -> None:
    items = reader.get("spec.revision")
    if not isinstance(items, list):
        return
    revisions: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        line = _line(items, index) or reader.line_of("spec.revision")
        if not isinstance(item, Mapping):
            imported.note("unmapped", f"spec.revision[{index}] {short(item)}", line)
            continue
        day = iso_date(str(item.get("revisionTimestamp", "")))
        if day is None:
            imported.note("unmapped", f"spec.revision[{index}]: revisionTimestamp "
                                      f"{short(item.get('revisionTimestamp'))} is not a timestamp", line)
            continue
        revised = str(item.get("revisedField", ""))
        # the API's own values: Open -> Ongoing would read open -> open in the record's terms
        old, new = item.get("revisedFrom"), item.get("revisedTo")
        field = _REVISED_FIELDS.get(revised)
        revision: dict[str, Any] = {"date": day}
        if field is not None:
            revision.update({"field": field, "from": _scalar(old), "to": _scalar(new)})
        else:
            # a change to a field the record does not have: kept in words, not as a record field
            revision["note"] = f"{revised or 'a field'} changed from {_scalar(old)} to {_scalar(new)}"
        revisions.append(revision)
    if revisions:
        imported.record["revisions"] = sorted(revisions, key=lambda revision: revision["date"])
        imported.lines["revisions"] = reader.line_of("spec.revision")


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def _status(imported: Imported, reader: _Reader) -> None:
    text = reader.text("status.status")
    status = STATUS_MAP.get(text.lower())
    if status is None:
        reader.used.discard("status.status")
        return
    imported.record["status"] = status
    imported.lines["status"] = reader.line_of("status.status")
    imported.note("mapped", f"status.status {short(text)} -> {status} (the live site shows them alike)",
                  imported.lines["status"])
