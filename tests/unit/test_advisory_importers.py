"""The importers of the live site's bulletins (security_advisories.importers).

The report pages and the old bulletins page are the live site's own files (../shared, read only;
the tests that need them skip when it is absent); the API records are a fixture of the shape the
live site's code reads (tests/fixtures/advisories/api/data.json, invented 2099 ids and text).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from security_advisories.importers import PRODUCTS, Imported, iso_date, long_date, merge, us_date
from security_advisories.importers.__main__ import empty_fields, main
from security_advisories.importers.api_records import import_api_records
from security_advisories.importers.bulletins_page import detect as is_bulletins_page
from security_advisories.importers.bulletins_page import import_bulletins_page
from security_advisories.importers.report_pages import detect, import_report_page
from security_advisories.importers.writer import dump_record, write_record
from security_advisories.records import load_record, record_schema

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DOCS = SHARED / "corpus" / "librarium" / "docs-content"
REPORTS = DOCS / "security-bulletins" / "reports"
BULLETINS = DOCS / "security" / "security-bulletins" / "cve-reports.md"
API_FIXTURE = ROOT / "tests" / "fixtures" / "advisories" / "api" / "data.json"
NVD = "https://nvd.nist.gov/vuln/detail/"
# the CVE Severity each report page gives (a bare score linked to NVD)
REPORT_SCORES = {
    "cve-2019-12900.md": 9.8, "cve-2022-41723.md": 7.5, "cve-2023-0464.md": 7.5, "cve-2023-39325.md": 7.5,
    "cve-2023-44487.md": 7.5,
}
NO_VECTOR = "(the source gives no vector, nor the CVSS version)"


@pytest.fixture
def corpus() -> Path:
    """The live site's report pages folder (skips when ../shared is absent)."""
    if not REPORTS.is_dir() or not BULLETINS.is_file():
        pytest.skip(f"the live site's pages are not in {SHARED}")
    return REPORTS


def report(name: str) -> Imported:
    path = REPORTS / name
    records, notes = import_report_page(path, path.read_text(encoding="utf-8"))
    assert len(records) == 1, notes
    return records[0]


def bulletins() -> list[Imported]:
    records, notes = import_bulletins_page(BULLETINS, BULLETINS.read_text(encoding="utf-8"))
    assert notes == []
    return records


def messages(imported: Imported, kind: str) -> list[tuple[int, str]]:
    return [(note.line, note.message) for note in imported.notes if note.kind == kind]


# --- dates ------------------------------------------------------------------------------------


def test_dates_are_read_as_the_pages_write_them() -> None:
    assert us_date("10/10/2024") == "2024-10-10"
    assert us_date("7/16/24") == "2024-07-16"
    assert us_date("11/7/2024") == "2024-11-07"
    assert us_date("16/7/2024") is None  # month first: there is no 16th month
    assert us_date("Ongoing") is None
    assert long_date("September 01, 2023") == "2023-09-01"
    assert long_date("October 6, 2023") == "2023-10-06"
    # the live site prints a timestamp's UTC day
    assert iso_date("2099-01-05T23:30:00-08:00") == "2099-01-06"
    assert iso_date("2099-02-10T08:00:00Z") == "2099-02-10"


# --- report pages ------------------------------------------------------------------------------


