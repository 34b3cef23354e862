"""Advisory records: one YAML file each, checked against the committed JSON Schema.

Pure functions, no Sphinx. :func:`load_advisories` reads every ``*.yaml``/``*.yml``
file of a folder and returns the records that are sound and a :class:`Problem`
(file, line, message) for each one that is not. A bad record is left out; the
others are kept, so one typo never hides the rest of the bulletins.

What is checked beyond the schema: the CVSS vector parses and its computed score
agrees with a stated one, the vector's version agrees with a stated version, the
products are the site's, the modified date is not before the published one, and
no two records share an id.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from .cvss_rating import CvssError, CvssRating, rate_score, rate_vector

SCHEMA_PATH = Path(__file__).with_name("schemas") / "advisory.schema.json"
RECORD_SUFFIXES = (".yaml", ".yml")
# a record is a few kilobytes; this bounds what a pasted blob or an alias bomb can cost
MAX_RECORD_BYTES = 1_000_000
# no record needs aliases (*name); a few are allowed, and an alias bomb is refused before it expands
MAX_YAML_ALIASES = 50

SEVERITIES = ("NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL")
SEVERITY_LABELS = {"NONE": "None", "LOW": "Low", "MEDIUM": "Medium", "HIGH": "High", "CRITICAL": "Critical"}
STATUS_LABELS = {
    "open": "Open",
    "under_investigation": "Under investigation",
    "fixed": "Fixed",
    "not_affected": "Not affected",
    "will_not_fix": "Will not fix",
    "": "Not stated",
}
DEPLOYMENT_LABELS = {"connected": "Connected", "airgap": "Airgap"}
JUSTIFICATION_LABELS = {
    "component_not_present": "the vulnerable component is not in the product",
    "vulnerable_code_not_present": "the vulnerable code is not in the product",
    "vulnerable_code_not_in_execute_path": "the product never runs the vulnerable code",
    "vulnerable_code_cannot_be_controlled_by_adversary": "an attacker cannot reach the vulnerable code",
    "inline_mitigations_already_exist": "the product already mitigates it",
}
# a stated score is rounded to one decimal, as every CVSS calculator prints it
SCORE_TOLERANCE = 0.05


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with one record file, at a 1-based line."""

    path: Path
    line: int
    message: str


@dataclasses.dataclass(frozen=True)
class Release:
    """Versions of one product in one kind of deployment."""

    product: str
    deployment: str
    versions: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Reference:
    """A link, typed as OSV types references (ADVISORY, FIX, WEB, ...)."""

    type: str
    url: str


@dataclasses.dataclass(frozen=True)
class Revision:
    """One change to the record: a field's old and new value, or a note."""

    date: str
    number: str = ""
    field: str = ""
    old: Any = None
    new: Any = None
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Package:
    """The third-party package the vulnerability is in."""

    name: str
    purl: str = ""
    upstream_fix: bool | None = None


@dataclasses.dataclass(frozen=True)
class Advisory:
    """One checked record. Text fields are as written; Markdown ones are rendered later."""

    id: str
    summary: str
    modified: str
    source: Path
    digest: str
    published: str = ""
    title: str = ""
    status: str = ""
    id_line: int = 1
    field_lines: tuple[tuple[str, int], ...] = ()
    """(field, 1-based line of its first text line) of the Markdown fields: where a problem in them is."""
    aliases: tuple[str, ...] = ()
    details: str = ""
    cvss: CvssRating | None = None
    cwe: tuple[str, ...] = ()
    nist_severity: str = ""
    vendor_severity: str = ""
    first_seen: str = ""
    justification: str = ""
    package: Package | None = None
    affected: tuple[Release, ...] = ()
    fixed_in: tuple[Release, ...] = ()
    remediation: str = ""
    workaround: str = ""
    references: tuple[Reference, ...] = ()
    revisions: tuple[Revision, ...] = ()

    @property
    def slug(self) -> str:
        """The record's page name and its anchor on the index: the id in lower case."""
        return self.id.lower()

    @property
    def heading(self) -> str:
        """``CVE-…: title``, or the id alone when the record has no title."""
        return f"{self.id}: {self.title}" if self.title else self.id

    def summary_start(self, chars: int) -> str:
        """The summary on one line, cut at a word before ``chars`` characters (with an ellipsis)."""
        text = " ".join(self.summary.split())
        return text if len(text) <= chars else text[: chars - 1].rsplit(" ", 1)[0] + "…"

    @property
    def severity(self) -> str:
        """The severity shown: computed from the CVSS vector, else NIST's, else the vendor's."""
        if self.cvss is not None:
            return self.cvss.severity
        return self.nist_severity or self.vendor_severity

    @property
    def products(self) -> tuple[str, ...]:
        """Every product named as affected or fixed, in first-mention order."""
        return tuple(dict.fromkeys(release.product for release in (*self.affected, *self.fixed_in)))


