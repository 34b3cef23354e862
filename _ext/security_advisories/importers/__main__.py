"""``python -m security_advisories.importers FROM [FROM ...] TO``: import the live site's bulletins.

Each FROM is a folder (read with its subfolders) or one file; a file named twice is read once. A
``.md`` file is a report page (either layout) or the old bulletins page; a ``.json`` file holds API
records (a list, one record, or lists keyed by edition as the live site's data.json). The records
of one id, from every FROM, are merged, written to TO as ``<ID>.yaml``, and each written file is
checked with ``records.load_record``. A file already in TO is replaced, not merged with: import
every source of a record in one run (several FROMs) to have them merged.

The report names, per record, every source field that could not be mapped (file and line), how
fields were derived or mapped, what a merge joined or overrode, every record field left empty (the
schema's required ones marked) and why a record does not load. Exit status: 0 when every written
record loads, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ..records import load_record, record_schema
from . import PRODUCTS, Imported, Note, merge
from .api_records import JsonError, import_api_records
from .bulletins_page import detect as is_bulletins_page
from .bulletins_page import import_bulletins_page
from .report_pages import detect as report_layout
from .report_pages import import_report_page
from .writer import record_path, write_record

PROG = "python -m security_advisories.importers"
SUFFIXES = (".md", ".json")
# the report's order of a record's notes
KINDS = ("merged", "conflict", "mapped", "derived", "unmapped", "warning")
# optional fields the pages show (the heading, the table's Published and Status columns): left empty,
# a page shows the id or "Not stated", so the summary line counts the records without them
SHOWN_FIELDS = ("title", "published", "status")


class UnreadableFileError(Exception):
    """A file that cannot be read: one line for the user."""


def all_source_files(sources: Sequence[Path]) -> list[Path]:
    """Every FROM's files in the order given, each file once (a folder and a file in it may overlap)."""
    seen: set[Path] = set()
    files: list[Path] = []
    for source in sources:
        for path in source_files(source):
            if path.resolve() not in seen:
                seen.add(path.resolve())
                files.append(path)
    return files


def source_files(source: Path) -> list[Path]:
    """The files to import: FROM itself, or FROM's .md and .json files (hidden ones left out)."""
    if source.is_file():
        return [source]
    return sorted(
        path for path in source.rglob("*")
        if path.suffix in SUFFIXES and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(source).parts)
    )


def read_text(path: Path) -> str:
    """A file's text (raises :class:`UnreadableFileError` with a one-line reason)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFileError(f"{path}:{line}: not UTF-8 text") from None


Importer = Callable[[Path, str], tuple[list[Imported], list[Note]]]


def importer_for(path: Path, text: str) -> tuple[str, Importer | None]:
    """What a file is, and the importer that reads it (None: not a bulletin format)."""
    if path.suffix == ".json":
        return "API records", import_api_records
    layout = report_layout(text)
    if layout is not None:
        return f"report page ({'single-table' if layout == 'table' else 'section'} layout)", import_report_page
    if is_bulletins_page(text):
        return "bulletins page", import_bulletins_page
    return "not a bulletin format", None


def import_files(files: Sequence[Path], out: TextIO) -> tuple[list[Imported], list[Note], bool]:
    """Every file's records; notes about whole files; whether some file could not be read."""
    records: list[Imported] = []
    notes: list[Note] = []
    failed = False
    for path in files:
        try:
            text = read_text(path)
            kind, importer = importer_for(path, text)
            if importer is None:
                notes.append(Note("skipped", "not a report page, bulletins page or API records", path))
                print(f"{path}: {kind}, skipped", file=out)
                continue
            found, file_notes = importer(path, text)
        except (UnreadableFileError, JsonError) as error:
            print(f"{PROG}: {error}", file=sys.stderr)
            failed = True
            continue
        records += found
        notes += file_notes
        print(f"{path}: {kind}, {len(found)} record{'s' if len(found) != 1 else ''}", file=out)
    return records, notes, failed


def by_id(records: Sequence[Imported]) -> dict[str, list[Imported]]:
    """The records grouped by id, in the order the ids were first met."""
    groups: dict[str, list[Imported]] = {}
    for imported in records:
        groups.setdefault(imported.id, []).append(imported)
    return groups