def test_every_report_page_imports(corpus: Path) -> None:
    layouts = {}
    for path in sorted(corpus.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        layouts[path.name] = detect(text)
        records, notes = import_report_page(path, text)
        assert notes == [] or all(note.kind == "unmapped" for note in notes)
        assert [imported.id for imported in records] == [path.stem.upper()]
        record = records[0].record
        assert record["status"] == "open"  # every page says Ongoing
        assert record["references"] == [{"type": "ADVISORY", "url": NVD + path.stem.upper()}]
        assert "title" not in record
        assert record["cvss"] == {"score": REPORT_SCORES[path.name]}  # no vector, no version: the page gives none
        assert is_bulletins_page(text) is False
    assert layouts == {
        "cve-2019-12900.md": "sections", "cve-2022-41723.md": "sections", "cve-2023-0464.md": "sections",
        "cve-2023-39325.md": "sections", "cve-2023-44487.md": "table",
    }


def test_the_section_layout_maps_each_section(corpus: Path) -> None:
    imported = report("cve-2019-12900.md")
    record = imported.record
    assert record["id"] == "CVE-2019-12900"
    assert record["modified"] == "2024-10-10"
    assert record["published"] == "2024-08-16"  # the first revision's date
    assert record["summary"] == ("BZ2_decompress in decompress.c in bzip2 through 1.0.6 has an out-of-bounds write "
                                 "when there are many selectors.")
    assert record["details"] == "Waiting on a fix from third party mongodb & calico vendors."
    assert record["affected"] == [
        {"product": "vertex", "deployment": "connected", "versions": ["4.4.14", "4.4.18", "4.5.2"]},
        {"product": "palette", "deployment": "connected", "versions": ["4.4.18", "4.5.2"]},
    ]
    assert record["revisions"] == [
        {"number": "1.0", "date": "2024-08-16", "note": "Initial Publication"},
        {"number": "2.0", "date": "2024-08-17", "note": "Added Palette VerteX 4.4.14 to Affected Products"},
        {"number": "3.0", "date": "2024-09-17",
         "note": "Added Palette VerteX 4.4.18 & Palette Enterprise 4.4.18 to Affected Products"},
        {"number": "4.0", "date": "2024-10-10",
         "note": "Added Palette VerteX 4.5.2 & Palette Enterprise 4.5.2 to Affected Products"},
    ]
    assert record["cvss"] == {"score": 9.8}
    unmapped = messages(imported, "unmapped")
    assert not any("CVE Severity" in message for _line, message in unmapped)
    assert any(line == 1 and "front matter title" in message for line, message in unmapped)
    assert (33, "status 'Ongoing' -> open (the live site shows them alike)") in messages(imported, "mapped")
    assert (29, f"CVE Severity '9.8' -> cvss.score 9.8 {NO_VECTOR}") in messages(imported, "mapped")
    assert messages(imported, "derived") == [(42, "published = 2024-08-16, the date of the first revision 1.0")]


def test_the_section_layout_reads_airgap_and_wrapped_lines(corpus: Path) -> None:
    record = report("cve-2023-0464.md").record
    assert record["modified"] == "2024-11-07"  # written 11/7/2024
    assert record["affected"] == [
        {"product": "vertex", "deployment": "airgap", "versions": ["4.4.14", "4.4.18", "4.5.3", "4.5.8"]},
        {"product": "palette", "deployment": "airgap", "versions": ["4.4.18", "4.5.3", "4.5.8"]},
        {"product": "vertex", "deployment": "connected", "versions": ["4.5.3", "4.5.8"]},
        {"product": "palette", "deployment": "connected", "versions": ["4.5.3", "4.5.8"]},
    ]
    assert len(record["revisions"]) == 6
    assert record["revisions"][-1] == {
        "number": "6.0", "date": "2024-11-07",
        "note": "Added Palette VerteX airgap, Palette Enterprise airgap, Palette Enterprise, and Palette VerteX 4.5.8 "
                "to Affected Products",
    }
    # the official summary is Markdown, kept as written
    link = "https://ubuntu.com/security/CVE-2023-0464"
    assert record["details"].endswith(f"[{link}]({link}).")
    other = report("cve-2023-39325.md").record
    assert (other["published"], other["modified"]) == ("2024-07-16", "2024-08-16")
    assert other["affected"] == [{"product": "vertex", "deployment": "connected", "versions": ["4.4.11", "4.4.12"]}]


def test_the_single_table_layout_maps_each_column(corpus: Path) -> None:
    path = corpus / "cve-2023-44487.md"
    records, notes = import_report_page(path, path.read_text(encoding="utf-8"))
    assert [(note.kind, note.line) for note in notes] == [("unmapped", 13)]  # the sentence above the table
    imported = records[0]
    assert imported.record == {
        "id": "CVE-2023-44487",
        "references": [{"type": "ADVISORY", "url": NVD + "CVE-2023-44487"}],
        "modified": "2024-07-16",  # written 7/16/24
        "summary": "The HTTP/2 protocol allows a denial of service (server resource consumption) because request "
                   "cancellation can reset many streams quickly, as exploited in the wild in August through October "
                   "2023.",
        "details": "The CVE reported in coredns and kube-vip. Govulncheck reports it as non-impacting.",
        "cvss": {"score": 7.5},
        "status": "open",
    }
    assert "published" not in imported.record  # the page gives no first date: nothing is made up
    assert (17, f"CVE Severity '7.5' -> cvss.score 7.5 {NO_VECTOR}") in messages(imported, "mapped")
    assert messages(imported, "unmapped") == [
        (1, "front matter title 'CVE-2023-44487' is the id, not a title: title left empty")]


GENERATED_PAGE = """---
title: "CVE-2099-0100"
---

## CVE Details

Visit the official vulnerability details page for
[CVE-2099-0100](https://nvd.nist.gov/vuln/detail/CVE-2099-0100) to learn more.

## Initial Publication

3/4/2099

## Last Update

3/20/2099

## Third Party Dependency

example.org/lib

## NIST CVE Summary

Placeholder summary.

## CVE Severity

[8.1](https://nvd.nist.gov/vuln/detail/CVE-2099-0100)

## Our Official Summary

Investigation is ongoing to determine how this vulnerability affects our products.

## Status

Fixed

## Affected Products & Versions

| Version | Palette Enterprise | Palette Enterprise Airgap | VerteX | VerteX Airgap |
| - | -------- | -------- | -------- | -------- |
| 4.6.6 | ⚠️ Impacted | ✅ No Impact | ⚠️ Impacted | ✅ No Impact |
| 4.5.22 | ⚠️ Impacted | ⚠️ Impacted | ✅ No Impact | ✅ No Impact |

## Revision History

| Date | Revision |
| --- | --- |
| 3/20/2099 | Status changed from Ongoing to Fixed |
| 3/4/2099 | Added impacted versions: 4.5.22, 4.6.6 |
"""


def test_the_pages_the_live_site_generates_now_import_too(tmp_path: Path) -> None:
    path = tmp_path / "cve-2099-0100.md"
    assert detect(GENERATED_PAGE) == "sections"
    [imported], _notes = import_report_page(path, GENERATED_PAGE)
    record = imported.record
    assert (record["published"], record["modified"], record["status"]) == ("2099-03-04", "2099-03-20", "fixed")
    assert record["package"] == {"name": "example.org/lib"}
    assert record["cvss"] == {"score": 8.1}
    assert "details" not in record  # the generator's placeholder is not a summary
    assert record["affected"] == [
        {"product": "palette", "deployment": "connected", "versions": ["4.6.6", "4.5.22"]},
        {"product": "vertex", "deployment": "connected", "versions": ["4.6.6"]},
        {"product": "palette", "deployment": "airgap", "versions": ["4.5.22"]},
    ]
    assert record["revisions"] == [
        {"date": "2099-03-04", "note": "Added impacted versions: 4.5.22, 4.6.6"},
        {"date": "2099-03-20", "note": "Status changed from Ongoing to Fixed"},
    ]


# --- the old bulletins page --------------------------------------------------------------------


def test_the_bulletins_page_gives_one_record_per_bulletin(corpus: Path) -> None:
    records = bulletins()
    assert len(records) == 25
    assert len({imported.id for imported in records}) == 23  # CVE-2023-22809 and CVE-2023-29402 twice
    assert all(imported.id.startswith("CVE-") and "status" not in imported.record for imported in records)
    # the HTML comment at the top (the template, with its "## Title") gives no record
    assert records[0].line == 37 and records[0].id == "CVE-2023-39323"
    assert detect(BULLETINS.read_text(encoding="utf-8")) is None


def test_a_bulletin_maps_its_heading_and_subsections(corpus: Path) -> None:
    by_line = {imported.line: imported for imported in bulletins()}
    first = by_line[37].record
    assert first["title"] == ('Line directives ("//line") can be used to bypass the restrictions on '
                              '"//go:cgo_" directives')
    assert (first["published"], first["modified"]) == ("2024-01-10", "2024-01-10")
    assert first["details"] == "No impact. This is not a runtime issue and we do not compile untrusted code."
    assert (first["remediation"], first["workaround"]) == ("Not Applicable", "Not Applicable")
    assert first["references"] == [{"type": "ADVISORY", "url": NVD + "CVE-2023-39323"}]
    assert first["cvss"] == {"score": 8.1}
    assert (37, f"heading score 8.1 CVSS -> cvss.score 8.1 {NO_VECTOR}") in messages(by_line[37], "mapped")
    assert not any("score" in message for _line, message in messages(by_line[37], "unmapped"))
    # every heading's "- <score> CVSS", in page order
    assert [imported.record["cvss"] for imported in bulletins()] == [{"score": score} for score in (
        8.1, 7.5, 7.5, 7.5, 7.5, 7.5, 8.8, 8.8, 8.8, 7.8, 7.5, 9.8, 9.8, 8.8, 7.8, 9.8, 7.3, 7.3, 9.8, 9.8, 9.8,
        9.8, 9.8, 7.8, 9.8)]

    loader = by_line[229].record  # #### subsections
    assert (loader["id"], loader["title"], loader["published"]) == (
        "CVE-2023-4911", "Buffer Overflow in Dynamic Loader", "2023-10-17")
    assert loader["remediation"] == "Release 4.1.0 include the security patch for the vulnerability."
    assert loader["cvss"] == {"score": 7.8}  # "- 7.8 CVSS"
    assert loader["workaround"].startswith("Self-hosted instances of Palette and VerteX need to upgrade")
    assert any("os-patching.md" in message for _line, message in messages(by_line[229], "warning"))

    sudo = by_line[335].record  # ### subsections, a list in Impact
    assert sudo["id"] == "CVE-2023-22809" and sudo["title"] == "Sudo Vulnerability"
    assert "- Self-hosted Palette instances with versions older than 4.0.0" in sudo["details"]

    html = by_line[414].record  # a Go advisory link besides the NVD one
    assert html["title"] == "HTML Template Vulnerability Security Advisory"
    assert html["references"] == [
        {"type": "ADVISORY", "url": NVD + "CVE-2023-29400"},
        {"type": "WEB", "url": "https://pkg.go.dev/vuln/GO-2023-1753"},
    ]
    cgo = by_line[522]  # its NVD link is another CVE's
    assert cgo.record["references"][0] == {"type": "WEB", "url": NVD + "CVE-2023-29402"}
    assert any("NVD page of CVE-2023-29402" in message for _line, message in messages(cgo, "warning"))
    assert by_line[275].record["references"] == [{"type": "ADVISORY", "url": NVD + "CVE-2023-32002"}]  # "-- [..]"
    # the NVD link in lower case is still the bulletin's own page
    assert by_line[658].record["references"] == [{"type": "ADVISORY", "url": NVD + "cve-2023-22809"}]
    assert by_line[658].record["remediation"].startswith("* For Palette SaaS, this has been addressed")  # Resolution


# --- API records -------------------------------------------------------------------------------


def api_records() -> list[Imported]:
    records, notes = import_api_records(API_FIXTURE, API_FIXTURE.read_text(encoding="utf-8"))
    assert notes == []
    return records


def test_api_records_map_the_fields_the_live_site_reads() -> None:
    records = api_records()
    assert [(imported.id, imported.source) for imported in records] == [
        ("CVE-2099-1001", "API record (palette)"),
        ("CVE-2099-1001", "API record (paletteAirgap)"),
        ("CVE-2099-1002", "API record (vertex)"),
    ]
    first = records[0].record
    assert first["summary"] == "Placeholder summary: an example parser reads past the end of a buffer."
    assert first["details"] == "Placeholder assessment: the example parser runs only on **trusted** input."
    assert first["severity"] == {"nist": "HIGH"}
    assert (first["published"], first["modified"]) == ("2099-01-06", "2099-02-10")  # UTC days
    assert first["status"] == "open"  # Ongoing
    assert first["package"] == {"name": "example.org/parser", "upstream_fix": False}
    assert first["affected"] == [{"product": "palette", "deployment": "connected", "versions": ["4.4.18", "4.5.2"]}]
    assert first["revisions"] == [
        {"date": "2099-01-06", "field": "affected", "from": "[]", "to": "[4.4.18 4.5.2]"},
        {"date": "2099-02-10", "field": "status", "from": "Open", "to": "Ongoing"},
    ]
    assert "title" not in first
    assert first["cvss"] == {"score": 7.5}  # metadata.cvssScore
    assert (8, f"metadata.cvssScore 7.5 -> cvss.score 7.5 {NO_VECTOR}") in messages(records[0], "mapped")
    assert records[1].record["affected"] == [{"product": "palette", "deployment": "airgap", "versions": ["4.5.2"]}]
    fixed = records[2].record
    assert (fixed["status"], fixed["remediation"]) == ("fixed", "Placeholder step: upgrade to 4.6.2.")
    assert fixed["cvss"] == {"score": 9.1}
    assert fixed["affected"] == [{"product": "vertex", "deployment": "connected", "versions": ["4.6.1"]}]
    assert "package" not in fixed and "details" not in fixed
    unmapped = {message.split(" = ")[0]: line for line, message in messages(records[0], "unmapped")}
    assert unmapped == {
        "metadata.uid": 5, "metadata.trivySeverity": 10, "metadata.grypeSeverity": 11,
        "metadata.cvePublishedTimestamp": 12, "metadata.cveLastModifiedTimestamp": 13,
        "metadata.cveLastSeenTimestamp": 14, "spec.impact.impactedImageTypes.core": 32,
        "spec.impact.impactedImageList": 35, "status.state": 56,
    }
    fixed_unmapped = [message for _line, message in messages(records[2], "unmapped")]
    assert "spec.remediation.isRemediationAvailable = true" in fixed_unmapped


def test_api_records_come_as_a_list_one_object_or_lists_by_edition(tmp_path: Path) -> None:
    data = json.loads(API_FIXTURE.read_text(encoding="utf-8"))
    one = data["vertex"][0]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([one, *data["palette"]]), encoding="utf-8")
    single = tmp_path / "one.json"
    single.write_text(json.dumps(one, indent=2), encoding="utf-8")
    records, _ = import_api_records(listed, listed.read_text(encoding="utf-8"))
    assert [imported.id for imported in records] == ["CVE-2099-1002", "CVE-2099-1001"]
    records, _ = import_api_records(single, single.read_text(encoding="utf-8"))
    assert [imported.id for imported in records] == ["CVE-2099-1002"]
    assert records[0].record == import_api_records(API_FIXTURE, API_FIXTURE.read_text(encoding="utf-8"))[0][2].record

    hidden = {**one, "metadata": {**one["metadata"], "shouldPublish": False}}
    image = {**one, "kind": "os"}
    skipped = tmp_path / "skipped.json"
    skipped.write_text(json.dumps([hidden, image, {"cve": "CVE-2099-9"}]), encoding="utf-8")
    records, notes = import_api_records(skipped, skipped.read_text(encoding="utf-8"))
    assert records == []
    assert [note.message.split(":")[0] for note in notes] == [
        "CVE-2099-1002", "CVE-2099-1002", "not an advisory record of the API's shape (no metadata)"]


