"""The live site's per-CVE report pages (``security-bulletins/reports/<id>.md``), both layouts.

The section layout has one ``##`` section per field (CVE Details, Last Update, NIST CVE Summary,
Our Official Summary, CVE Severity, Status, Affected Products & Versions, Revision History; the
pages the live site generates now also have Initial Publication and Third Party Dependency).
The single-table layout is one table with the columns CVE ID, Last Update, NIST CVE Summary,
Official Summary, CVE Severity and Status, one row per CVE.

Mapping (section or column -> record field):

- CVE Details / CVE ID: the link's text -> ``id``; its URL -> ``references`` (NVD: ADVISORY)
- Last Update -> ``modified``; Initial Publication -> ``published``; else the earliest revision's
  date -> ``published`` (reported as derived)
- NIST CVE Summary -> ``summary`` (plain text); Our Official Summary / Official Summary -> ``details``
  (Markdown as written)
- Status: Ongoing and Open -> ``open``, Fixed and Closed -> ``fixed`` (as the live site groups them)
- Affected Products & Versions: ``Palette VerteX airgap 4.4.14, 4.4.18`` -> ``affected``
  (Palette Enterprise: palette, Palette VerteX: vertex; airgap in the line: airgap, else connected)
- Revision History: ``1.0 08/16/2024 Initial Publication`` -> ``revisions`` {number, date, note}
- Third Party Dependency -> ``package.name``
- CVE Severity: a bare score (linked to the NVD page) -> ``cvss.score``, without a vector or a
  version (the pages give neither); its link -> ``references``

The pages have no title: their front matter title is the id. ``title`` stays empty. A page without
an Initial Publication or a revision (the single-table layout) leaves ``published`` empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from . import (
    STATUS_MAP,
    Imported,
    Note,
    Section,
    add_reference,
    add_release,
    add_score,
    advisory_id,
    block_line,
    block_links,
    block_text,
    blocks,
    cvss_score,
    is_heading,
    is_html,
    list_items,
    markdown_parser,
    markdown_source,
    reference,
    relative_links,
    short,
    split_front_matter,
    split_sections,
    table_rows,
    us_date,
)

SOURCE_SECTIONS = "report page (section layout)"
SOURCE_TABLE = "report page (single-table layout)"

_SECTIONS = {
    "cve details": "id",
    "initial publication": "published",
    "last update": "modified",
    "third party dependency": "package",
    "nist cve summary": "summary",
    "nist summary": "summary",
    "our official summary": "details",
    "official summary": "details",
    "cve severity": "",
    "status": "status",
    "affected products & versions": "affected",
    "revision history": "revisions",
}
_COLUMNS = ("cve id", "last update", "nist cve summary", "official summary", "cve severity", "status")

# What the live site's generator writes when the API gives no official summary or no revision
# (utils/cves/index.js): placeholders, not values.
_PLACEHOLDERS = (
    "investigation is ongoing to determine how this vulnerability affects our products",
    "no revision history available",
    "this cve does not have a third party dependency",
)

_RELEASE_LINE = re.compile(
    r"(?P<product>Palette\s+Enterprise|Palette\s+VerteX|VerteX)(?P<airgap>\s+airgap)?\s+"
    r"(?P<versions>\d[\w.+-]*(?:\s*,\s*\d[\w.+-]*)*)",
    re.IGNORECASE,
)
_REVISION_LINE = re.compile(r"(?P<number>\d+(?:\.\d+)*)\s+(?P<date>\d{1,2}/\d{1,2}/\d{2,4})\s+(?P<note>.+)")
_VERSION = re.compile(r"\d+(?:\.\d+)*(?:[.-][0-9A-Za-z.-]+)?")


def product_of(name: str) -> tuple[str, str] | None:
    """(product, deployment) that a product name of the pages means: "Palette VerteX Airgap" -> vertex, airgap."""
    words = name.lower().split()
    deployment = "airgap" if "airgap" in words else "connected"
    if "vertex" in words:
        return "vertex", deployment
    if "enterprise" in words:
        return "palette", deployment
    return None


def detect(text: str) -> str | None:
    """The layout of a report page ("sections" or "table"), or None for another page."""
    body, _ = split_front_matter(text)
    found = blocks(markdown_parser().parse(body))
    for block in found:
        if block and block[0].type == "table_open":
            header, _rows = table_rows(block)
            if {"cve id", "status"} <= {cell.lower() for cell in header}:
                return "table"
    titles = {block_text(block).lower() for block in found if is_heading(block)}
    if "cve details" in titles and len(titles & set(_SECTIONS)) >= 3:
        return "sections"
    return None


def import_report_page(path: Path, text: str) -> tuple[list[Imported], list[Note]]:
    """The records of one report page, and notes about the page as a whole."""
    body, front = split_front_matter(text)
    lines = body.split("\n")
    found = blocks(markdown_parser().parse(body))
    layout = detect(text)
    if layout == "table":
        records, notes = _from_table(path, lines, found)
    elif layout == "sections":
        records, notes = _from_sections(path, lines, found)
    else:
        return [], [Note("skipped", "not a report page (no CVE Details section or CVE ID table)", path)]
    title = front.get("title")
    for imported in records:
        if isinstance(title, str) and advisory_id(title) == imported.id:
            imported.note("unmapped", f"front matter title {short(title)} is the id, not a title: title left empty", 1)
    return records, notes


# --- the section layout ------------------------------------------------------------------------


def _from_sections(path: Path, lines: Sequence[str], found: list[list[Token]]) -> tuple[list[Imported], list[Note]]:
    leading, sections = split_sections(found, (2,))
    imported = Imported({}, path, sections[0].line if sections else 1, SOURCE_SECTIONS)
    for block in leading:
        if not is_html(block) and not is_heading(block) and block_text(block):
            imported.note("unmapped", f"text before the first section: {short(block_text(block))}", block_line(block))
    for section in sections:
        _section(imported, lines, section)
    record = imported.record
    if "id" not in record:
        return [], [Note("skipped", "the CVE Details section names no CVE or GHSA id", path, imported.line)]
    if "published" not in record and record.get("revisions"):
        first = min(record["revisions"], key=lambda item: item["date"])
        record["published"] = first["date"]
        number = f" {first['number']}" if first.get("number") else ""
        imported.lines["published"] = imported.lines.get("revisions", imported.line)
        imported.note("derived", f"published = {first['date']}, the date of the first revision{number}",
                      imported.lines["published"])
    imported.recency = (record.get("modified", record.get("published", "")), 0)
    return [_ordered(imported)], []


def _section(imported: Imported, lines: Sequence[str], section: Section) -> None:
    record = imported.record
    name = section.title.lower()
    content = []
    for block in section.blocks:
        if is_html(block):
            continue
        if _is_placeholder(block_text(block)):
            # what the generator writes for an empty value: the field stays empty
            imported.note("mapped", f"{section.title}: placeholder {short(block_text(block))} left out",
                          block_line(block))
            continue
        content.append(block)
    text = " ".join(block_text(block) for block in content).strip()
    if name not in _SECTIONS:
        imported.note("unmapped", f"section {short(section.title)}: {short(text)}", section.line)
        return
    if not content:
        return
    line = block_line(content[0])
    if _SECTIONS[name]:
        imported.lines[_SECTIONS[name]] = line
    if name in ("initial publication", "last update", "third party dependency", "status"):
        # one value: the section's first paragraph; anything after it is not part of the value
        for extra in content[1:]:
            imported.note("unmapped", f"{section.title}: {short(block_text(extra))}", block_line(extra))
        text = block_text(content[0])
    if name == "cve details":
        _details_links(imported, content)
    elif name in ("initial publication", "last update"):
        day = us_date(text)
        if day is None:
            imported.note("unmapped", f"{section.title} {short(text)} is not a date (M/D/YYYY)", line)
        else:
            record[_SECTIONS[name]] = day
    elif name == "third party dependency":
        record["package"] = {"name": text}
    elif name in ("nist cve summary", "nist summary"):
        record["summary"] = "\n\n".join(block_text(block) for block in content)
    elif name in ("our official summary", "official summary"):
        record["details"] = markdown_source(lines, content)
        relative_links(imported, "details", content)
    elif name == "cve severity":
        _severity(imported, text, [url for block in content for _text, url in block_links(block)], line)
    elif name == "status":
        _status(imported, text, line)
    elif name == "affected products & versions":
        _affected(imported, content)
    elif name == "revision history":
        _revisions(imported, content)


def _is_placeholder(text: str) -> bool:
    return text.lower().rstrip(".") in _PLACEHOLDERS


def _details_links(imported: Imported, content: Sequence[list[Token]]) -> None:
    for block in content:
        for text, url in block_links(block):
            found = advisory_id(text)
            if found and "id" not in imported.record:
                imported.record["id"] = found
                add_reference(imported.record, url)
            else:
                imported.note("unmapped", f"CVE Details link [{text}]({url})", block_line(block))


def _severity(imported: Imported, text: str, urls: Sequence[str], line: int) -> None:
    score = cvss_score(text)
    if score is None:
        imported.note("unmapped", f"CVE Severity {short(text)}: not a CVSS score (0-10); cvss left empty", line)
    else:
        add_score(imported, score, f"CVE Severity {short(text)}", line)
    for url in urls:
        add_reference(imported.record, url)


def _status(imported: Imported, text: str, line: int) -> None:
    status = STATUS_MAP.get(text.strip().lower())
    if status is None:
        imported.note("unmapped", f"Status {short(text)}: not a status the live site names (status left empty)", line)
        return
    imported.record["status"] = status
    imported.note("mapped", f"status {short(text)} -> {status} (the live site shows them alike)", line)


def _affected(imported: Imported, content: Sequence[list[Token]]) -> None:
    releases: list[dict[str, Any]] = imported.record.get("affected", [])
    for block in content:
        if block[0].type == "table_open":
            _affected_table(imported, block, releases)
            continue
        items = list_items(block)
        if not items:
            imported.note("unmapped", f"Affected Products & Versions: {short(block_text(block))}", block_line(block))
        for line, text in items:
            match = _RELEASE_LINE.fullmatch(text.strip())
            product = product_of(match.group("product")) if match else None
            if match is None or product is None:
                imported.note("unmapped", f"affected release {short(text)}: not '<product> [airgap] <versions>'", line)
                continue
            deployment = "airgap" if match.group("airgap") else "connected"
            versions = [version.strip() for version in match.group("versions").split(",")]
            add_release(releases, product[0], deployment, versions)
    if releases:
        imported.record["affected"] = releases


def _affected_table(imported: Imported, block: list[Token], releases: list[dict[str, Any]]) -> None:
    """The generated pages' table: one row per version, one column per product and deployment."""
    header, rows = table_rows(block)
    columns = [product_of(name) for name in header]
    for line, cells in rows:
        version = block_text([cells[0]]) if cells else ""
        if not _VERSION.fullmatch(version):
            imported.note("unmapped", f"affected table row {short(version)}: not a version", line)
            continue
        for column, cell in zip(columns[1:], cells[1:], strict=False):
            value = block_text([cell]).lower()
            if column is not None and "impacted" in value and "no impact" not in value:
                add_release(releases, column[0], column[1], [version])


