"""Check exported documents against the committed OSV, CSAF and CVSS JSON Schemas, offline.

Every schema is read from ``schemas/`` (see ``schemas/SOURCES.md``); a ``$ref`` to a
schema's public URL (the CVSS schemas at first.org, the CSAF schema at oasis-open.org)
resolves to the committed copy, and any other remote reference is an error, never a
download. Formats (``date-time``, ``uri``) are checked by this module's own functions,
so a check gives the same answer whatever optional packages are installed.

Beyond the JSON Schemas, :func:`validate_csaf` checks the CVSS objects of ``scores``
against FIRST's schemas (the committed CSAF schema leaves them as plain objects, see
SOURCES.md), a few of CSAF 2.0's mandatory tests (section 6.1) and the ``csaf_vex``
profile (section 4.5).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema  # type: ignore[import-untyped, unused-ignore]
from referencing import Registry, Resource

SCHEMAS = Path(__file__).with_name("schemas")
OSV_URI = "https://raw.githubusercontent.com/ossf/osv-schema/main/validation/schema.json"
CSAF_URI = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json"
PROVIDER_URI = "https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json"
CVSS_URIS = {version: f"https://www.first.org/cvss/cvss-v{version}.json" for version in ("2.0", "3.0", "3.1")}
# the URL each schema is known by -> its committed copy
COMMITTED = {
    OSV_URI: "osv_schema.json",
    CSAF_URI: "csaf_json_schema.json",
    PROVIDER_URI: "provider_json_schema.json",
    **{uri: f"cvss-v{version}.json" for version, uri in CVSS_URIS.items()},
}
STATUS_GROUPS = ("fixed", "known_affected", "known_not_affected", "under_investigation")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")

FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))  # a 30 February raises
    return True


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_SCHEME.match(urlsplit(value).scheme)) and not any(c.isspace() for c in value)


@cache
def registry() -> Registry[Any]:
    """The committed schemas under their public URLs (and each one's own id); nothing is fetched."""
    pairs = []
    for uri, name in COMMITTED.items():
        resource = Resource.from_contents(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))
        pairs.append((uri, resource))
        own = resource.id()
        if own and own != uri:  # the CVSS schemas' ids carry a date: "cvss-v3.1.json?20210501"
            pairs.append((own, resource))
    # a Registry made without ``retrieve`` fails on every URI it does not hold: nothing is ever downloaded
    empty: Registry[Any] = Registry()
    return empty.with_resources(pairs)


@cache
def _validator(uri: str) -> jsonschema.protocols.Validator:
    schema = registry()[uri].contents
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry(), format_checker=FORMATS)


def _errors(uri: str, document: Any, where: str = "$") -> list[str]:
    found = sorted(_validator(uri).iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"{where}{error.json_path[1:]}: {error.message}" for error in found]


def validate_osv(document: Any) -> list[str]:
    """What is wrong with an OSV document (empty: valid)."""
    return _errors(OSV_URI, document)


def validate_provider_metadata(document: Any) -> list[str]:
    """What is wrong with a CSAF ``provider-metadata.json`` (empty: valid)."""
    return _errors(PROVIDER_URI, document)


def validate_csaf(document: Any) -> list[str]:
    """What is wrong with a CSAF 2.0 document: schema, CVSS scores, mandatory tests, VEX profile (empty: valid)."""
    problems = _errors(CSAF_URI, document)
    if problems:
        return problems  # the further checks assume the schema's shape
    problems += _score_problems(document)
    problems += _product_id_problems(document)
    problems += _status_problems(document)
    problems += _version_problems(document)
    if document["document"]["category"] == "csaf_vex":
        problems += vex_profile_problems(document)
    return problems