def test_an_api_score_that_is_no_score_is_reported_not_mapped(tmp_path: Path) -> None:
    data = json.loads(API_FIXTURE.read_text(encoding="utf-8"))
    one = data["vertex"][0]
    items = [{**one, "metadata": {**one["metadata"], "cvssScore": value}} for value in (0, "high", 11, "6.5")]
    path = tmp_path / "scores.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    records, _notes = import_api_records(path, path.read_text(encoding="utf-8"))
    assert [imported.record.get("cvss") for imported in records] == [None, None, None, {"score": 6.5}]
    assert [message for imported in records[:3] for _line, message in messages(imported, "unmapped")
            if "cvssScore" in message] == [
        "metadata.cvssScore = 0: the API's empty value, not taken as a score; cvss left empty",
        'metadata.cvssScore = "high": not a CVSS score (0-10); cvss left empty',
        "metadata.cvssScore = 11: not a CVSS score (0-10); cvss left empty",
    ]


# --- merging -----------------------------------------------------------------------------------


def test_merging_joins_lists_and_keeps_the_newer_value() -> None:
    path = Path("x.md")
    older = Imported({"id": "CVE-2099-0001", "title": "Old", "summary": "Same.",
                      "affected": [{"product": "palette", "deployment": "connected", "versions": ["4.4.1"]}],
                      "references": [{"type": "ADVISORY", "url": NVD + "CVE-2099-0001"}]},
                     path, 3, "old", recency=("2099-01-01", 0))
    newer = Imported({"id": "CVE-2099-0001", "title": "New", "summary": "Same.", "status": "open",
                      "affected": [{"product": "palette", "deployment": "connected", "versions": ["4.5.0"]},
                                   {"product": "vertex", "deployment": "airgap", "versions": ["4.5.0"]}],
                      "references": [{"type": "WEB", "url": "https://example.org/a"}]},
                     path, 9, "new", recency=("2099-02-01", 0))
    record, notes = merge([newer, older])
    assert record["title"] == "New" and record["status"] == "open" and record["summary"] == "Same."
    assert record["affected"] == [
        {"product": "palette", "deployment": "connected", "versions": ["4.4.1", "4.5.0"]},
        {"product": "vertex", "deployment": "airgap", "versions": ["4.5.0"]},
    ]
    assert [item["url"] for item in record["references"]] == [NVD + "CVE-2099-0001", "https://example.org/a"]
    assert [note.kind for note in notes] == ["merged", "conflict"]
    assert notes[1].message == "title: kept 'New' (x.md:9, the newer source) over 'Old' (x.md:3)"