def _revisions(imported: Imported, content: Sequence[list[Token]]) -> None:
    revisions: list[dict[str, Any]] = []
    for block in content:
        if block[0].type == "table_open":
            header, rows = table_rows(block)
            names = [name.lower() for name in header]
            for line, cells in rows:
                values = dict(zip(names, (block_text([cell]) for cell in cells), strict=False))
                day = us_date(values.get("date", ""))
                if day is None or not values.get("revision"):
                    imported.note("unmapped", f"revision row {short(' | '.join(values.values()))}", line)
                    continue
                revisions.append({"date": day, "note": values["revision"]})
            continue
        items = list_items(block)
        if not items:
            imported.note("unmapped", f"Revision History: {short(block_text(block))}", block_line(block))
        for line, text in items:
            match = _REVISION_LINE.fullmatch(text.strip())
            day = us_date(match.group("date")) if match else None
            if match is None or day is None:
                imported.note("unmapped", f"revision {short(text)}: not '<number> <M/D/YYYY> <note>'", line)
                continue
            revisions.append({"number": match.group("number"), "date": day, "note": match.group("note")})
    if revisions:
        imported.record["revisions"] = sorted(revisions, key=lambda item: item["date"])


# --- the single-table layout -------------------------------------------------------------------


def _from_table(path: Path, lines: Sequence[str], found: list[list[Token]]) -> tuple[list[Imported], list[Note]]:
    records: list[Imported] = []
    notes: list[Note] = []
    for block in found:
        if is_heading(block) or is_html(block):
            continue
        if block[0].type != "table_open":
            if block_text(block):
                notes.append(Note("unmapped", f"text outside the table: {short(block_text(block))}", path,
                                  block_line(block)))
            continue
        header, rows = table_rows(block)
        names = [name.lower() for name in header]
        if "cve id" not in names:
            notes.append(Note("unmapped", f"a table without a CVE ID column: {short(' | '.join(header))}", path,
                              block_line(block)))
            continue
        for line, cells in rows:
            imported = _row(path, line, names, header, cells)
            if imported is None:
                notes.append(Note("skipped", "a table row without a CVE or GHSA id", path, line))
            else:
                records.append(imported)
    return records, notes


