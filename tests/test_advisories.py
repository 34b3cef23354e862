"""Security bulletins from advisory records, built as `make html` builds the site (repo conf.py).

A small docs tree with the bulletins page and a records folder is built in a subprocess:
the index table, each record's page, the exports beside them, what a bad record gives
(one message naming its file and line, the other records still built), escaping, and
incremental builds after a record is edited, added and deleted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import feedparser
import pytest
from bs4 import BeautifulSoup

from build_diff import REPO, build, compare_outputs, warnings_in

sys.path.insert(0, str(REPO / "_ext"))
from security_advisories.schema_check import validate_csaf, validate_osv, validate_provider_metadata

# every test here builds a fixture site (the records' pages, feeds and exports) in a subprocess
pytestmark = pytest.mark.site

FIXTURES = Path(__file__).parent / "fixtures" / "advisories"
GOOD = sorted((FIXTURES / "good").glob("*.yaml"))
INDEX_PAGE = """---
title: Security Bulletins
---

Every bulletin.

```{security-bulletins}
```
"""

# bad record file -> (line, words the message must contain)
BAD = {
    "missing-id.yaml": (1, "has no 'id'"),
    "bad-vector.yaml": (8, "is not a CVSS vector"),
    "wrong-score.yaml": (9, "cvss.score is 9.8 but the vector"),
    "unknown-status.yaml": (6, "'pending' is not one of"),
    "no-justification.yaml": (6, "gives no justification"),
    "bad-date.yaml": (4, "'2099-02-30' is not a 'date'"),
    "unknown-product.yaml": (11, "'spectro-edge' is not a product of this site"),
    "duplicate-id.yaml": (1, "CVE-2099-0001 is already the id of CVE-2099-0001.yaml"),
    "yaml-error.yaml": (8, "invalid YAML"),
    "wrong-type.yaml": (7, "cwe: 'CWE-79' is not of type 'array'"),
    "unknown-field.yaml": (7, "unknown field 'severty'"),
    "modified-before-published.yaml": (5, "is before published"),
    "version-mismatch.yaml": (8, "cvss.version is 3.0 but the vector is CVSS 3.1"),
    "empty.yaml": (1, "not an empty file"),
    "justification-without-not-affected.yaml": (7, "set 'status: not_affected' or remove the justification"),
    "empty-cvss.yaml": (7, "cvss needs its vector"),
    "duplicate-key.yaml": (7, 'duplicate key "status"'),
}


def make_tree(root: Path, records: list[Path]) -> Path:
    """A docs tree: a root page, the Security section, its bulletins page and the records."""
    src = root / "src"
    (src / "security").mkdir(parents=True)
    (src / "index.md").write_text("# Docs\n\nThe docs.\n", encoding="utf-8")
    (src / "security" / "security.md").write_text("---\ntitle: Security\n---\n\nSecurity.\n", encoding="utf-8")
    (src / "security" / "security-bulletins.md").write_text(INDEX_PAGE, encoding="utf-8")
    folder = src / "_data" / "advisories"
    folder.mkdir(parents=True)
    for record in records:
        shutil.copy(record, folder / record.name)
    return src


def soup(path: Path) -> Any:
    """The parsed page (Any: the tests chain finds whose results they assert on)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("advisories")
    src = make_tree(root, GOOD)
    out = root / "html"
    result = build(src, out)
    assert result.returncode == 0, result.stderr
    assert warnings_in(result) == []
    return out