def test_merging_keeps_the_earliest_published_and_the_latest_modified() -> None:
    bulletin = Imported({"id": "CVE-2099-0002", "summary": "S.", "published": "2099-01-10", "modified": "2099-01-10",
                         "cvss": {"score": 7.8}},
                        Path("cve-reports.md"), 4, "bulletins page", recency=("2099-01-10", 0))
    page = Imported({"id": "CVE-2099-0002", "summary": "S.", "published": "2099-07-01", "modified": "2099-08-16",
                     "cvss": {"score": 9.8}},
                    Path("cve-2099-0002.md"), 11, "report page", recency=("2099-08-16", 0), lines={"published": 40})
    # an edition of the API that changed later still does not move the first publication
    api = Imported({"id": "CVE-2099-0002", "summary": "S.", "published": "2099-03-02", "modified": "2099-05-01"},
                   Path("data.json"), 3, "API record", recency=("2099-05-01", 0))
    for order in ([bulletin, page, api], [api, page, bulletin], [page, api, bulletin]):
        record, notes = merge(order)
        assert (record["published"], record["modified"]) == ("2099-01-10", "2099-08-16")
        assert record["cvss"] == {"score": 9.8}  # the newer source's score
        merged = [note.message for note in notes if note.kind == "merged"]
        assert merged[1:] == [
            "published: kept '2099-01-10' (cve-reports.md:4, the earliest date of the sources) over "
            "'2099-03-02' (data.json:3), '2099-07-01' (cve-2099-0002.md:40)",
            "modified: kept '2099-08-16' (cve-2099-0002.md:11, the latest date of the sources) over "
            "'2099-01-10' (cve-reports.md:4), '2099-05-01' (data.json:3)",
        ]
        assert [note.message for note in notes if note.kind == "conflict"] == [
            "cvss.score: kept '9.8' (cve-2099-0002.md:11, the newer source) over '7.8' (cve-reports.md:4)"]
    # one source, or sources that agree: no note about the dates
    record, notes = merge([bulletin])
    assert (record["published"], record["modified"], notes) == ("2099-01-10", "2099-01-10", [])
    same = Imported({**bulletin.record, "title": "T"}, Path("other.md"), 1, "report page", recency=("2099-01-10", 1))
    assert [note.kind for note in merge([bulletin, same])[1]] == ["merged"]  # the sources line alone