def _row(path: Path, line: int, names: list[str], header: list[str], cells: list[Token]) -> Imported | None:
    imported = Imported({}, path, line, SOURCE_TABLE)
    record = imported.record
    for name, title, cell in zip(names, header, cells, strict=False):
        text = block_text([cell])
        links = block_links([cell])
        if not text or _is_placeholder(text):
            continue
        if name == "cve id":
            found = advisory_id(links[0][0] if links else text)
            if found is None:
                return None
            record["id"] = found
            for _text, url in links:
                add_reference(record, url)
        elif name == "last update":
            day = us_date(text)
            if day is None:
                imported.note("unmapped", f"Last Update {short(text)} is not a date (M/D/YY)", line)
            else:
                record["modified"] = day
        elif name == "nist cve summary":
            record["summary"] = text
        elif name == "official summary":
            # the cell's Markdown as written: a table cell is one line
            record["details"] = cell.content.strip()
        elif name == "cve severity":
            _severity(imported, text, [url for _text, url in links], line)
        elif name == "status":
            _status(imported, text, line)
        else:
            imported.note("unmapped", f"column {short(title)}: {short(text)}", line)
    if "id" not in record:
        return None
    imported.recency = (record.get("modified", ""), 0)
    return _ordered(imported)


def _ordered(imported: Imported) -> Imported:
    record = imported.record
    # a link met before the id was known is typed again now that it is
    record["references"] = [reference(item["url"], record["id"]) for item in record.get("references", [])]
    if not record["references"]:
        del record["references"]
    imported.record = {"id": record["id"], **{key: value for key, value in record.items() if key != "id"}}
    return imported