def test_the_index_lists_every_record_newest_first_with_anchors(good_site: Path) -> None:
    page = soup(good_site / "security" / "security-bulletins" / "index.html")
    rows = page.select("#security-bulletins-table tbody tr")
    assert [row["id"] for row in rows] == ["cve-2099-0001", "cve-2099-0002"]  # published March, then January
    first = [cell.get_text(" ", strip=True) for cell in rows[0].find_all("td")]
    assert first[0] == "CVE-2099-0001 OSV · CSAF"
    assert first[2] == "High (7.5)"
    assert first[3] == "Fixed"
    assert first[4] == "Palette (connected); Palette VerteX (airgap)"
    assert first[5] == "2099-03-01" and len(first) == 6
    assert rows[0].find("span", class_="advisory-severity-high") is not None
    assert rows[0]["data-releases"].split() == [
        "a/palette/connected/4.4.14", "a/palette/connected/4.4.18", "a/vertex/airgap/4.4.18",
        "f/palette/connected/4.5.2", "f/vertex/airgap/4.5.2",
    ]
    assert rows[1].find_all("td")[3].get_text(strip=True) == "Not affected"
    links = {a.get_text(): a["href"] for a in rows[0].find_all("td")[0].find_all("a")}
    assert links == {
        "CVE-2099-0001": "cve-2099-0001/", "OSV": "osv/CVE-2099-0001.json", "CSAF": "csaf/cve-2099-0001.json",
    }
    assert (good_site / "security" / "security-bulletins" / "cve-2099-0001" / "index.html").is_file()


def test_the_filter_form_is_hidden_until_the_script_runs(good_site: Path) -> None:
    page = soup(good_site / "security" / "security-bulletins" / "index.html")
    form = page.find("form", id="advisory-filters")
    assert form.has_attr("hidden")
    names = [field["name"] for field in form.select("select, input")]
    assert names == ["product", "deployment", "version", "severity", "status", "package", "q"]
    options = form.find("select", attrs={"name": "product"}).find_all("option")
    assert [option["value"] for option in options] == ["", "palette", "vertex"]
    assert form.find("select", attrs={"name": "severity"}).get_text(" ", strip=True) == "All High"
    assert [label.get_text() for label in form.find_all("label")][:2] == ["Product", "Deployment"]
    scripts = [script.get("src", "") for script in page.find_all("script")]
    assert any("security-bulletins.js" in src for src in scripts)
    assert all(script.get("src") for script in page.find_all("script"))  # no inline script


def test_a_record_page_shows_every_field(good_site: Path) -> None:
    page = soup(good_site / "security" / "security-bulletins" / "cve-2099-0001" / "index.html")
    article = page.find("article")
    assert article.find("h1").get_text(strip=True).rstrip("#") == (
        'CVE-2099-0001: Example HTTP/2 stream-reset flood in an ingress <proxy> & "friends"'
    )
    facts = {dt.get_text(strip=True).rstrip(":"): dt.find_next_sibling("dd").get_text(" ", strip=True)
             for dt in article.select("dl.advisory-facts > dt")}
    assert facts["Severity"] == "High (7.5) CVSS 3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"
    assert facts["Status"] == "Fixed"
    assert facts["Published"] == "2099-03-01" and facts["Last modified"] == "2099-03-20"
    assert facts["First seen"] == "2099-02-27"
    assert facts["Weakness"] == "CWE-400"
    assert facts["NIST severity"] == "High" and facts["Vendor severity"] == "Medium"
    assert facts["Package"] == "golang.org/x/net pkg:golang/golang.org/x/net@0.16.0"
    assert facts["Upstream fix"] == "Released"
    headings = [h.get_text(strip=True).rstrip("#") for h in article.find_all("h2")]
    assert headings == ["Summary", "Impact", "Remediation", "Workaround", "References", "Revision history"]
    assert article.find("strong").get_text() == "ingress pack"  # details are Markdown
    impact = article.find("table", class_="advisory-impact")
    grid = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in impact.find_all("tr")]
    assert grid == [
        ["Version", "Palette (connected)", "Palette VerteX (airgap)"],
        ["4.4.14", "Affected", "Not listed"],
        ["4.4.18", "Affected", "Affected"],
        ["4.5.2", "Fixed", "Fixed"],
    ]
    revisions = [li.get_text(" ", strip=True) for li in article.select("ul.advisory-revisions li")]
    assert revisions == [
        "2099-03-01 (revision 1.0): Initial publication.",
        "2099-03-20 (revision 2.0): Status changed from Open to Fixed.",
    ]
    links = {a.get_text(strip=True): a["href"] for a in article.find_all("a", href=True)}
    assert links["https://nvd.nist.gov/vuln/detail/CVE-2099-0001"] == "https://nvd.nist.gov/vuln/detail/CVE-2099-0001"
    assert links["OSV record (JSON)"] == "../osv/CVE-2099-0001.json"
    assert links["CSAF VEX document (JSON)"] == "../csaf/cve-2099-0001.json"
    assert links["All security bulletins"] == "../#cve-2099-0001"
    base = good_site / "security" / "security-bulletins" / "cve-2099-0001"
    for href in (links["OSV record (JSON)"], links["CSAF VEX document (JSON)"]):
        assert (base / href).resolve().is_file(), href


