"""Importers: the live Palette docs site's bulletin formats turned into advisory records.

Three sources, one module each: the per-CVE report pages (:mod:`.report_pages`), the older
hand-written bulletins page (:mod:`.bulletins_page`) and the advisory API's records
(:mod:`.api_records`). Each gives :class:`Imported` records, a dict of schema fields that holds
only what the source says, with :class:`Note` s that say what could not be mapped and how a
field was derived. :func:`merge` joins the records that share an id, :mod:`.writer` writes them
as YAML, and ``python -m security_advisories.importers FROM [FROM ...] TO`` does it all and reports.

This module holds what the importers share: the model, dates and ids, the Markdown helpers
(markdown-it tokens; small regexes only on text already taken out of the tokens) and the merge.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

# The live site's two editions; the pages call the first one "Palette Enterprise".
PRODUCTS = {"palette": "Palette", "vertex": "Palette VerteX"}

# The live site shows Open and Ongoing alike (a magnifier) and Fixed and Closed alike (a tick):
# src/components/CveReportsTable/CveReportsTable.tsx, statusPriority and the Status column.
STATUS_MAP = {"open": "open", "ongoing": "open", "fixed": "fixed", "closed": "fixed"}

MARKDOWN_FIELDS = ("details", "remediation", "workaround")
DATE_FIELDS = ("published", "modified", "first_seen")
# joined on a merge; any other field holds one value, the newer source's on a conflict
LIST_FIELDS = ("aliases", "cwe", "affected", "fixed_in", "references", "revisions")
# the dates a merge takes from every source, not from the newer one: the first publication is the
# earliest source's, the last change the latest source's
EARLIEST_FIELDS = ("published",)
LATEST_FIELDS = ("modified",)


@dataclasses.dataclass(frozen=True)
class Note:
    """One thing the report says: kind is unmapped, derived, mapped, merged, conflict, warning or skipped."""

    kind: str
    message: str
    path: Path | None = None
    line: int = 0

    def where(self) -> str:
        """``file:line``, ``file`` or nothing."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclasses.dataclass
class Imported:
    """One record as one source gives it, and what the report says about it."""

    record: dict[str, Any]
    path: Path
    line: int
    source: str
    notes: list[Note] = dataclasses.field(default_factory=list)
    # a merge keeps the newer source's value: (the source's latest date, a tie-breaker for one day)
    recency: tuple[str, int] = ("", 0)
    # field -> the 1-based source line that gives it, where it is not the record's own line
    lines: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def id(self) -> str:
        """The record's id, or ``""`` when the source gives none."""
        return str(self.record.get("id", ""))

    def note(self, kind: str, message: str, line: int = 0) -> None:
        """Add a note at a 1-based line of the source."""
        self.notes.append(Note(kind, message, self.path, line))


# --- dates and ids -----------------------------------------------------------------------------

_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_CVE_ID = re.compile(r"CVE-\d{4}-\d{4,}", re.IGNORECASE)
_GHSA_ID = re.compile(r"GHSA(-[23456789cfghjmpqrvwx]{4}){3}", re.IGNORECASE)