def _vulnerabilities(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, vulnerability in enumerate(document.get("vulnerabilities", [])):
        yield f"$.vulnerabilities[{index}]", vulnerability


def _score_problems(document: dict[str, Any]) -> list[str]:
    problems = []
    for where, vulnerability in _vulnerabilities(document):
        for index, score in enumerate(vulnerability.get("scores", [])):
            for key in ("cvss_v2", "cvss_v3"):
                if key not in score:
                    continue
                version = "2.0" if key == "cvss_v2" else score[key].get("version")
                path = f"{where}.scores[{index}].{key}"
                if version not in CVSS_URIS or (key == "cvss_v3") != version.startswith("3"):
                    problems.append(f"{path}: CVSS version {version!r} is not one CSAF 2.0 knows for {key}")
                    continue
                problems += _errors(CVSS_URIS[version], score[key], path)
    return problems


def _tree_products(branches: Iterable[dict[str, Any]]) -> Iterator[str]:
    for branch in branches:
        if "product" in branch:
            yield branch["product"]["product_id"]
        yield from _tree_products(branch.get("branches", []))


def defined_product_ids(document: dict[str, Any]) -> list[str]:
    """Every product id the product tree defines, with repeats."""
    tree = document.get("product_tree", {})
    ids = list(_tree_products(tree.get("branches", [])))
    ids += [product["product_id"] for product in tree.get("full_product_names", [])]
    ids += [item["full_product_name"]["product_id"] for item in tree.get("relationships", [])]
    return ids


def _referenced_product_ids(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for group in document.get("product_tree", {}).get("product_groups", []):
        for product in group["product_ids"]:
            yield "$.product_tree.product_groups", product
    for where, vulnerability in _vulnerabilities(document):
        for name, products in vulnerability.get("product_status", {}).items():
            for product in products:
                yield f"{where}.product_status.{name}", product
        for key in ("flags", "threats", "remediations"):
            for item in vulnerability.get(key, []):
                for product in item.get("product_ids", []):
                    yield f"{where}.{key}", product
        for score in vulnerability.get("scores", []):
            for product in score["products"]:
                yield f"{where}.scores", product


def _product_id_problems(document: dict[str, Any]) -> list[str]:
    # CSAF 2.0 tests 6.1.1 (missing definition of product id) and 6.1.2 (multiple definition)
    defined = defined_product_ids(document)
    problems = [f"$.product_tree: product id {product!r} is defined more than once"
                for product in sorted({p for p in defined if defined.count(p) > 1})]
    problems += [f"{where}: product id {product!r} is not defined in the product tree"
                 for where, product in _referenced_product_ids(document) if product not in defined]
    return problems


def _status_problems(document: dict[str, Any]) -> list[str]:
    # test 6.1.6: a product is in at most one of affected, not affected, fixed and under investigation
    problems = []
    for where, vulnerability in _vulnerabilities(document):
        status = vulnerability.get("product_status", {})
        kinds = {"affected": ("first_affected", "known_affected", "last_affected"),
                 "not affected": ("known_not_affected",), "fixed": ("first_fixed", "fixed"),
                 "under investigation": ("under_investigation",)}
        seen: dict[str, str] = {}
        for kind, names in kinds.items():
            for product in {p for name in names for p in status.get(name, [])}:
                if product in seen:
                    problems.append(f"{where}.product_status: {product!r} is both {seen[product]} and {kind}")
                seen.setdefault(product, kind)
    return sorted(problems)


def _version_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.split(r"[.+-]", number)[:3] if part.isdigit())


def _version_problems(document: dict[str, Any]) -> list[str]:
    # test 6.1.16: the document's version is its newest revision's number
    tracking = document["document"]["tracking"]
    numbers = [revision["number"] for revision in tracking["revision_history"]]
    newest = max(numbers, key=_version_key)
    if tracking["version"] != newest:
        return [f"$.document.tracking.version: {tracking['version']!r} is not the newest revision number {newest!r}"]
    return []


def vex_profile_problems(document: dict[str, Any]) -> list[str]:
    """What the ``csaf_vex`` profile (CSAF 2.0 section 4.5) requires and ``document`` lacks."""
    problems = []
    if "product_tree" not in document:
        problems.append("$: a csaf_vex document has a product_tree")
    if "vulnerabilities" not in document:
        problems.append("$: a csaf_vex document has vulnerabilities")
    for where, vulnerability in _vulnerabilities(document):
        if "cve" not in vulnerability and "ids" not in vulnerability:
            problems.append(f"{where}: a csaf_vex vulnerability has a cve or ids")
        if "notes" not in vulnerability:
            problems.append(f"{where}: a csaf_vex vulnerability has notes")
        status = vulnerability.get("product_status", {})
        if not any(status.get(name) for name in STATUS_GROUPS):
            problems.append(f"{where}.product_status: a csaf_vex vulnerability has one of {', '.join(STATUS_GROUPS)}")
        explained = {p for flag in vulnerability.get("flags", []) for p in flag.get("product_ids", [])}
        explained |= {p for threat in vulnerability.get("threats", []) if threat["category"] == "impact"
                      for p in threat.get("product_ids", [])}
        problems += [f"{where}.product_status.known_not_affected: {product!r} has no impact statement (flag or "
                     "impact threat)" for product in status.get("known_not_affected", []) if product not in explained]
        acted = {p for remedy in vulnerability.get("remediations", []) for p in remedy.get("product_ids", [])}
        problems += [f"{where}.product_status.known_affected: {product!r} has no action statement (remediation)"
                     for product in status.get("known_affected", []) if product not in acted]
    return problems