# --- the writer --------------------------------------------------------------------------------


def test_the_writer_orders_keys_and_writes_markdown_as_literal_blocks(tmp_path: Path) -> None:
    record: dict[str, Any] = {
        "status": "open", "modified": "2099-02-01", "summary": "One: paragraph.", "title": "An example",
        "details": "First line  \n\n- an item\n", "id": "CVE-2099-0001", "published": "2099-01-01",
        "revisions": [{"note": "Initial Publication", "date": "2099-01-01", "number": "1.0"}],
        "affected": [{"versions": ["4.5", "4.5.2"], "deployment": "airgap", "product": "vertex"}],
    }
    text = dump_record(record, comment="from a test")
    assert text.splitlines() == [
        "# from a test",
        "id: CVE-2099-0001",
        "title: An example",
        "summary: 'One: paragraph.'",
        "details: |",
        "  First line",
        "",
        "  - an item",
        "published: 2099-01-01",
        "modified: 2099-02-01",
        "status: open",
        "affected:",
        "  - product: vertex",
        "    deployment: airgap",
        "    versions:",
        "      - '4.5'",
        "      - 4.5.2",
        "revisions:",
        "  - number: '1.0'",
        "    date: 2099-01-01",
        "    note: Initial Publication",
    ]
    path = write_record(tmp_path / "out", record)
    assert path.name == "CVE-2099-0001.yaml"
    advisory, problems = load_record(path, PRODUCTS)
    assert problems == [] and advisory is not None
    assert (advisory.published, advisory.affected[0].versions, advisory.revisions[0].number) == (
        "2099-01-01", ("4.5", "4.5.2"), "1.0")


