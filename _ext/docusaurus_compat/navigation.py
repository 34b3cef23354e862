"""Folder navigation without hand-written toctrees, as Docusaurus autogenerates it.

Each folder's pages sit under the folder's index page, ordered by
``sidebar_position`` (missing positions last; ties by label). The order is
decided before reading: at ``env-get-outdated`` the front matter of every
document about to be read is scanned (only its ``---`` block), the rest comes
from the previous build, and the resulting *plan* says which children each
index page lists. A read-time transform then inserts a hidden toctree into
each index page, so Sphinx's own machinery (relations, prev/next, LaTeX, the
sidebar) sees a normal toctree. An index page is re-read whenever its planned
children change; every page is rewritten when anything the sidebar shows
changes (sphinx-doc/sphinx#5506).

Drafts (``draft: true``) are left out of the build unless
``docusaurus_show_drafts`` is on; ``unlisted`` pages are built but are not in
the navigation.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .frontmatter import quiet_values
from .page_meta import PageMeta, pages_of
from .routes import INDEX_NAMES, folder_of, number_prefix, route_table
from .sidebar import page_label
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

MARKDOWN_SUFFIXES = (".md", ".mdx")


@dataclasses.dataclass(frozen=True)
class NavFields:
    """The front-matter values that decide a page's place in the navigation."""

    label: str | None = None
    position: float | None = None
    draft: bool = False
    unlisted: bool = False


class NotUtf8(Exception):
    """A source that is not UTF-8 text; ``where`` says where it stops being so."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}")
        self.line = line


def read_source(path: Path) -> str:
    """A source's text, strictly UTF-8 (Sphinx 9 stops the build on anything else)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NotUtf8(line, error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1) from None


def scan_nav_fields(env: BuildEnvironment, docname: str) -> NavFields:
    """Read only what the navigation needs from ``docname``'s front matter.

    Quiet: the parser reports front-matter problems when it reads the page.
    Raises :class:`NotUtf8` for a source that is not UTF-8.
    """
    path = env.doc2path(docname)
    if path.suffix not in MARKDOWN_SUFFIXES:
        read_source(path)  # every source must decode, or Sphinx stops
        return NavFields()
    meta = PageMeta.from_values(quiet_values(read_source(path)), {})
    position = meta.sidebar_position
    if position is None:
        position = number_prefix(docname.rsplit("/", 1)[-1])[0]
    return NavFields(meta.label, position, meta.draft, meta.unlisted)


def _leave_out(env: BuildEnvironment, docname: str, problem: NotUtf8, removed: set[str]) -> None:
    """Warn about a source that is not UTF-8 and take it out of this build."""
    warn(
        f"the file is not UTF-8 text ({problem}): save it as UTF-8 (the page is left out of this build)",
        DocusaurusWarning.SOURCE_ENCODING,
        location=(docname, problem.line),
    )
    env.project.docnames.discard(docname)
    if docname in env.all_docs:
        removed.add(docname)


def folder_indexes(docnames: set[str], root_doc: str) -> dict[str, str]:
    """folder -> its index document (``index`` before ``README`` before ``<folder>``)."""
    indexes: dict[str, str] = {"": root_doc} if root_doc in docnames else {}
    candidates: dict[str, tuple[int, str]] = {}
    for docname in docnames:
        if docname == root_doc:
            continue
        folder = folder_of(docname)
        last = docname.rsplit("/", 1)[-1].lower()
        if last in INDEX_NAMES:
            rank = INDEX_NAMES.index(last)
        elif folder and last == folder.rsplit("/", 1)[-1].lower():
            rank = len(INDEX_NAMES)
        else:
            continue
        if folder not in candidates or rank < candidates[folder][0]:
            candidates[folder] = (rank, docname)
    for folder, (_, docname) in candidates.items():
        indexes.setdefault(folder, docname)
    return indexes


