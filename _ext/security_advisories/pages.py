"""One page per advisory record, and the index re-read whenever the set of records changes.

Records are read before Sphinx reads any page (``env-get-outdated``). Each sound
record becomes a document below the index page (``<index>/<id in lower case>``)
whose source is a short Markdown file kept in the build's doctree folder, never in
the sources: front matter, the title, and one ``security-advisory`` directive per
part, which draws that part from the record. The file is registered with Sphinx's
list of documents the way its discovery registers a file.

Incremental builds: a record page is read again when its record's bytes change
(a digest, not a file time); the index page when any record is added, changed or
removed; a deleted record's page is removed. A bad record is reported on every
build (file and line) until it is fixed, and left out.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from docusaurus_compat.generated_root import drop_generated_page, markdown_literal, put_generated_page

from .records import Advisory, AdvisoryCollection, Problem, load_advisories
from .settings import product_names, records_folder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

GENERATED_FOLDER = "security-advisories"
WARNING_TYPE = "advisories"
STATE = "security_advisories_state"
# the PDF's appendix (pdf_appendix.py): a generated page that is in no toctree either
APPENDIX = "security-bulletins-appendix"
# the description meta tag and search snippet: about one sentence
DESCRIPTION_CHARS = 200


@dataclasses.dataclass(frozen=True)
class AdvisoryState:
    """This build's records and the documents made from them."""

    collection: AdvisoryCollection
    docnames: dict[str, str]
    """docname -> record id."""

    @property
    def listing(self) -> str:
        """A digest of every record's id and bytes: the index changes exactly when it does."""
        digest = hashlib.sha256()
        for record in self.collection.records:
            digest.update(f"{record.id}\0{record.digest}\0".encode())
        for docname in sorted(self.docnames):
            digest.update(f"{docname}\0".encode())
        return digest.hexdigest()


def advisory_state(env: BuildEnvironment) -> AdvisoryState | None:
    """This build's records (None when the site has none)."""
    return getattr(env, STATE, None)


def record_docname(index: str, record: Advisory) -> str:
    """The document that shows ``record``."""
    return f"{index}/{record.slug}"


def record_parts(record: Advisory) -> list[tuple[str, str]]:
    """(heading, part) of the sections a record's page has, in order; the overview has no heading."""
    parts = [("", "overview"), ("Summary", "summary"), ("Impact", "impact")]
    if record.remediation or record.fixed_in or record.status in ("fixed", "will_not_fix"):
        parts.append(("Remediation", "remediation"))
    if record.workaround:
        parts.append(("Workaround", "workaround"))
    parts.append(("References", "references"))
    if record.revisions:
        parts.append(("Revision history", "revisions"))
    return parts


def record_source(record: Advisory) -> str:
    """The Markdown source of a record's page."""
    title = record.heading
    front_matter = {
        # JSON strings are YAML strings: no value can break out of the front matter
        "title": json.dumps(title, ensure_ascii=False),
        "sidebar_label": json.dumps(record.id),
        "description": json.dumps(record.summary_start(DESCRIPTION_CHARS), ensure_ascii=False),
        "keywords": json.dumps([record.id, *record.aliases, *([record.package.name] if record.package else [])]),
        "tags": json.dumps(["security", "cve"]),
        "hiddenFromNav": "true",
        "custom_edit_url": "null",
        "pagination_prev": "null",
        "pagination_next": "null",
    }
    lines = ["---", *(f"{key}: {value}" for key, value in front_matter.items()), "---", ""]
    lines += [f"# {markdown_literal(' '.join(title.split()))}", ""]
    for heading, part in record_parts(record):
        if heading:
            lines += [f"## {heading}", ""]
        lines += [f"```{{security-advisory}} {record.id}", f":part: {part}", "```", ""]
    return "\n".join(lines)


def put_generated(
    app: Sphinx, env: BuildEnvironment, docname: str, text: str, added: set[str], removed: set[str]
) -> None:
    """Keep ``docname``'s generated source (in the doctree folder) among the documents."""
    put_generated_page(env, docname, Path(app.doctreedir) / GENERATED_FOLDER / f"{docname}.md", text, added, removed)


def _remove_pages(
    app: Sphinx, env: BuildEnvironment, previous: AdvisoryState, keep: set[str],
    added: set[str], changed: set[str], removed: set[str],
) -> None:
    generated = Path(app.doctreedir) / GENERATED_FOLDER
    for docname in sorted(set(previous.docnames) - keep):
        path = generated / f"{docname}.md"
        path.unlink(missing_ok=True)
        if env.project._docname_to_path.get(docname) != path:
            # a page of the sources has the name now: it is that page's, read afresh
            if docname in env.project.docnames:
                changed.add(docname)
            continue
        drop_generated_page(env, docname)
        added.discard(docname)
        changed.discard(docname)
        if docname in env.all_docs:
            removed.add(docname)
    if not keep and app.config.advisories_index in env.project.docnames:
        changed.add(app.config.advisories_index)


def _report(collection: AdvisoryCollection) -> None:
    for problem in collection.problems:
        logger.warning(
            "%s (the record is left out of the bulletins)", problem.message,
            location=f"{problem.path}:{problem.line}", type=WARNING_TYPE, subtype="record",
        )


def update_record_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Read the records, keep their pages in step, and say which pages to read again."""
    folder = records_folder(app)
    previous = advisory_state(env)
    if folder is None or not folder.is_dir():
        # no records here (another docs tree built with this conf.py): no bulletins; the
        # `security-bulletins` directive, where a page uses it, says what is missing
        if previous is not None:
            _remove_pages(app, env, previous, set(), added, changed, removed)
            delattr(env, STATE)
        return []
    loaded = load_advisories(folder, product_names(app.config))
    index: str = app.config.advisories_index
    kept, problems = [], list(loaded.problems)
    for record in loaded.records:
        docname = record_docname(index, record)
        if any((Path(app.srcdir) / f"{docname}{suffix}").is_file() for suffix in app.config.source_suffix):
            problems.append(Problem(
                record.source, record.id_line,
                f"{record.id}'s page would be {docname}, which is a page of the sources: rename that page",
            ))
        else:
            kept.append(record)
    collection = AdvisoryCollection(tuple(kept), tuple(problems))
    _report(collection)
    docnames: dict[str, str] = {}
    before = previous.collection.by_id() if previous else {}
    for record in collection.records:
        docname = record_docname(index, record)
        docnames[docname] = record.id
        put_generated(app, env, docname, record_source(record), added, removed)
        owned_before = previous is not None and previous.docnames.get(docname) == record.id
        if docname in env.all_docs and (not owned_before or before[record.id].digest != record.digest):
            changed.add(docname)
    if previous is not None:
        _remove_pages(app, env, previous, set(docnames), added, changed, removed)
    state = AdvisoryState(collection, docnames)
    setattr(env, STATE, state)
    if (previous is None or previous.listing != state.listing) and index in env.project.docnames:
        changed.add(index)  # here, not returned: later handlers (the PDF appendix) see it
    return []


def mark_record_pages_orphan(app: Sphinx, doctree: Any) -> None:
    """Record pages are listed by the index's table, not by a toctree: no "not in a toctree" warning."""
    state = advisory_state(app.env)
    if state is not None and (app.env.docname in state.docnames or app.env.docname == APPENDIX):
        app.env.metadata[app.env.docname]["orphan"] = True


def setup_pages(app: Sphinx) -> None:
    """Register the record pages before the navigation is planned (priority 450 < 500)."""
    app.connect("env-get-outdated", update_record_pages, priority=450)
    app.connect("doctree-read", mark_record_pages_orphan)