def test_a_not_affected_record_says_why(good_site: Path) -> None:
    page = soup(good_site / "security" / "security-bulletins" / "cve-2099-0002" / "index.html")
    text = page.find("article").get_text(" ", strip=True)
    assert "Not affected: the vulnerable component is not in the product" in text
    assert "No product release is affected" in text
    links = [a["href"] for a in page.find("article").find_all("a")]
    assert links.count("https://nvd.nist.gov/vuln/detail/CVE-2099-0002") == 1  # given: not added twice


def test_exports_are_announced_valid_and_list_every_record(good_site: Path) -> None:
    index = good_site / "security" / "security-bulletins"
    page = soup(index / "index.html")
    alternates = {link["type"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert set(alternates) == {
        "application/atom+xml", "application/rss+xml", "application/feed+json", "application/json",
    }
    for href in alternates.values():
        assert (index / href).is_file(), href
    for name in ("feed.atom", "feed.rss"):
        feed = feedparser.parse((index / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert [entry.link for entry in feed.entries] == [
            "https://docs.spectrocloud.com/security/security-bulletins/cve-2099-0001/",
            "https://docs.spectrocloud.com/security/security-bulletins/cve-2099-0002/",
        ]
    feed_json = json.loads((index / "feed.json").read_text(encoding="utf-8"))
    assert feed_json["version"] == "https://jsonfeed.org/version/1.1" and len(feed_json["items"]) == 2
    listing = json.loads((index / "index.json").read_text(encoding="utf-8"))
    assert sorted(item["id"] for item in _records_of(listing)) == ["CVE-2099-0001", "CVE-2099-0002"]
    for record in ("CVE-2099-0001", "CVE-2099-0002"):
        assert validate_osv(json.loads((index / "osv" / f"{record}.json").read_text(encoding="utf-8"))) == []
        assert validate_csaf(json.loads((index / "csaf" / f"{record.lower()}.json").read_text(encoding="utf-8"))) == []
    provider = json.loads((good_site / ".well-known" / "csaf" / "provider-metadata.json").read_text(encoding="utf-8"))
    assert validate_provider_metadata(provider) == []


def _records_of(listing: Any) -> list[dict]:
    if isinstance(listing, dict):
        for key in ("advisories", "records", "items"):
            if isinstance(listing.get(key), list):
                return listing[key]
    assert isinstance(listing, list)
    return listing


def test_every_bad_record_gives_one_message_and_the_rest_build(tmp_path: Path) -> None:
    bad = [FIXTURES / "bad" / name for name in [*BAD, "markdown-problem.yaml"]]
    src = make_tree(tmp_path, [*GOOD, *bad])
    result = build(src, tmp_path / "html", strict=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = warnings_in(result)
    folder = src / "_data" / "advisories"
    for name, (line, words) in BAD.items():
        mine = [warning for warning in warnings if warning.startswith(f"{folder / name}:")]
        assert len(mine) == 1, (name, mine)
        assert mine[0].startswith(f"{folder / name}:{line}: WARNING: "), mine[0]
        assert words in mine[0] and mine[0].endswith("[advisories.record]"), mine[0]
    # a sound record with a broken link in its Markdown: built, and the warning names its file and line
    link = [warning for warning in warnings if "markdown-problem.yaml" in warning]
    assert len(link) == 1 and link[0].startswith(f"{folder / 'markdown-problem.yaml'}:6: WARNING: "), link
    assert link[0].endswith("[docusaurus.link_missing]")
    assert len(warnings) == len(BAD) + 1, warnings
    rows = soup(tmp_path / "html" / "security" / "security-bulletins" / "index.html").select(
        "#security-bulletins-table tbody tr"
    )
    assert [row["id"] for row in rows] == ["cve-2099-0001", "cve-2099-1018", "cve-2099-0002"]  # 1018: by modified


def test_record_text_is_escaped_everywhere(tmp_path: Path) -> None:
    record = (FIXTURES / "good" / "CVE-2099-0002.yaml").read_text(encoding="utf-8").replace(
        "title: Example path-cleaning flaw on Windows hosts",
        "title: '<script>alert(1)</script> {props.x} **bold** [x](javascript:alert(1)) & \"q\"'",
    )
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "CVE-2099-0002.yaml").write_text(record, encoding="utf-8")
    src = make_tree(tmp_path, [tmp_path / "r" / "CVE-2099-0002.yaml"])
    out = tmp_path / "html"
    result = build(src, out)
    assert result.returncode == 0, result.stderr
    title = '<script>alert(1)</script> {props.x} **bold** [x](javascript:alert(1)) & "q"'
    for path in (out / "security" / "security-bulletins" / "index.html",
                 out / "security" / "security-bulletins" / "cve-2099-0002" / "index.html"):
        page = soup(path)
        assert not [s for s in page.find_all("script") if not s.get("src")], path
        assert not page.select('a[href^="javascript"]') and not page.find("strong")
        assert title in page.find("article").get_text(), path
    feed = feedparser.parse((out / "security" / "security-bulletins" / "feed.atom").read_bytes())
    assert feed.entries[0].title == f"CVE-2099-0002: {title}"


def test_an_incremental_build_after_record_edits_equals_a_clean_build(tmp_path: Path) -> None:
    src = make_tree(tmp_path, GOOD)
    out = tmp_path / "incremental"
    assert build(src, out).returncode == 0
    folder = src / "_data" / "advisories"
    first = folder / "CVE-2099-0001.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace("status: fixed", "status: open")
                     .replace("  score: 7.5\n", ""), encoding="utf-8")
    (folder / "CVE-2099-0002.yaml").unlink()
    (folder / "CVE-2099-0003.yaml").write_text(
        "id: CVE-2099-0003\ntitle: Example added record\nsummary: Added later.\npublished: 2099-04-01\n"
        "modified: 2099-04-02\nstatus: under_investigation\n", encoding="utf-8",
    )
    result = build(src, out)
    assert result.returncode == 0, result.stderr
    clean = tmp_path / "clean"
    assert build(src, clean).returncode == 0
    assert compare_outputs(clean, out) is None, compare_outputs(clean, out)
    assert not (out / "security" / "security-bulletins" / "cve-2099-0002").exists()
    assert not (out / "security" / "security-bulletins" / "osv" / "CVE-2099-0002.json").exists()
    rows = soup(out / "security" / "security-bulletins" / "index.html").select("#security-bulletins-table tbody tr")
    assert [row["id"] for row in rows] == ["cve-2099-0003", "cve-2099-0001"]


CORPUS = REPO.parent / "shared" / "corpus" / "librarium" / "docs-content"
REPORTS = CORPUS / "security-bulletins" / "reports"
OLD_PAGE = CORPUS / "security" / "security-bulletins" / "cve-reports.md"


@pytest.mark.skipif(not REPORTS.is_dir(), reason="../shared/corpus is not beside the checkout")
def test_records_imported_from_the_live_pages_build(tmp_path: Path) -> None:
    src = make_tree(tmp_path, [])
    folder = src / "_data" / "advisories"
    imported = subprocess.run(
        [sys.executable, "-m", "security_advisories.importers", str(REPORTS), str(OLD_PAGE), str(folder)],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "26 records written" in imported.stdout and "26 load" in imported.stdout
    assert "unmapped:" in imported.stdout  # the report names what it could not map
    result = build(src, tmp_path / "html", strict=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert [w for w in warnings_in(result) if "[advisories." in w] == []
    index = tmp_path / "html" / "security" / "security-bulletins"
    rows = soup(index / "index.html").select("#security-bulletins-table tbody tr")
    assert len(rows) == 26
    untitled = soup(index / "cve-2019-12900" / "index.html").find("article").find("h1")
    assert untitled.get_text(strip=True).rstrip("#") == "CVE-2019-12900"  # the report pages have no title
    osv, csaf = sorted((index / "osv").glob("*.json")), sorted((index / "csaf").glob("*.json"))
    assert len(osv) == len(csaf) == 26
    for path in osv:
        assert validate_osv(json.loads(path.read_text(encoding="utf-8"))) == [], path.name
    for path in csaf:
        assert validate_csaf(json.loads(path.read_text(encoding="utf-8"))) == [], path.name


def test_the_sites_own_exports_are_valid_and_complete(site: Path) -> None:
    """The shipped records: one feed entry each, every OSV and CSAF file valid, index.json complete."""
    records = sorted(path.stem for path in (REPO / "source" / "_data" / "advisories").glob("*.yaml"))
    index = site / "security" / "security-bulletins"
    for name in ("feed.atom", "feed.rss"):
        feed = feedparser.parse((index / name).read_bytes())
        assert not feed.bozo and len(feed.entries) == len(records), name
    assert len(json.loads((index / "feed.json").read_text(encoding="utf-8"))["items"]) == len(records)
    listing = _records_of(json.loads((index / "index.json").read_text(encoding="utf-8")))
    assert sorted(item["id"] for item in listing) == records
    assert sorted(path.stem for path in (index / "osv").glob("*.json")) == records
    assert sorted(path.name for path in (index / "csaf").glob("*.json")) == [f"{r.lower()}.json" for r in records]
    for path in [*(index / "osv").glob("*.json"), *(index / "csaf").glob("*.json")]:
        check = validate_osv if path.parent.name == "osv" else validate_csaf
        assert check(json.loads(path.read_text(encoding="utf-8"))) == [], path
    provider = json.loads((site / ".well-known" / "csaf" / "provider-metadata.json").read_text(encoding="utf-8"))
    assert validate_provider_metadata(provider) == []


def test_incremental_builds_follow_collisions_and_a_removed_records_folder(tmp_path: Path) -> None:
    """Each step's incremental build (-j 2) equals a clean build: a source page takes a record's name
    and gives it back, then the records folder goes (its pages, feeds and exports with it)."""
    src = make_tree(tmp_path, GOOD)
    out = tmp_path / "incremental"
    assert build(src, out, jobs="2").returncode == 0
    page = src / "security" / "security-bulletins" / "cve-2099-0002.md"

    def add_page() -> None:
        page.parent.mkdir()
        page.write_text("---\ntitle: Hand-written\n---\n\nWritten by hand.\n", encoding="utf-8")

    def remove_page() -> None:
        page.unlink()

    def remove_records() -> None:
        shutil.rmtree(src / "_data")

    steps = [
        ("a page of the sources takes a record's name", add_page),
        ("the page goes again", remove_page),
        ("the records folder goes", remove_records),
    ]
    for number, (what, step) in enumerate(steps):
        step()
        result = build(src, out, strict=False, jobs="2")
        assert result.returncode == 0 and "Traceback" not in result.stderr, (what, result.stderr)
        clean = tmp_path / f"clean-{number}"
        expected = build(src, clean, strict=False)
        assert sorted(warnings_in(result)) == sorted(warnings_in(expected)), what
        assert compare_outputs(clean, out) is None, (what, compare_outputs(clean, out))
        record_page = out / "security" / "security-bulletins" / "cve-2099-0002" / "index.html"
        if number == 0:
            assert "Written by hand." in record_page.read_text(encoding="utf-8")
            assert "is a page of the sources" in result.stderr
        if number == 1:
            assert "Example path-cleaning flaw" in record_page.read_text(encoding="utf-8")
    assert not (out / "security" / "security-bulletins" / "feed.atom").exists()
    assert not (out / ".well-known" / "csaf" / "provider-metadata.json").exists()