@dataclasses.dataclass(frozen=True)
class AdvisoryCollection:
    """The sound records (newest first) and the problems of the files left out."""

    records: tuple[Advisory, ...]
    problems: tuple[Problem, ...]
    _by_id: dict[str, Advisory] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # made once: every part of every record page looks its record up here
        object.__setattr__(self, "_by_id", {record.id: record for record in self.records})

    def by_id(self) -> dict[str, Advisory]:
        """id -> record (shared: do not modify it)."""
        return self._by_id


class _LimitedComposer(Composer):
    """Counts aliases: values are expanded later, so an alias bomb stops here."""

    aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise ComposerError(None, None, f"more than {MAX_YAML_ALIASES} aliases (*name): write the values out",
                                    self.parser.peek_event().start_mark)
        return super().compose_node(parent, index)


class _RecordConstructor(RoundTripConstructor):
    """Dates stay text (the schema checks them); a duplicate key is an error, as in js-yaml."""


_RecordConstructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
_RecordConstructor.add_constructor(None, SafeConstructor.construct_undefined)


@cache
def record_schema() -> dict[str, Any]:
    """The committed JSON Schema of a record."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = record_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


class UnsafeValueError(ValueError):
    """A value no page, feed or JSON document can hold; ``where`` is its path in the record."""

    def __init__(self, where: list[Any], message: str) -> None:
        super().__init__(message)
        self.where = where


# control characters other than tab and line feed (YAML's escapes can write them: "\e", "\x0b"),
# and lone surrogates ("\ud800"): XML feeds, files and HTML cannot hold them
_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _plain(value: Any, where: list[Any] | None = None) -> Any:
    """ruamel's round-trip types as plain values (records are pickled with the environment)."""
    where = where or []
    if isinstance(value, Mapping):
        return {str(key): _plain(item, [*where, str(key)]) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, [*where, index]) for index, item in enumerate(value)]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise UnsafeValueError(where, f"{_dotted(where)} is {value}: write a number")
        return float(value)
    text = str(value)
    found = _UNSAFE_TEXT.search(text)
    if found:
        raise UnsafeValueError(where, f"{_dotted(where)} holds U+{ord(found.group()):04X}, a control character or lone "
                                  "surrogate that no page or feed can hold: remove it")
    return text


def _line_of(raw: Any, path: Sequence[Any]) -> int:
    """The 1-based line of the value at ``path`` in the loaded YAML (its nearest known parent's)."""
    line = 0
    node = raw
    for part in path:
        lines = getattr(node, "lc", None)
        try:
            if isinstance(node, Mapping) and part in node:
                line = lines.key(part)[0] if lines is not None else line
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                line = lines.item(part)[0] if lines is not None else line
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
        node = node[part]
    return line + 1