def empty_fields(record: dict[str, object]) -> list[str]:
    """The schema's fields the record leaves empty, the required ones marked."""
    schema = record_schema()
    required = set(schema["required"])
    return [
        f"{field} (required)" if field in required else field
        for field in schema["properties"] if record.get(field) in (None, "", [], {})
    ]


def _report_note(note: Note, out: TextIO) -> None:
    where = note.where()
    print(f"    {note.kind}: {where + ': ' if where else ''}{note.message}", file=out)


def run(sources: Path | Sequence[Path], target: Path, out: TextIO) -> int:
    """Import every FROM into TO and report; the exit status."""
    sources = [sources] if isinstance(sources, Path) else list(sources)
    for source in sources:
        if not source.exists():
            print(f"{PROG}: FROM {source} does not exist: give a folder or file of the live site's bulletins",
                  file=sys.stderr)
            return 1
        if not source_files(source):
            print(f"{PROG}: FROM {source} has no .md or .json file to import", file=sys.stderr)
            return 1
    records, file_notes, failed = import_files(all_source_files(sources), out)
    for note in file_notes:
        _report_note(note, out)
    if not records:
        if not failed:  # an unreadable file has said so already
            named = " ".join(str(source) for source in sources)
            print(f"{PROG}: FROM {named} gives no record (no report page, bulletins page or API records in it)",
                  file=sys.stderr)
        return 1
    missing: dict[str, int] = {}
    unstated: dict[str, int] = {}
    loaded = written = 0
    for record_id, group in by_id(records).items():
        record, notes = merge(group)
        replaced = record_path(target, record).exists()
        path = write_record(target, record, comment=_comment(group))
        written += 1
        advisory, problems = load_record(path, PRODUCTS)
        loaded += advisory is not None
        state = ", replaced the file there" if replaced else ""
        state += "" if advisory is not None else ", does not load"
        print(f"\n{record_id} -> {path}{f' ({state[2:]})' if state else ''}", file=out)
        for imported in group:
            print(f"    source: {imported.path}:{imported.line} ({imported.source})", file=out)
        for kind in KINDS:
            for note in notes:
                if note.kind == kind:
                    _report_note(note, out)
        empty = empty_fields(record)
        for field in empty:
            name = field.split()[0]
            if field.endswith("(required)"):
                missing[name] = missing.get(name, 0) + 1
            elif name in SHOWN_FIELDS:
                unstated[name] = unstated.get(name, 0) + 1
        if empty:
            print(f"    empty (the source does not give them): {', '.join(empty)}", file=out)
        for problem in dict.fromkeys(problems):
            print(f"    load_record: {problem.path.name}:{problem.line}: {problem.message}", file=out)
    gaps = ", ".join(f"{field} {count}" for field, count in sorted(missing.items()))
    left = ", ".join(f"{field} {unstated[field]}" for field in SHOWN_FIELDS if field in unstated)
    print(f"\n{written} record{'s' if written != 1 else ''} written to {target}, {loaded} load, "
          f"{written - loaded} do not"
          f"{f' (required fields missing: {gaps})' if gaps else ''}"
          f"{f'; not given by the sources, left empty: {left}' if left else ''}", file=out)
    return 0 if loaded == written and not failed else 1


def _comment(group: Sequence[Imported]) -> str:
    sources = sorted({imported.path.name for imported in group})
    return f"Imported by {PROG} from {', '.join(sources)}: review before committing."


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """The command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Import the live Palette docs site's security bulletins as advisory records.",
    )
    parser.add_argument("sources", metavar="FROM", type=Path, nargs="+",
                        help="a folder or file: report pages, the old bulletins page (.md), API records (.json); "
                             "the records of one id from every FROM are merged")
    parser.add_argument("target", metavar="TO", type=Path, help="the folder the records are written to")
    args = parser.parse_args(argv)
    try:
        return run(args.sources, args.target, out or sys.stdout)
    except OSError as error:
        print(f"{PROG}: {error.filename or args.target}: {error.strerror or error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
