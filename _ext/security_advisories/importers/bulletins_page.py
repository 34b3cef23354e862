"""The older hand-written bulletins page (``security/security-bulletins/cve-reports.md``).

One ``## <Month D, YYYY> - <CVE id> <title> - <score> CVSS`` heading per bulletin, newest at the
top, then a description and subsections (### or ####): Impact, Patches (older ones: Resolution),
Workarounds, References, sometimes Affected Products. The HTML comment at the top (the template
for a new bulletin) is raw HTML and left out, as are the ``<br />`` spacers.

Mapping (page part -> record field):

- heading date -> ``published``, and ``modified`` (the page gives one date per bulletin; reported
  as derived); heading id -> ``id``; heading text between id and score -> ``title``
- the description's first paragraph -> ``summary`` (plain text; a link's URL is reported);
  further description paragraphs, then Impact -> ``details`` (Markdown as written)
- Patches / Resolution -> ``remediation``; Workarounds -> ``workaround`` (Markdown as written)
- References: each link -> ``references`` (the NVD page of the bulletin's id: ADVISORY; any other
  link WEB, and an NVD page of another id is reported)
- the heading's score (``- 7.8 CVSS``) -> ``cvss.score``, without a vector or a version (the page
  gives neither); Affected Products (free text) -> not mapped

The page gives no status: ``status`` stays empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from markdown_it.token import Token

from . import (
    Imported,
    Note,
    Section,
    add_reference,
    add_score,
    block_line,
    block_links,
    block_text,
    blocks,
    cvss_score,
    is_html,
    long_date,
    markdown_parser,
    markdown_source,
    nvd_id,
    relative_links,
    short,
    split_front_matter,
    split_sections,
)

SOURCE = "bulletins page"

_HEADING = re.compile(
    r"(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s+-\s+(?P<id>CVE-\d{4}-\d{4,})\s+(?:-\s+)?(?P<title>.+?)"
    r"\s+-\s+(?P<score>\d{1,2}(?:\.\d+)?)\s+CVSS"
)
_SUBSECTIONS = {
    "impact": "details",
    "patches": "remediation",
    "resolution": "remediation",
    "workarounds": "workaround",
    "workaround": "workaround",
    "references": "references",
}


def detect(text: str) -> bool:
    """Whether a page has bulletin headings."""
    body, _ = split_front_matter(text)
    _leading, sections = split_sections(blocks(markdown_parser().parse(body)), (2,))
    return any(_HEADING.fullmatch(section.title) for section in sections)


def import_bulletins_page(path: Path, text: str) -> tuple[list[Imported], list[Note]]:
    """One record per bulletin, in page order (newest first), and notes about the page."""
    body, _ = split_front_matter(text)
    lines = body.split("\n")
    _leading, sections = split_sections(blocks(markdown_parser().parse(body)), (2,))
    records: list[Imported] = []
    notes: list[Note] = []
    for section in sections:
        match = _HEADING.fullmatch(section.title)
        if match is None:
            notes.append(Note("skipped", f"heading {short(section.title)} is not '<date> - <CVE id> <title> - "
                                         "<score> CVSS'", path, section.line))
            continue
        records.append(_bulletin(path, lines, section, match, len(records)))
    return records, notes


def _bulletin(path: Path, lines: Sequence[str], section: Section, match: re.Match[str], index: int) -> Imported:
    imported = Imported({}, path, section.line, SOURCE)
    record = imported.record
    record["id"] = match.group("id").upper()
    record["title"] = match.group("title").strip()
    day = long_date(match.group("date"))
    if day is None:
        imported.note("unmapped", f"heading date {short(match.group('date'))} is not a date", section.line)
    else:
        record["published"] = record["modified"] = day
        imported.note("derived", f"modified = {day}, the bulletin's date (the page gives no later one)",
                      section.line)
    score = cvss_score(match.group("score"))
    if score is None:
        imported.note("unmapped", f"heading score {match.group('score')} CVSS: not a CVSS score (0-10); cvss left "
                                  "empty", section.line)
    else:
        add_score(imported, score, f"heading score {match.group('score')} CVSS", section.line)
    description, subsections = split_sections(section.blocks, (3, 4, 5, 6))
    description = [block for block in description if not is_html(block)]
    details: list[list[Token]] = []
    if description:
        first = description[0]
        record["summary"] = block_text(first)
        imported.lines["summary"] = block_line(first)
        for text, url in block_links(first):
            imported.note("unmapped", f"summary: the URL of the link {short(text)} ({url}); its text is kept",
                          block_line(first))
        if description[1:]:
            imported.note("derived", f"details: {len(description) - 1} more description paragraph(s) put before "
                                     "the Impact text", block_line(description[1]))
        details.extend(description[1:])
    for subsection in subsections:
        content = [block for block in subsection.blocks if not is_html(block)]
        field = _SUBSECTIONS.get(subsection.title.lower())
        if field is not None:
            imported.lines.setdefault(field, subsection.line)
        if field is None:
            text = " ".join(block_text(block) for block in content)
            imported.note("unmapped", f"subsection {short(subsection.title)}: {short(text)}", subsection.line)
        elif field == "details":
            details.extend(content)
        elif field == "references":
            _references(imported, content)
        elif content:
            record[field] = markdown_source(lines, content)
            relative_links(imported, field, content)
    if details:
        imported.lines["details"] = block_line(details[0])
        record["details"] = markdown_source(lines, details)
        relative_links(imported, "details", details)
    if not record.get("references"):
        record.pop("references", None)
    # the page is newest first: of two bulletins of one day, the upper one is the newer
    imported.recency = (record.get("modified", ""), -index)
    return imported


def _references(imported: Imported, content: Sequence[list[Token]]) -> None:
    record = imported.record
    for block in content:
        for text, url in block_links(block):
            named = nvd_id(url)
            if named is not None and named != record["id"]:
                imported.note("warning", f"reference [{text}]({url}) is the NVD page of {named}, not of "
                                         f"{record['id']}: kept as WEB", block_line(block))
            elif named is not None and text.upper() != named and text.upper().startswith("CVE-"):
                imported.note("warning", f"reference text {short(text)} names another id than its URL ({url})",
                              block_line(block))
            add_reference(record, url)
        if not block_links(block) and block_text(block):
            imported.note("unmapped", f"References text {short(block_text(block))}", block_line(block))