def _dotted(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _schema_problems(path: Path, raw: Any, data: Any) -> list[Problem]:
    problems = []
    missing: set[tuple[str, str]] = set()
    errors = sorted(
        _validator().iter_errors(data), key=lambda error: (list(map(str, error.absolute_path)), error.message)
    )
    for error in errors:
        where = list(error.absolute_path)
        name = _dotted(where) or "the record"
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
            known = set(schema.get("properties", {}))
            for key in sorted(set(error.instance) - known):
                problems.append(Problem(
                    path, _line_of(raw, [*where, key]),
                    f"unknown field '{_dotted([*where, key])}': remove it or correct its name "
                    f"(the fields of {name} are {', '.join(sorted(known))})",
                ))
            continue
        if error.validator == "required" and isinstance(error.instance, Mapping):
            # jsonschema reports each missing key as its own error, each naming all required keys
            required = error.validator_value if isinstance(error.validator_value, list) else []
            for key in [key for key in required if key not in error.instance]:
                if (name, key) not in missing:
                    missing.add((name, key))
                    problems.append(_missing(path, raw, where, name, key, error.instance))
            continue
        if error.validator == "anyOf" and where == ["cvss"]:
            problems.append(Problem(path, _line_of(raw, where), "cvss needs its vector (or, when the source gives "
                                    "none, the score): add 'vector: CVSS:3.1/...'"))
            continue
        hint = _HINTS.get(str(error.validator), "")
        if error.validator == "pattern" and where == ["id"]:
            hint = " (write a CVE id such as CVE-2024-12345, or a GitHub advisory id GHSA-xxxx-xxxx-xxxx)"
        if error.validator == "type" and error.validator_value == "array":
            hint = " (write a list: [a, b] or one '- item' per line)"
        problems.append(Problem(path, _line_of(raw, where), f"{name}: {error.message}{hint}"))
    return problems


def _missing(path: Path, raw: Any, where: list[Any], name: str, key: str, instance: Mapping[str, Any]) -> Problem:
    if key == "justification" and instance.get("status") == "not_affected":
        labels = ", ".join(record_schema()["properties"]["justification"]["enum"])
        return Problem(
            path, _line_of(raw, [*where, "status"]),
            f"status is not_affected but the record gives no justification: add 'justification:' with one of {labels}",
        )
    return Problem(path, _line_of(raw, where), f"{name} has no '{key}': add it (it is required)")


_HINTS = {
    "format": " (write dates as YYYY-MM-DD)",
    "pattern": " (see the field's pattern in schemas/advisory.schema.json)",
}


ID_PATTERN = re.compile(r"CVE-[0-9]{4}-[0-9]{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}")
MARKDOWN_FIELDS = ("details", "remediation", "workaround")
# MyST directives and roles run code-level features (eval-rst, include, raw): a record's Markdown
# is the text of a bulletin, not a way to pull files or raw markup into the site
_DIRECTIVE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*\{|\{[a-z][a-z0-9_:+-]*\}`", re.MULTILINE)


def _text_line(raw: Any, field: str) -> int:
    """The line a Markdown field's text starts on: the line after ``field: |``, or the key's own."""
    line = _line_of(raw, [field])
    value = raw.get(field) if isinstance(raw, Mapping) else None
    return line + 1 if type(value).__name__ in ("LiteralScalarString", "FoldedScalarString") else line


def _markdown_problems(path: Path, raw: Any, data: Mapping[str, Any]) -> list[Problem]:
    problems = []
    for field in MARKDOWN_FIELDS:
        text = data.get(field, "")
        found = _DIRECTIVE.search(text) if isinstance(text, str) else None
        if found:
            problems.append(Problem(
                path, _text_line(raw, field) + text.count("\n", 0, found.start()),
                f"{field} uses MyST directive or role syntax ({found.group().strip()}): write plain Markdown "
                "(links, lists, emphasis, code)",
            ))
    return problems


def _releases(values: Sequence[Mapping[str, Any]]) -> tuple[Release, ...]:
    return tuple(
        Release(str(item["product"]), str(item["deployment"]), tuple(str(v) for v in item["versions"]))
        for item in values
    )


def _build(path: Path, digest: str, raw: Any, data: Mapping[str, Any], rating: CvssRating | None) -> Advisory:
    severity = data.get("severity") or {}
    package = data.get("package")
    return Advisory(
        id=data["id"],
        title=data.get("title", "").strip(),
        summary=data["summary"].strip(),
        published=data.get("published", ""),
        modified=data["modified"],
        status=data.get("status", ""),
        source=path,
        digest=digest,
        id_line=_line_of(raw, ["id"]),
        field_lines=tuple((field, _text_line(raw, field)) for field in MARKDOWN_FIELDS if field in data),
        aliases=tuple(data.get("aliases", ())),
        details=data.get("details", "").strip(),
        cvss=rating,
        cwe=tuple(data.get("cwe", ())),
        nist_severity=severity.get("nist", ""),
        vendor_severity=severity.get("vendor", ""),
        first_seen=data.get("first_seen", ""),
        justification=data.get("justification", ""),
        package=Package(package["name"], package.get("purl", ""), package.get("upstream_fix")) if package else None,
        affected=_releases(data.get("affected", ())),
        fixed_in=_releases(data.get("fixed_in", ())),
        remediation=data.get("remediation", "").strip(),
        workaround=data.get("workaround", "").strip(),
        references=tuple(Reference(item["type"], item["url"]) for item in data.get("references", ())),
        revisions=tuple(
            Revision(
                date=item["date"], number=item.get("number", ""), field=item.get("field", ""),
                old=item.get("from"), new=item.get("to"), note=item.get("note", ""),
            )
            for item in data.get("revisions", ())
        ),
    )


def _rating(path: Path, raw: Any, data: Mapping[str, Any]) -> tuple[CvssRating | None, list[Problem]]:
    cvss = data.get("cvss")
    if not cvss:
        return None, []
    if "vector" not in cvss:
        return rate_score(float(cvss["score"]), cvss.get("version", "")), []
    try:
        rating = rate_vector(cvss["vector"])
    except CvssError as error:
        return None, [Problem(
            path, _line_of(raw, ["cvss", "vector"]),
            f"cvss.vector '{cvss['vector']}' is not a CVSS vector ({error}): copy the vector string from the "
            "NVD or vendor advisory, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        )]
    problems = []
    stated = cvss.get("version")
    if stated is not None and stated != rating.version:
        problems.append(Problem(
            path, _line_of(raw, ["cvss", "version"]),
            f"cvss.version is {stated} but the vector is CVSS {rating.version}: correct the version or remove it "
            "(the vector says it)",
        ))
    score = cvss.get("score")
    if score is not None and abs(float(score) - rating.score) > SCORE_TOLERANCE:
        problems.append(Problem(
            path, _line_of(raw, ["cvss", "score"]),
            f"cvss.score is {score} but the vector {rating.vector} scores {rating.score}: correct the vector, or "
            "remove the score (it is computed from the vector)",
        ))
    return rating, problems


def _product_problems(path: Path, raw: Any, data: Mapping[str, Any], products: Mapping[str, str]) -> list[Problem]:
    problems = []
    for field in ("affected", "fixed_in"):
        for index, release in enumerate(data.get(field, ())):
            if release["product"] not in products:
                problems.append(Problem(
                    path, _line_of(raw, [field, index, "product"]),
                    f"{field}[{index}].product '{release['product']}' is not a product of this site: use one of "
                    f"{', '.join(sorted(products))} (the advisory_products setting in conf.py)",
                ))
    return problems


def _load_yaml(path: Path, text: str) -> tuple[Any, Problem | None]:
    reader = YAML(typ="rt", pure=True)
    reader.Composer = _LimitedComposer
    reader.Constructor = _RecordConstructor
    reader.allow_duplicate_keys = False
    try:
        return reader.load(text), None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = " ".join(part for part in (error.context, error.problem) if part) or str(error)
        return None, Problem(path, (mark.line + 1) if mark else 1, f"invalid YAML ({what.strip()}): fix the syntax")
    except (YAMLError, ValueError, TypeError, RecursionError) as error:
        return None, Problem(path, 1, f"the YAML cannot be read ({type(error).__name__}: {error}): fix it")


def load_record(path: Path, products: Mapping[str, str]) -> tuple[Advisory | None, list[Problem]]:
    """One record file: the record, or None and why it is left out."""
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            return None, [Problem(path, 1, f"the record is larger than {MAX_RECORD_BYTES:,} bytes: shorten it")]
        data_bytes = path.read_bytes()
    except OSError as error:
        return None, [Problem(path, 1, f"the file cannot be read ({error.strerror or error})")]
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data_bytes[: error.start].count(b"\n") + 1
        return None, [Problem(path, line, "the file is not UTF-8 text: save it as UTF-8")]
    raw, problem = _load_yaml(path, text)
    if problem is not None:
        return None, [problem]
    if not isinstance(raw, Mapping):
        kind = "an empty file" if raw is None else "a list" if isinstance(raw, list) else f"a {type(raw).__name__}"
        return None, [Problem(path, 1, f"a record is a YAML mapping of fields (id: ..., summary: ...), not {kind}")]
    try:
        data = _plain(raw)
    except RecursionError:
        return None, [Problem(path, 1, "the record nests too deeply")]
    except UnsafeValueError as error:
        return None, [Problem(path, _line_of(raw, error.where), str(error))]
    problems = _schema_problems(path, raw, data)
    if not problems and not ID_PATTERN.fullmatch(data["id"]):
        # JSON Schema's "$" lets a trailing line end through ("CVE-2024-1\n"): ids are matched whole here
        problems.append(Problem(
            path, _line_of(raw, ["id"]), f"id {data['id']!r} has characters after the id: remove them",
        ))
    problems += _markdown_problems(path, raw, data)
    if problems:
        return None, problems
    rating, problems = _rating(path, raw, data)
    problems += _product_problems(path, raw, data, products)
    latest = max((item["date"] for item in data.get("revisions", ())), default="")
    if latest > data["modified"]:
        problems.append(Problem(
            path, _line_of(raw, ["modified"]),
            f"modified ({data['modified']}) is before the last revision ({latest}): set it to {latest} or later",
        ))
    if data.get("justification") and data.get("status") != "not_affected":
        problems.append(Problem(
            path, _line_of(raw, ["justification"]),
            f"justification says why a product is not affected, but the status is {data.get('status') or 'not given'}: "
            "set 'status: not_affected' or remove the justification",
        ))
    if data["modified"] < data.get("published", data["modified"]):
        problems.append(Problem(
            path, _line_of(raw, ["modified"]),
            f"modified ({data['modified']}) is before published ({data['published']}): correct one of them",
        ))
    if problems:
        return None, problems
    digest = hashlib.sha256(data_bytes).hexdigest()
    return _build(path, digest, raw, data, rating), []


def record_files(folder: Path) -> list[Path]:
    """The record files of ``folder`` (and its subfolders), in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(
        (path for path in folder.rglob("*") if path.suffix in RECORD_SUFFIXES and path.is_file()
         and not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts)),
        key=lambda path: path.relative_to(folder).as_posix(),
    )


def newest_first(records: Iterable[Advisory]) -> tuple[Advisory, ...]:
    """Newest published first (a record without a published date counts from its last change);
    the same day, the most recently modified, then by id."""
    ordered = sorted(records, key=lambda record: record.id)
    ordered.sort(key=lambda record: (record.published or record.modified, record.modified), reverse=True)
    return tuple(ordered)


def load_advisories(folder: Path, products: Mapping[str, str]) -> AdvisoryCollection:
    """Every record of ``folder``: the sound ones, newest first, and the problems of the others."""
    records: dict[str, Advisory] = {}
    problems: list[Problem] = []
    for path in record_files(folder):
        record, found = load_record(path, products)
        problems += found
        if record is None:
            continue
        other = records.get(record.id)
        if other is not None:
            problems.append(Problem(
                path, record.id_line,
                f"{record.id} is already the id of {other.source.name}: give each vulnerability one record",
            ))
            continue
        records[record.id] = record
    return AdvisoryCollection(newest_first(records.values()), tuple(problems))
