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
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

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

    def record(self, docname: str) -> Advisory | None:
        """The record shown by ``docname``, if it is a record page."""
        record_id = self.docnames.get(docname)
        return self.collection.by_id().get(record_id) if record_id else None

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


def _markdown_text(text: str) -> str:
    # the title is the author's text: Markdown's and MDX's punctuation is escaped, so it shows as written
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~&:\"'$%=@^])", r"\\\1", " ".join(text.split()))


def _description(record: Advisory) -> str:
    text = " ".join(record.summary.split())
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


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
        "description": json.dumps(_description(record), ensure_ascii=False),
        "keywords": json.dumps([record.id, *record.aliases, *([record.package.name] if record.package else [])]),
        "tags": json.dumps(["security", "cve"]),
        "hiddenFromNav": "true",
        "custom_edit_url": "null",
        "pagination_prev": "null",
        "pagination_next": "null",
    }
    lines = ["---", *(f"{key}: {value}" for key, value in front_matter.items()), "---", ""]
    lines += [f"# {_markdown_text(title)}", ""]
    for heading, part in record_parts(record):
        if heading:
            lines += [f"## {heading}", ""]
        lines += [f"```{{security-advisory}} {record.id}", f":part: {part}", "```", ""]
    return "\n".join(lines)


def put_generated(
    app: Sphinx, env: BuildEnvironment, docname: str, text: str, added: set[str], removed: set[str]
) -> None:
    """Keep ``docname``'s generated source (rewritten only when ``text`` changes) among the documents."""
    path = Path(app.doctreedir) / GENERATED_FOLDER / f"{docname}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    _register(env, docname, path)
    removed.discard(docname)
    if docname not in env.all_docs:
        added.add(docname)


def _register(env: BuildEnvironment, docname: str, path: Path) -> None:
    project: Any = env.project
    # Sphinx finds documents in the source folder only; a generated one is registered the
    # way its discovery registers a file (Project keeps both directions of the map)
    project.docnames.add(docname)
    project._docname_to_path[docname] = path
    project._path_to_docname[path] = docname


def _unregister(env: BuildEnvironment, docname: str) -> None:
    project: Any = env.project
    project.docnames.discard(docname)
    path = project._docname_to_path.pop(docname, None)
    if path is not None:
        project._path_to_docname.pop(path, None)


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
        _unregister(env, docname)
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