def read_categories(srcdir: Path) -> dict[str, NavFields]:
    """folder -> label and position from its ``_category_.json`` (Docusaurus)."""
    categories: dict[str, NavFields] = {}
    for path in sorted(srcdir.rglob("_category_.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # an unreadable file orders nothing; Docusaurus fails the build here
        if not isinstance(data, dict):
            continue
        position = data.get("position")
        label = data.get("label")
        categories[path.parent.relative_to(srcdir).as_posix()] = NavFields(
            label if isinstance(label, str) else None,
            position if isinstance(position, (int, float)) and not isinstance(position, bool) else None,
        )
    return categories


def sort_key(docname: str, fields: NavFields) -> tuple[Any, ...]:
    """Docusaurus order: by position (missing last), then by label."""
    label = fields.label or docname.rsplit("/", 1)[-1]
    position = fields.position
    return (position is None, position or 0, label.casefold(), docname)


def compute_plan(
    docnames: set[str],
    fields: dict[str, NavFields],
    root_doc: str,
    categories: dict[str, NavFields] | None = None,
) -> dict[str, list[str]]:
    """index document -> the documents it lists, in sidebar order.

    A folder's ``_category_.json`` gives its index page a position and label
    when the page's front matter does not.
    """
    indexes = folder_indexes(docnames, root_doc)
    index_docs = set(indexes.values())
    fields = dict(fields)
    for folder, category in (categories or {}).items():
        index = indexes.get(folder)
        if index is None or index == root_doc:
            continue
        own = fields.get(index, NavFields())
        fields[index] = dataclasses.replace(
            own,
            label=own.label or category.label,
            position=own.position if own.position is not None else category.position,
        )
    plan: dict[str, list[str]] = {}
    for docname in docnames:
        if docname == root_doc:
            continue
        info = fields.get(docname, NavFields())
        if info.draft or info.unlisted:
            continue
        folder = folder_of(docname)
        if docname in index_docs:
            folder = folder_of(folder) if folder else None
            if folder is None:
                continue
        # A folder without an index page hands its pages to the nearest ancestor that has one.
        while folder not in indexes and folder:
            folder = folder_of(folder)
        parent = indexes.get(folder)
        if parent is None or parent == docname:
            continue
        plan.setdefault(parent, []).append(docname)
    for children in plan.values():
        children.sort(key=lambda doc: sort_key(doc, fields.get(doc, NavFields())))
    return plan


def _plan_navigation(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Scan the front matter of the documents to read and re-plan the folder toctrees."""
    fields: dict[str, NavFields] = getattr(env, "docusaurus_nav_fields", {})
    for docname in removed:
        fields.pop(docname, None)
    for docname in sorted(added | changed):
        try:
            fields[docname] = scan_nav_fields(env, docname)
        except NotUtf8 as problem:
            _leave_out(env, docname, problem, removed)
            added.discard(docname)
            changed.discard(docname)
            fields.pop(docname, None)
        except OSError:
            fields[docname] = NavFields()  # Sphinx itself reports a file it cannot read
    categories = read_categories(Path(app.srcdir))
    env.docusaurus_categories = categories

    if not app.config.docusaurus_show_drafts:
        drafts = {doc for doc in env.found_docs if fields.get(doc, NavFields()).draft}
        for docname in drafts:
            env.project.docnames.discard(docname)
            added.discard(docname)
            changed.discard(docname)
            if docname in env.all_docs:
                removed.add(docname)
    for docname in list(fields):
        if docname not in env.found_docs:
            del fields[docname]
    env.docusaurus_nav_fields = fields

    old_plan: dict[str, list[str]] = getattr(env, "docusaurus_nav_plan", {})
    new_plan = compute_plan(set(env.found_docs), fields, app.config.root_doc, categories)
    env.docusaurus_nav_plan = new_plan
    return [
        docname
        for docname in sorted(set(old_plan) | set(new_plan))
        if old_plan.get(docname) != new_plan.get(docname)
    ]


class InsertFolderToctree(SphinxTransform):
    """Add a hidden toctree listing the planned children to a folder's index page."""

    # before DoctreeReadEvent (880): the collectors must see the toctree
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        plan: dict[str, list[str]] = getattr(self.env, "docusaurus_nav_plan", {})
        children = plan.get(self.env.docname)
        if not children:
            return
        listed = {
            ref
            for toctree in self.document.findall(addnodes.toctree)
            for _title, ref in toctree["entries"]
        }
        children = [doc for doc in children if doc not in listed]
        if not children:
            return
        toctree = addnodes.toctree()
        toctree["parent"] = self.env.docname
        toctree["entries"] = [(None, doc) for doc in children]
        toctree["includefiles"] = list(children)
        toctree["maxdepth"] = -1
        toctree["caption"] = None
        toctree["glob"] = False
        toctree["hidden"] = True
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = False
        toctree["rawentries"] = []
        toctree.source = self.document.get("source")
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper.append(toctree)
        sections = [child for child in self.document.children if isinstance(child, nodes.section)]
        (sections[0] if sections else self.document).append(wrapper)


def nav_signature(env: BuildEnvironment) -> str:
    """A digest of everything every page's navigation shows.

    The label is taken as the sidebar shows it (:func:`page_label`), so that a
    ``_category_.json`` label, which is no page's front matter, counts too.
    """
    pages = pages_of(env)
    digest = hashlib.sha256()
    for docname in sorted(env.all_docs):
        meta = pages.get(docname) or PageMeta()
        title = env.titles.get(docname)
        digest.update(repr((
            docname,
            title.astext() if title is not None else None,
            page_label(env, docname), meta.icon, meta.sidebar_position, meta.pagination_label,
            meta.pagination_prev, meta.pagination_next, meta.unlisted,
            env.toctree_includes.get(docname),
        )).encode())
    digest.update(repr(sorted(route_table(env).routes.items())).encode())
    return digest.hexdigest()


def _rewrite_all_when_navigation_changes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    signature = nav_signature(env)
    previous = getattr(env, "docusaurus_nav_signature", None)
    env.docusaurus_nav_signature = signature
    if previous is not None and previous != signature:
        return sorted(env.all_docs)
    return []


def _choose_root_doc(app: Sphinx, config: Any) -> None:
    """A Docusaurus docs folder has no ``index.md``: use its ``slug: /`` page, or its first page.

    Docusaurus serves the doc whose slug is ``/`` at the docs root; failing that,
    the top-level page that comes first in sidebar order becomes the root.
    """
    srcdir = Path(app.srcdir)
    suffixes = [*config.source_suffix, *MARKDOWN_SUFFIXES]
    if any((srcdir / f"{config.root_doc}{suffix}").is_file() for suffix in suffixes):
        return
    candidates: list[tuple[tuple[Any, ...], str]] = []
    for path in sorted(srcdir.rglob("*")):
        if path.suffix not in MARKDOWN_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(srcdir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        docname = relative.with_suffix("").as_posix()
        values = quiet_values(path.read_text(encoding="utf-8-sig", errors="replace"))
        if str(values.get("slug", "")).strip() == "/":
            config.root_doc = docname
            return
        if "/" not in docname:
            meta = PageMeta.from_values(values, {})
            fields = NavFields(meta.label, meta.sidebar_position)
            hidden = docname.startswith("_")  # Docusaurus' partial files: a last resort
            candidates.append(((hidden, *sort_key(docname, fields)), docname))
    if candidates:
        config.root_doc = min(candidates)[1]


def setup_navigation(app: Sphinx) -> None:
    """Plan folder toctrees before reading and keep every page's navigation current."""
    app.add_config_value("docusaurus_show_drafts", False, "env", types=frozenset({bool}))
    # after Sphinx merges the registered source suffixes into the config (800)
    app.connect("config-inited", _choose_root_doc, priority=900)
    app.connect("env-get-outdated", _plan_navigation)
    app.add_transform(InsertFolderToctree)
    app.connect("env-updated", _rewrite_all_when_navigation_changes, priority=600)