def us_date(text: str) -> str | None:
    """``10/10/2024`` or ``7/16/24`` (month first, as the report pages write them) as YYYY-MM-DD."""
    match = _US_DATE.fullmatch(text.strip())
    if match is None:
        return None
    month, day, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        year += 2000
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def long_date(text: str) -> str | None:
    """``October 6, 2023`` or ``September 01, 2023`` as YYYY-MM-DD."""
    try:
        return datetime.datetime.strptime(text.strip(), "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def iso_date(text: str) -> str | None:
    """An ISO 8601 timestamp's UTC day (the live site prints ``getUTCDate()``), as YYYY-MM-DD."""
    try:
        moment = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.date().isoformat()


def advisory_id(text: str) -> str | None:
    """A CVE or GHSA id in the schema's spelling, or None."""
    text = text.strip()
    if _CVE_ID.fullmatch(text):
        return text.upper()
    if _GHSA_ID.fullmatch(text):
        return "GHSA" + text[4:].lower()
    return None


def nvd_id(url: str) -> str | None:
    """The id an NVD detail URL names (``https://nvd.nist.gov/vuln/detail/<id>``), or None."""
    parts = urlsplit(url)
    if parts.hostname != "nvd.nist.gov" or not parts.path.lower().startswith("/vuln/detail/"):
        return None
    return advisory_id(parts.path.rstrip("/").rsplit("/", 1)[-1])


def reference(url: str, record_id: str) -> dict[str, str]:
    """A reference: the NVD page of the record's own id is its ADVISORY, any other link WEB."""
    return {"type": "ADVISORY" if nvd_id(url) == record_id else "WEB", "url": url}


def add_reference(record: dict[str, Any], url: str) -> None:
    """Add a link to the record's references once."""
    references = record.setdefault("references", [])
    if all(item["url"] != url for item in references):
        references.append(reference(url, str(record.get("id", ""))))


def add_release(releases: list[dict[str, Any]], product: str, deployment: str, versions: Iterable[str]) -> None:
    """Add versions of one product and deployment, joining an entry that names the same pair."""
    for release in releases:
        if release["product"] == product and release["deployment"] == deployment:
            release["versions"] = list(dict.fromkeys([*release["versions"], *versions]))
            return
    releases.append({"product": product, "deployment": deployment, "versions": list(dict.fromkeys(versions))})


_SCORE = re.compile(r"\d{1,2}(?:\.\d+)?")


def cvss_score(text: str) -> float | None:
    """A bare CVSS base score (``9.8``, ``10``) as a number, or None for anything else or out of 0-10."""
    text = text.strip()
    if not _SCORE.fullmatch(text):
        return None
    score = float(text)
    return score if 0 <= score <= 10 else None


def add_score(imported: Imported, score: float, what: str, line: int) -> None:
    """Map a score a source states without its vector to ``cvss.score`` (no version: no source says it)."""
    imported.record["cvss"] = {"score": score}
    imported.lines["cvss"] = line
    imported.note("mapped", f"{what} -> cvss.score {score:g} (the source gives no vector, nor the CVSS version)",
                  line)


def short(value: Any, limit: int = 70) -> str:
    """A value for one line of the report."""
    text = " ".join(str(value).split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --- Markdown ----------------------------------------------------------------------------------


def markdown_parser() -> MarkdownIt:
    """CommonMark with tables, as the live pages are written."""
    return MarkdownIt("commonmark").enable("table")


def split_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """The text with its front matter lines blanked (so token lines stay the file's) and the front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return text, {}
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        return text, {}
    try:
        data = YAML(typ="safe", pure=True).load("\n".join(lines[1:end]))
    except YAMLError:
        data = None
    blanked = [""] * (end + 1) + lines[end + 1:]
    return "\n".join(blanked), data if isinstance(data, dict) else {}


def blocks(tokens: Sequence[Token]) -> list[list[Token]]:
    """The top-level blocks of a token stream: each opening token up to its closing one, or one token."""
    found: list[list[Token]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index
        if token.nesting == 1:
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
        found.append(list(tokens[index:end + 1]))
        index = end + 1
    return found


def block_line(block: Sequence[Token]) -> int:
    """A block's first line, 1-based (0 when markdown-it gives none)."""
    for token in block:
        if token.map:
            return token.map[0] + 1
    return 0


def is_heading(block: Sequence[Token]) -> bool:
    """Whether a block is a heading."""
    return bool(block) and block[0].type == "heading_open"


def is_html(block: Sequence[Token]) -> bool:
    """Whether a block is raw HTML (the pages' ``<br />`` spacers and comments)."""
    return bool(block) and block[0].type == "html_block"


def heading_level(block: Sequence[Token]) -> int:
    """1 for ``#``, 2 for ``##`` and so on."""
    return int(block[0].tag[1:])


def inline_text(token: Token) -> str:
    """The plain text an inline token shows: link text without its URL, code without backticks."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(inline_text(child))
    return " ".join("".join(parts).split())


def inline_links(token: Token) -> list[tuple[str, str]]:
    """The links of an inline token: (text, URL)."""
    links: list[tuple[str, str]] = []
    children = token.children or []
    for index, child in enumerate(children):
        if child.type != "link_open":
            continue
        text = []
        for inner in children[index + 1:]:
            if inner.type == "link_close":
                break
            if inner.type in ("text", "code_inline"):
                text.append(inner.content)
        links.append(("".join(text).strip(), str(child.attrGet("href") or "")))
    return links


def block_inlines(block: Sequence[Token]) -> list[Token]:
    """The inline tokens of a block, in order."""
    return [token for token in block if token.type == "inline"]


def block_text(block: Sequence[Token]) -> str:
    """A block's plain text, its inlines joined by spaces."""
    return " ".join(text for text in (inline_text(token) for token in block_inlines(block)) if text)


def block_links(block: Sequence[Token]) -> list[tuple[str, str]]:
    """Every link of a block."""
    return [link for token in block_inlines(block) for link in inline_links(token)]


def markdown_source(lines: Sequence[str], found: Iterable[Sequence[Token]]) -> str:
    """The Markdown of blocks as written (raw HTML left out), one blank line between blocks."""
    parts = []
    for block in found:
        if is_html(block) or not block or not block[0].map:
            continue
        start, end = block[0].map
        text: list[str] = []
        for line in lines[start:end]:
            line = line.rstrip()
            if line or (text and text[-1]):
                text.append(line)
        parts.append("\n".join(text).strip("\n"))
    return "\n\n".join(part for part in parts if part)


def list_items(block: Sequence[Token]) -> list[tuple[int, str]]:
    """The items of a bullet or ordered list: (1-based line, plain text)."""
    if not block or block[0].type not in ("bullet_list_open", "ordered_list_open"):
        return []
    level = block[0].level + 1
    items = []
    for index, token in enumerate(block):
        if token.type == "list_item_open" and token.level == level:
            depth = 0
            inlines = []
            for inner in block[index:]:
                depth += inner.nesting
                if inner.type == "inline":
                    inlines.append(inline_text(inner))
                if depth == 0:
                    break
            items.append(((token.map[0] + 1) if token.map else 0, " ".join(inlines)))
    return items


def table_rows(block: Sequence[Token]) -> tuple[list[str], list[tuple[int, list[Token]]]]:
    """A table's header texts and its body rows: (1-based line, the cells' inline tokens)."""
    header: list[str] = []
    rows: list[tuple[int, list[Token]]] = []
    in_head = False
    row: list[Token] = []
    row_line = 0
    for token in block:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row, row_line = [], (token.map[0] + 1) if token.map else 0
        elif token.type == "inline":
            row.append(token)
        elif token.type == "tr_close":
            if in_head:
                header = [inline_text(cell) for cell in row]
            else:
                rows.append((row_line, row))
    return header, rows


@dataclasses.dataclass
class Section:
    """A heading and the blocks up to the next heading of the levels split at."""

    title: str
    level: int
    line: int
    blocks: list[list[Token]]


def split_sections(found: Sequence[list[Token]], levels: Iterable[int]) -> tuple[list[list[Token]], list[Section]]:
    """The blocks before the first heading of ``levels``, and one section per such heading."""
    wanted = set(levels)
    leading: list[list[Token]] = []
    sections: list[Section] = []
    for block in found:
        if is_heading(block) and heading_level(block) in wanted:
            sections.append(Section(block_text(block), heading_level(block), block_line(block), []))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            leading.append(block)
    return leading, sections


def relative_links(imported: Imported, field: str, found: Iterable[Sequence[Token]]) -> None:
    """Warn of links without a scheme in a Markdown field: they point into the live site."""
    for block in found:
        for text, url in block_links(block):
            if url and not urlsplit(url).scheme:
                imported.note(
                    "warning", f"{field}: the link [{text}]({url}) is relative to the live site; kept as written",
                    block_line(block),
                )


# --- merging -----------------------------------------------------------------------------------


def _join(field: str, old: list[Any], new: list[Any]) -> list[Any]:
    if field in ("affected", "fixed_in"):
        releases = copy.deepcopy(old)
        for release in new:
            add_release(releases, release["product"], release["deployment"], release["versions"])
        return releases
    if field == "references":
        joined = {item["url"]: item for item in old}
        joined.update({item["url"]: item for item in new})
        return list(joined.values())
    if field == "revisions":
        seen: list[Any] = []
        for item in [*old, *new]:
            if item not in seen:
                seen.append(item)
        return sorted(seen, key=lambda item: item["date"])
    return list(dict.fromkeys([*old, *new]))


def merge(items: Sequence[Imported]) -> tuple[dict[str, Any], list[Note]]:
    """One record from every source of one id: lists joined, ``published`` the earliest date of the
    sources and ``modified`` the latest, any other conflicting value the newer source's."""
    ordered = sorted(items, key=lambda item: item.recency)
    record: dict[str, Any] = {}
    notes: list[Note] = []
    origin: dict[str, Imported] = {}
    dates: dict[str, list[tuple[str, Imported]]] = {}
    for item in ordered:
        notes.extend(item.notes)
    if len(ordered) > 1:
        sources = "; ".join(f"{item.path}:{item.line} ({item.source})" for item in reversed(ordered))
        notes.append(Note("merged", f"{len(ordered)} sources give {ordered[0].id}, newest first: {sources}"))
    for item in ordered:
        for field, value in item.record.items():
            if field in EARLIEST_FIELDS or field in LATEST_FIELDS:
                dates.setdefault(field, []).append((str(value), item))
            if field not in record:
                record[field] = copy.deepcopy(value)
                origin[field] = item
            elif field in LIST_FIELDS:
                record[field] = _join(field, record[field], value)
            elif field in EARLIEST_FIELDS or field in LATEST_FIELDS:
                # YYYY-MM-DD: the text's order is the dates' order
                if (value < record[field]) if field in EARLIEST_FIELDS else (value > record[field]):
                    record[field] = value
                    origin[field] = item
            elif isinstance(value, dict) and isinstance(record[field], dict):
                for key, inner in value.items():
                    if key in record[field] and record[field][key] != inner:
                        notes.append(_conflict(f"{field}.{key}", record[field][key], origin[field], inner, item))
                    record[field][key] = inner
            elif record[field] != value:
                notes.append(_conflict(field, record[field], origin[field], value, item))
                record[field] = copy.deepcopy(value)
                origin[field] = item
    for field, given in dates.items():
        if len({value for value, _item in given}) > 1:
            notes.append(_date_kept(field, record[field], origin[field], given))
    return record, notes


def _date_kept(field: str, kept: str, kept_item: Imported, given: Sequence[tuple[str, Imported]]) -> Note:
    """The note on a date the sources disagree on: which one the merge kept, and why."""
    def where(item: Imported) -> str:
        return f"{item.path.name}:{item.lines.get(field, item.line)}"

    others = ", ".join(f"{short(value)} ({where(item)})" for value, item in given if value != kept)
    rule = "the earliest date of the sources" if field in EARLIEST_FIELDS else "the latest date of the sources"
    return Note("merged", f"{field}: kept {short(kept)} ({where(kept_item)}, {rule}) over {others}",
                kept_item.path, kept_item.lines.get(field, kept_item.line))


def _conflict(field: str, old: Any, old_item: Imported, new: Any, new_item: Imported) -> Note:
    top = field.split(".", 1)[0]
    old_line = old_item.lines.get(top, old_item.line)
    new_line = new_item.lines.get(top, new_item.line)
    return Note(
        "conflict",
        f"{field}: kept {short(new)} ({new_item.path.name}:{new_line}, the newer source) over "
        f"{short(old)} ({old_item.path.name}:{old_line})",
        new_item.path, new_line,
    )