# --- the command line --------------------------------------------------------------------------


def test_the_report_names_mapped_and_empty_fields(corpus: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(corpus), str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    page = corpus / "cve-2019-12900.md"
    assert f"    mapped: {page}:29: CVE Severity '9.8' -> cvss.score 9.8 {NO_VECTOR}" in out
    assert f"    derived: {page}:42: published = 2024-08-16, the date of the first revision 1.0" in out
    # title, status and published are no longer required: left empty, and said so, but not as required
    assert ("    empty (the source does not give them): aliases, title, cwe, severity, first_seen, "
            "justification, package, fixed_in, remediation, workaround") in out
    assert "(required)" not in out and "load_record:" not in out and "does not load" not in out
    table_page = out.split("\nCVE-2023-44487 -> ", 1)[1]
    assert "empty (the source does not give them): aliases, title, cwe, severity, published, first_seen" in table_page
    assert out.rstrip().endswith("5 records written to " + str(tmp_path / "out") + ", 5 load, 0 do not; "
                                 "not given by the sources, left empty: title 5, published 1")
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "CVE-2019-12900.yaml", "CVE-2022-41723.yaml", "CVE-2023-0464.yaml", "CVE-2023-39325.yaml",
        "CVE-2023-44487.yaml",
    ]


def test_empty_fields_marks_only_what_the_schema_requires() -> None:
    assert set(record_schema()["required"]) == {"id", "summary", "modified"}
    empty = empty_fields({"id": "CVE-2099-0001"})
    assert [field for field in empty if field.endswith("(required)")] == ["summary (required)", "modified (required)"]
    assert {"title", "status", "published", "cvss"} <= set(empty)


