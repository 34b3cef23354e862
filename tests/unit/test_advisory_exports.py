"""The exports of advisory records: OSV, CSAF VEX, provider metadata, feeds and index.json.

Pure functions, no Sphinx: every document is checked against the committed schemas
(schema_check), offline. Cases the two fixture records do not cover (CVSS 2.0 and 4.0,
under investigation, will not fix, open, other purls) are variants of them made here,
so the fixture folder the site build tests use stays as it is.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import feedparser
import pytest
from referencing.exceptions import Unresolvable

from security_advisories.csaf_export import (
    csaf_vex_document,
    product_status,
    provider_metadata,
    subjects,
)
from security_advisories.cvss_rating import rate_vector
from security_advisories.exports_layout import csaf_file_name, csaf_path, osv_path
from security_advisories.feeds import atom_feed, index_document, json_bytes, json_feed, rss_feed
from security_advisories.osv_export import osv_document, parse_purl
from security_advisories.publisher import EPOCH, Publisher
from security_advisories.records import Advisory, Package, Release, Revision, load_advisories
from security_advisories.schema_check import registry, validate_csaf, validate_osv, validate_provider_metadata

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "advisories" / "good"
PRODUCTS = {"palette": "Palette", "vertex": "Palette VerteX"}
SITE = "https://docs.spectrocloud.com/security/security-bulletins/"
PUBLISHER = Publisher(
    name="Spectro Cloud", namespace="https://www.spectrocloud.com", base_url="https://docs.spectrocloud.com/",
    index_path="security/security-bulletins/", products=PRODUCTS, title="Palette security bulletins",
)
HOSTILE = """<script>alert("x")</script> & 'quoted' "text" </title>"""


def fixtures() -> dict[str, Advisory]:
    collection = load_advisories(GOOD, PRODUCTS)
    assert collection.problems == ()
    return collection.by_id()


RECORDS = fixtures()
FIXED, NOT_AFFECTED = RECORDS["CVE-2099-0001"], RECORDS["CVE-2099-0002"]
VARIANTS: dict[str, Advisory] = {
    "cvss-2.0": dataclasses.replace(FIXED, cvss=rate_vector("AV:N/AC:L/Au:N/C:P/I:P/A:P")),
    "cvss-3.0": dataclasses.replace(FIXED, cvss=rate_vector("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
    "cvss-4.0": dataclasses.replace(
        FIXED, cvss=rate_vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"),
    ),
    "under-investigation": dataclasses.replace(FIXED, status="under_investigation", fixed_in=(), remediation=""),
    "under-investigation-no-releases": dataclasses.replace(
        NOT_AFFECTED, status="under_investigation", justification="", cvss=None,
    ),
    "will-not-fix": dataclasses.replace(
        FIXED, status="will_not_fix", fixed_in=(), remediation="",
        package=Package("@example/widget", "pkg:npm/%40example/widget@1.2.3"),
    ),
    "open": dataclasses.replace(FIXED, status="open", fixed_in=(), remediation="", workaround="", revisions=()),
    "open-no-purl": dataclasses.replace(FIXED, status="open", package=Package("libexample")),
    "not-affected-listed": dataclasses.replace(
        NOT_AFFECTED, justification="vulnerable_code_not_in_execute_path",
        affected=(Release("vertex", "connected", ("4.4.18",)),),
    ),
    "integer-revisions": dataclasses.replace(
        FIXED, revisions=(Revision("2099-03-01", "1", note="First."), Revision("2099-03-20", "2", note="Second.")),
    ),
}
EVERY = {**RECORDS, **VARIANTS}


def test_the_publisher_builds_every_url() -> None:
    assert PUBLISHER.index_url() == SITE
    assert PUBLISHER.record_url(FIXED) == SITE + "cve-2099-0001/"
    assert PUBLISHER.export_url("osv/CVE-2099-0001.json") == SITE + "osv/CVE-2099-0001.json"
    with pytest.raises(ValueError, match="must end with '/'"):
        dataclasses.replace(PUBLISHER, base_url="https://docs.spectrocloud.com")


@pytest.mark.parametrize("name", sorted(EVERY))
def test_every_osv_document_validates(name: str) -> None:
    assert validate_osv(osv_document(EVERY[name], PUBLISHER)) == []


def test_osv_names_the_vulnerable_package_and_keeps_the_releases_in_database_specific() -> None:
    document = osv_document(FIXED, PUBLISHER)
    assert document["id"] == "SPECTROCLOUD-CVE-2099-0001"
    assert document["aliases"] == ["CVE-2099-0001", "GHSA-xxxx-2222-3333"]
    assert document["modified"] == "2099-03-20T00:00:00Z" and document["published"] == "2099-03-01T00:00:00Z"
    assert document["summary"] == FIXED.title
    assert document["details"].startswith(FIXED.summary + "\n\n") and "**ingress pack**" in document["details"]
    assert document["severity"] == [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}]
    affected = document["affected"]
    assert [entry["package"] for entry in affected] == [
        {"ecosystem": "Go", "name": "golang.org/x/net", "purl": "pkg:golang/golang.org/x/net"},
    ] * 2
    assert [entry["versions"] for entry in affected] == [["0.16.0"], ["0.16.0"]]
    assert [(e["database_specific"]["product"], e["database_specific"]["deployment"],
             e["database_specific"]["product_versions"]) for e in affected] == [
        ("palette", "connected", ["4.4.14", "4.4.18"]), ("vertex", "airgap", ["4.4.18"]),
    ]
    assert [ref["type"] for ref in document["references"]] == ["ADVISORY", "ADVISORY", "FIX"]
    specific = document["database_specific"]
    assert specific["url"] == SITE + "cve-2099-0001/" and specific["status"] == "fixed"
    assert specific["cvss"] == {"version": "3.1", "vector": FIXED.cvss.vector if FIXED.cvss else "", "score": 7.5,
                                "severity": "HIGH"}
    assert specific["cwe_ids"] == ["CWE-400"] and specific["fixed_in"][0]["versions"] == ["4.5.2"]
    assert "credits" not in document


@pytest.mark.parametrize(("name", "severity_type"), [("cvss-2.0", "CVSS_V2"), ("cvss-3.0", "CVSS_V3"),
                                                     ("cvss-4.0", "CVSS_V4")])
def test_osv_severity_types_follow_the_cvss_version(name: str, severity_type: str) -> None:
    assert osv_document(VARIANTS[name], PUBLISHER)["severity"][0]["type"] == severity_type


@pytest.mark.parametrize("name", ["under-investigation", "open-no-purl"])
def test_osv_claims_no_affected_package_it_cannot_stand_behind(name: str) -> None:
    document = osv_document(VARIANTS[name], PUBLISHER)
    assert "affected" not in document
    assert document["database_specific"]["affected_releases"]  # the releases are still said, for people
    assert "affected" not in osv_document(NOT_AFFECTED, PUBLISHER)


def test_purls_map_to_osv_package_names() -> None:
    npm = osv_document(VARIANTS["will-not-fix"], PUBLISHER)["affected"][0]
    assert npm["package"] == {"ecosystem": "npm", "name": "@example/widget", "purl": "pkg:npm/%40example/widget"}
    assert npm["versions"] == ["1.2.3"]
    maven = parse_purl("pkg:maven/org.example/lib@2.0?type=jar")
    assert maven is not None and (maven.namespace, maven.name, maven.version) == ("org.example", "lib", "2.0")
    assert maven.unversioned == "pkg:maven/org.example/lib?type=jar"
    assert parse_purl("https://example.org") is None


@pytest.mark.parametrize("name", sorted(EVERY))
def test_every_csaf_document_validates(name: str) -> None:
    document = csaf_vex_document(EVERY[name], PUBLISHER)
    assert document["document"]["category"] == "csaf_vex"
    assert validate_csaf(document) == []


def test_csaf_status_of_a_fixed_record() -> None:
    vulnerability = csaf_vex_document(FIXED, PUBLISHER)["vulnerabilities"][0]
    assert vulnerability["cve"] == "CVE-2099-0001"
    assert vulnerability["ids"] == [{"system_name": "GitHub Security Advisories", "text": "GHSA-xxxx-2222-3333"}]
    assert vulnerability["product_status"] == {
        "fixed": ["palette-connected-4.5.2", "vertex-airgap-4.5.2"],
        "known_affected": ["palette-connected-4.4.14", "palette-connected-4.4.18", "vertex-airgap-4.4.18"],
    }
    assert [remedy["category"] for remedy in vulnerability["remediations"]] == ["vendor_fix", "workaround"]
    score = vulnerability["scores"][0]
    assert score["cvss_v3"] == {"version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
                                "baseScore": 7.5, "baseSeverity": "HIGH"}
    assert score["products"] == vulnerability["product_status"]["known_affected"]


def test_csaf_not_affected_record_has_the_vex_flag_for_every_product() -> None:
    document = csaf_vex_document(NOT_AFFECTED, PUBLISHER)
    vulnerability = document["vulnerabilities"][0]
    assert vulnerability["product_status"] == {"known_not_affected": ["palette", "vertex"]}
    assert vulnerability["flags"] == [{"label": "component_not_present", "product_ids": ["palette", "vertex"]}]
    assert vulnerability["threats"][0]["category"] == "impact"
    assert "scores" not in vulnerability and "remediations" not in vulnerability
    vendor = document["product_tree"]["branches"][0]
    assert vendor["category"] == "vendor" and vendor["name"] == "Spectro Cloud"
    assert [branch["product"]["product_id"] for branch in vendor["branches"]] == ["palette", "vertex"]


@pytest.mark.parametrize(("name", "expected"), [
    ("under-investigation", {"under_investigation": ["palette-connected-4.4.14", "palette-connected-4.4.18",
                                                     "vertex-airgap-4.4.18"]}),
    ("under-investigation-no-releases", {"under_investigation": ["palette", "vertex"]}),
    ("will-not-fix", {"known_affected": ["palette-connected-4.4.14", "palette-connected-4.4.18",
                                         "vertex-airgap-4.4.18"]}),
    ("not-affected-listed", {"known_not_affected": ["vertex-connected-4.4.18"]}),
])
def test_csaf_status_follows_the_record_status(name: str, expected: dict[str, list[str]]) -> None:
    record = VARIANTS[name]
    assert product_status(record, subjects(record, PUBLISHER)) == expected


@pytest.mark.parametrize(("name", "categories"), [
    ("will-not-fix", ["no_fix_planned", "workaround"]), ("open", ["none_available"]),
])
def test_csaf_known_affected_products_get_an_action(name: str, categories: list[str]) -> None:
    remedies = csaf_vex_document(VARIANTS[name], PUBLISHER)["vulnerabilities"][0]["remediations"]
    assert [remedy["category"] for remedy in remedies] == categories


def test_csaf_cvss_2_is_a_cvss_v2_score_and_cvss_4_only_a_note() -> None:
    v2 = csaf_vex_document(VARIANTS["cvss-2.0"], PUBLISHER)["vulnerabilities"][0]["scores"][0]
    assert v2["cvss_v2"] == {"version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:P/I:P/A:P", "baseScore": 7.5}
    v4 = csaf_vex_document(VARIANTS["cvss-4.0"], PUBLISHER)["vulnerabilities"][0]
    assert "scores" not in v4
    note = next(note for note in v4["notes"] if note["title"] == "CVSS v4.0")
    assert "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" in note["text"] and "9.3" in note["text"]


def test_csaf_tracking_and_file_name() -> None:
    tracking = csaf_vex_document(FIXED, PUBLISHER)["document"]["tracking"]
    assert tracking["id"] == "CVE-2099-0001" and tracking["status"] == "final"
    assert tracking["initial_release_date"] == "2099-03-01T00:00:00Z"
    assert tracking["current_release_date"] == "2099-03-20T00:00:00Z"
    # the records number revisions 1.0, 2.0: not CSAF versions, so 1, 2 with the old number kept
    numbers = [(r["number"], r.get("legacy_version")) for r in tracking["revision_history"]]
    assert numbers == [("1", "1.0"), ("2", "2.0")]
    assert tracking["version"] == "2"
    kept = csaf_vex_document(VARIANTS["integer-revisions"], PUBLISHER)["document"]["tracking"]["revision_history"]
    assert [(r["number"], r.get("legacy_version")) for r in kept] == [("1", None), ("2", None)]
    synthetic = csaf_vex_document(VARIANTS["open"], PUBLISHER)["document"]["tracking"]["revision_history"]
    assert [(r["date"], r["number"]) for r in synthetic] == [
        ("2099-03-01T00:00:00Z", "1"), ("2099-03-20T00:00:00Z", "2"),
    ]
    assert csaf_file_name(FIXED) == "cve-2099-0001.json" == csaf_path(FIXED).rsplit("/", 1)[1]
    self_link = csaf_vex_document(FIXED, PUBLISHER)["document"]["references"][0]
    assert self_link == {"category": "self", "summary": "This document", "url": SITE + "csaf/cve-2099-0001.json"}


def test_provider_metadata_validates_and_is_dated_by_the_newest_record() -> None:
    metadata = provider_metadata(PUBLISHER, SITE + "csaf/", RECORDS.values())
    assert validate_provider_metadata(metadata) == []
    assert metadata["canonical_url"] == "https://docs.spectrocloud.com/.well-known/csaf/provider-metadata.json"
    assert metadata["distributions"] == [{"directory_url": SITE + "csaf/"}]
    assert metadata["last_updated"] == "2099-03-20T00:00:00Z" and metadata["role"] == "csaf_publisher"
    assert provider_metadata(PUBLISHER, SITE + "csaf/")["last_updated"] == EPOCH


def _broken_osv() -> list[tuple[str, dict[str, Any]]]:
    good = osv_document(FIXED, PUBLISHER)
    cases = []
    for label, change in (
        ("no id", lambda d: d.pop("id")),
        ("a date without time", lambda d: d.update(modified="2099-03-20")),
        ("an unknown severity type", lambda d: d["severity"][0].update(type="CVSS_V9")),
        ("an unknown reference type", lambda d: d["references"][0].update(type="BLOG")),
        ("a field OSV does not have", lambda d: d.update(status="fixed")),
    ):
        document = copy.deepcopy(good)
        change(document)
        cases.append((label, document))
    return cases


@pytest.mark.parametrize(("label", "document"), _broken_osv(), ids=[label for label, _ in _broken_osv()])
def test_a_broken_osv_document_fails(label: str, document: dict[str, Any]) -> None:
    assert validate_osv(document) != [], label


def _broken_csaf() -> list[tuple[str, dict[str, Any], str]]:
    fixed, not_affected = csaf_vex_document(FIXED, PUBLISHER), csaf_vex_document(NOT_AFFECTED, PUBLISHER)
    cases: list[tuple[str, dict[str, Any], str]] = []
    for label, base, change, words in (
        ("no category", fixed, lambda d: d["document"].pop("category"), "'category' is a required property"),
        ("a bad CVSS severity", fixed,
         lambda d: d["vulnerabilities"][0]["scores"][0]["cvss_v3"].update(baseSeverity="SEVERE"), "cvss_v3"),
        ("an undefined product", fixed,
         lambda d: d["vulnerabilities"][0]["product_status"]["fixed"].append("palette-connected-9.9.9"),
         "is not defined in the product tree"),
        ("a product both affected and fixed", fixed,
         lambda d: d["vulnerabilities"][0]["product_status"]["fixed"].append("palette-connected-4.4.14"),
         "is both affected and fixed"),
        ("an affected product without remediation", fixed,
         lambda d: d["vulnerabilities"][0].pop("remediations"), "has no action statement"),
        ("a not-affected product without flag", not_affected,
         lambda d: (d["vulnerabilities"][0].pop("flags"), d["vulnerabilities"][0].pop("threats")),
         "has no impact statement"),
        ("a wrong document version", fixed, lambda d: d["document"]["tracking"].update(version="1"),
         "is not the newest revision number"),
        ("no product tree", fixed, lambda d: d.pop("product_tree"), "has a product_tree"),
    ):
        document = copy.deepcopy(base)
        change(document)
        cases.append((label, document, words))
    return cases


@pytest.mark.parametrize(("label", "document", "words"), _broken_csaf(), ids=[c[0] for c in _broken_csaf()])
def test_a_broken_csaf_document_fails(label: str, document: dict[str, Any], words: str) -> None:
    problems = validate_csaf(document)
    assert any(words in problem for problem in problems), (label, problems)


def test_provider_metadata_publisher_is_checked_through_the_committed_csaf_schema() -> None:
    metadata = provider_metadata(PUBLISHER, SITE + "csaf/", RECORDS.values())
    metadata["publisher"]["category"] = "reseller"  # defined only in the CSAF schema the $ref names by URL
    assert any("'reseller' is not one of" in problem for problem in validate_provider_metadata(metadata))


def test_the_registry_never_fetches() -> None:
    with pytest.raises(Unresolvable):
        registry().resolver().lookup("https://example.invalid/schema.json")
    assert registry()["https://www.first.org/cvss/cvss-v3.1.json"].contents["title"].endswith("version 3.1")


@pytest.mark.parametrize(("make", "field"), [(atom_feed, "updated_parsed"), (rss_feed, "published_parsed")])
def test_xml_feeds_have_one_entry_per_record_newest_modified_first(make: Any, field: str) -> None:
    feed = feedparser.parse(make(RECORDS.values(), PUBLISHER))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Palette security bulletins" and feed.feed.link == SITE
    assert [entry.link for entry in feed.entries] == [SITE + "cve-2099-0001/", SITE + "cve-2099-0002/"]
    assert [entry.id for entry in feed.entries] == [SITE + "cve-2099-0001/", SITE + "cve-2099-0002/"]
    assert [entry.title for entry in feed.entries] == [f"{r.id}: {r.title}" for r in (FIXED, NOT_AFFECTED)]
    assert [entry.summary for entry in feed.entries] == [FIXED.summary, NOT_AFFECTED.summary]
    assert [tuple(entry[field][:3]) for entry in feed.entries] == [(2099, 3, 20 if field == "updated_parsed" else 1),
                                                                   (2099, 1, 10)]


def test_xml_feeds_are_dated_by_the_newest_record_not_the_clock() -> None:
    atom = feedparser.parse(atom_feed(RECORDS.values(), PUBLISHER))
    assert tuple(atom.feed.updated_parsed[:3]) == (2099, 3, 20)
    assert tuple(atom.entries[0].published_parsed[:3]) == (2099, 3, 1)
    rss = rss_feed(RECORDS.values(), PUBLISHER)
    assert b"<lastBuildDate>Fri, 20 Mar 2099 00:00:00 +0000</lastBuildDate>" in rss
    assert feedparser.parse(atom_feed([], PUBLISHER)).feed.updated_parsed[:3] == (1970, 1, 1)


def test_the_json_feed_is_json_feed_1_1() -> None:
    feed = json_feed(RECORDS.values(), PUBLISHER)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Palette security bulletins" and feed["home_page_url"] == SITE
    assert feed["feed_url"] == SITE + "feed.json"
    assert [item["id"] for item in feed["items"]] == [SITE + "cve-2099-0001/", SITE + "cve-2099-0002/"]
    first = feed["items"][0]
    assert set(first) == {"id", "url", "title", "content_text", "summary", "date_published", "date_modified", "tags"}
    assert first["title"] == f"CVE-2099-0001: {FIXED.title}"
    assert first["date_published"] == "2099-03-01T00:00:00Z" and first["date_modified"] == "2099-03-20T00:00:00Z"
    assert first["tags"] == ["High", "Fixed", "Palette", "Palette VerteX"]


def test_index_json_lists_every_record() -> None:
    listing = index_document(RECORDS.values(), PUBLISHER)
    assert listing["updated"] == "2099-03-20T00:00:00Z"
    entries = {entry["id"]: entry for entry in listing["advisories"]}
    assert list(entries) == ["CVE-2099-0001", "CVE-2099-0002"]
    first, second = entries["CVE-2099-0001"], entries["CVE-2099-0002"]
    assert (first["severity"], first["score"], first["status"]) == ("HIGH", 7.5, "fixed")
    assert first["vector"] == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"
    assert first["affected"][0]["versions"] == ["4.4.14", "4.4.18"] and first["fixed_in"][1]["product"] == "vertex"
    assert first["package"] == {"name": "golang.org/x/net", "purl": "pkg:golang/golang.org/x/net@0.16.0",
                                "upstream_fix": True}
    assert first["url"] == SITE + "cve-2099-0001/"
    assert first["osv"] == SITE + osv_path(FIXED) and first["csaf"] == SITE + csaf_path(FIXED)
    assert second["justification"] == "component_not_present" and second["package"] is None
    assert set(first) == set(second)


def test_every_output_is_byte_identical_across_calls() -> None:
    records = list(EVERY.values())

    def everything() -> list[bytes]:
        return [
            atom_feed(RECORDS.values(), PUBLISHER), rss_feed(RECORDS.values(), PUBLISHER),
            json_bytes(json_feed(records, PUBLISHER)), json_bytes(index_document(records, PUBLISHER)),
            json_bytes(provider_metadata(PUBLISHER, SITE + "csaf/", records)),
            *(json_bytes(osv_document(record, PUBLISHER)) for record in records),
            *(json_bytes(csaf_vex_document(record, PUBLISHER)) for record in records),
        ]

    assert everything() == everything()
    assert atom_feed(reversed(list(RECORDS.values())), PUBLISHER) == atom_feed(RECORDS.values(), PUBLISHER)


@pytest.mark.parametrize("make", [atom_feed, rss_feed])
def test_hostile_titles_are_escaped_in_the_xml_feeds(make: Any) -> None:
    record = dataclasses.replace(NOT_AFFECTED, title=HOSTILE, summary=f"Summary with {HOSTILE}")
    data = make([record], PUBLISHER)
    assert b"<script>" not in data and b"&lt;script&gt;" in data
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == f"CVE-2099-0002: {HOSTILE}"