def loaded(folder: Path) -> dict[str, Any]:
    """Every record file of a folder, loaded: id -> record (asserting each one loads)."""
    records = {}
    for path in sorted(folder.glob("*.yaml")):
        advisory, problems = load_record(path, PRODUCTS)
        assert problems == [] and advisory is not None, (path.name, problems)
        records[advisory.id] = advisory
    return records


def test_every_corpus_record_loads(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(corpus), str(tmp_path / "reports")]) == 0
    assert main([str(BULLETINS), str(tmp_path / "bulletins")]) == 0
    assert main([str(corpus), str(BULLETINS), str(tmp_path / "both")]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if " records written to " in line]
    assert lines == [
        f"5 records written to {tmp_path / 'reports'}, 5 load, 0 do not; not given by the sources, left empty: "
        "title 5, published 1",
        f"23 records written to {tmp_path / 'bulletins'}, 23 load, 0 do not; not given by the sources, left empty: "
        "status 23",
        f"26 records written to {tmp_path / 'both'}, 26 load, 0 do not; not given by the sources, left empty: "
        "title 3, status 21",
    ]
    reports, from_bulletins, both = (loaded(tmp_path / name) for name in ("reports", "bulletins", "both"))
    assert (len(reports), len(from_bulletins), len(both)) == (5, 23, 26)
    assert set(both) == set(reports) | set(from_bulletins)  # CVE-2023-39325 and CVE-2023-44487 in both
    assert {record_id: record.cvss.score for record_id, record in reports.items() if record.cvss} == {
        name.removesuffix(".md").upper(): score for name, score in REPORT_SCORES.items()}
    assert all(record.cvss is not None and record.cvss.vector == "" for record in both.values())
    assert reports["CVE-2023-44487"].published == ""  # the single-table page gives no first date
    assert both["CVE-2023-44487"].published == "2023-10-11"  # the bulletin's


def test_a_report_page_and_a_bulletin_of_one_cve_merge(corpus: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "from"
    source.mkdir()
    shutil.copy(corpus / "cve-2023-44487.md", source)
    shutil.copy(corpus / "cve-2023-39325.md", source)
    shutil.copy(BULLETINS, source)
    assert main([str(source), str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"merged: 2 sources give CVE-2023-44487, newest first: {source / 'cve-2023-44487.md'}:17" in out
    assert (f"merged: {source / 'cve-2023-44487.md'}:17: modified: kept '2024-07-16' (cve-2023-44487.md:17, "
            "the latest date of the sources) over '2023-10-11' (cve-reports.md:254)") in out
    advisory, problems = load_record(tmp_path / "out" / "CVE-2023-44487.yaml", PRODUCTS)
    assert problems == [] and advisory is not None
    assert (advisory.title, advisory.published, advisory.modified, advisory.status) == (
        "HTTP/2 Denial of Service", "2023-10-11", "2024-07-16", "open")
    assert advisory.cvss is not None and (advisory.cvss.score, advisory.cvss.vector) == (7.5, "")
    assert advisory.summary.startswith("The HTTP/2 protocol allows a denial of service")  # the newer source's
    assert advisory.remediation.startswith("Palette and Vertex version 4.1.0 includes the fix")  # only the bulletin's
    # first published in the bulletin of January 10, 2024; the report page's first revision is of July
    assert (f"merged: {source / 'cve-reports.md'}:94: published: kept '2024-01-10' (cve-reports.md:94, the earliest "
            "date of the sources) over '2024-07-16' (cve-2023-39325.md:45)") in out
    advisory, problems = load_record(tmp_path / "out" / "CVE-2023-39325.yaml", PRODUCTS)
    assert problems == [] and advisory is not None
    assert (advisory.published, advisory.modified, advisory.revisions[0].date) == (
        "2024-01-10", "2024-08-16", "2024-07-16")
    # a bulletin alone gives no status: left out, and the record loads
    bulletin_only, problems = load_record(tmp_path / "out" / "CVE-2023-4911.yaml", PRODUCTS)
    assert problems == [] and bulletin_only is not None and bulletin_only.status == ""


def test_several_froms_are_merged_in_one_run(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    # the reports folder, one of its pages again (read once) and the bulletins page
    result = run_cli(str(corpus), str(corpus / "cve-2023-39325.md"), str(BULLETINS), str(target))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.count(f"{corpus / 'cve-2023-39325.md'}: report page") == 1
    assert result.stdout.rstrip().splitlines()[-1].startswith(f"26 records written to {target}, 26 load, 0 do not")
    assert loaded(target)["CVE-2023-39325"].published == "2024-01-10"
    # a second run into the same TO replaces the records: it does not merge with them
    result = run_cli(str(corpus), str(target))
    assert result.returncode == 0
    assert f"CVE-2023-39325 -> {target / 'CVE-2023-39325.yaml'} (replaced the file there)" in result.stdout
    assert loaded(target)["CVE-2023-39325"].published == "2024-07-16"
    missing = run_cli(str(corpus), str(tmp_path / "nowhere"), str(target))
    assert missing.returncode == 1 and "FROM " + str(tmp_path / "nowhere") + " does not exist" in missing.stderr


def test_a_missing_required_field_is_still_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "cve-reports.md"
    page.write_text("# Security Bulletins\n\n## March 3, 2099 - CVE-2099-0300 No Description - 5.0 CVSS\n\n"
                    "#### Impact\n\nPlaceholder impact.\n", encoding="utf-8")
    assert main([str(page), str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "summary (required)" in out and "load_record: CVE-2099-0300.yaml:" in out
    assert out.rstrip().endswith(f"1 record written to {tmp_path / 'out'}, 0 load, 1 do not "
                                 "(required fields missing: summary 1); not given by the sources, left empty: status 1")


SYNTHETIC_BULLETINS = """# Security Bulletins

## March 3, 2099 - CVE-2099-0200 Example Flaw - 7.5 CVSS

Placeholder description.

#### Impact

Placeholder impact.

#### References

- [CVE-2099-0200](https://nvd.nist.gov/vuln/detail/CVE-2099-0200)
"""

SYNTHETIC_REPORT = """## CVE Details

[CVE-2099-0200](https://nvd.nist.gov/vuln/detail/CVE-2099-0200)

## Last Update

3/9/2099

## NIST CVE Summary

Placeholder summary.

## Status

Fixed

## Affected Products & Versions

- Palette Enterprise airgap 4.5.1

## Revision History

- 1.0 03/03/2099 Initial Publication
- 2.0 03/09/2099 Fixed
"""


def test_exit_status_0_when_every_written_record_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "from"
    source.mkdir()
    (source / "cve-reports.md").write_text(SYNTHETIC_BULLETINS, encoding="utf-8")
    (source / "cve-2099-0200.md").write_text(SYNTHETIC_REPORT, encoding="utf-8")
    assert main([str(source), str(tmp_path / "out")]) == 0
    assert f"1 record written to {tmp_path / 'out'}, 1 load, 0 do not\n" in capsys.readouterr().out
    # a second run replaces the record, and says so
    assert main([str(source), str(tmp_path / "out")]) == 0
    assert f"CVE-2099-0200 -> {tmp_path / 'out' / 'CVE-2099-0200.yaml'} (replaced the file there)\n" in (
        capsys.readouterr().out)
    advisory, problems = load_record(tmp_path / "out" / "CVE-2099-0200.yaml", PRODUCTS)
    assert problems == [] and advisory is not None
    assert (advisory.title, advisory.status, advisory.published, advisory.details) == (
        "Example Flaw", "fixed", "2099-03-03", "Placeholder impact.")
    assert [(release.product, release.deployment, release.versions) for release in advisory.affected] == [
        ("palette", "airgap", ("4.5.1",))]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "_ext")}
    return subprocess.run([sys.executable, "-m", "security_advisories.importers", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=False)


def test_a_missing_from_is_one_line(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "nowhere"), str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"python -m security_advisories.importers: FROM {tmp_path / 'nowhere'} does not exist: give a folder or file "
        "of the live site's bulletins"]
    assert not (tmp_path / "out").exists()
    (tmp_path / "other.md").write_text("# Some page\n\nNo bulletin here.\n", encoding="utf-8")
    result = run_cli(str(tmp_path / "other.md"), str(tmp_path / "out"))
    assert (result.returncode, result.stderr.count("\n")) == (1, 1)
    assert "gives no record" in result.stderr and "Traceback" not in result.stderr


def test_an_unreadable_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"## CVE Details\n\n\xff\xfe\n")
    assert main([str(bad), str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [f"python -m security_advisories.importers: {bad}:3: not UTF-8 text"]
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "palette": [\n    {"metadata": }\n  ]\n}\n', encoding="utf-8")
    assert main([str(broken), str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"python -m security_advisories.importers: {broken}:3: not JSON")


def test_make_import_bulletins_runs_the_importer() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(["make", "-n", "import-bulletins", "FROM=some/folder"], capture_output=True,
                            text=True, cwd=ROOT, check=True)
    assert ('PYTHONPATH=_ext .venv/bin/python -m security_advisories.importers some/folder '
            '"source/_data/advisories"') in result.stdout.splitlines()
    helped = subprocess.run(["make", "help"], capture_output=True, text=True, cwd=ROOT, check=True)
    assert any(line.startswith("import-bulletins") for line in helped.stdout.splitlines())
