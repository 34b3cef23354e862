"""Folder navigation without hand-written toctrees, as Docusaurus autogenerates it.

Each folder's pages sit under the folder's index page, ordered by
``sidebar_position`` (missing positions last; ties by label). The order is
decided before reading: at ``env-get-outdated`` the front matter of every
document about to be read is scanned (only its ``---`` block), the rest comes
from the previous build, and the resulting *plan* says which children each
index page lists. A read-time transform then inserts a hidden toctree into
each index page, so Sphinx's own machinery (relations, prev/next, LaTeX, the
sidebar) sees a normal toctree. An index page is re-read whenever its planned
children change. What the scan found (each page's navigation fields, the
folders' ``_category_.json``, the plan) is kept on the environment as one
:class:`NavigationScan`; the site model reads it after reading.

Drafts (``draft: true``) are left out of the build unless
``docusaurus_show_drafts`` is on; ``unlisted`` pages are built but are not in
the navigation.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .doc_paths import MARKDOWN_SUFFIXES, folder_indexes, folder_of, number_prefix
from .page_model import PageMeta
from .page_sources import NotUtf8Error, front_matter, read_source
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

SCAN = "docusaurus_scan"
"""Environment attribute: this build's :class:`NavigationScan`."""


@dataclasses.dataclass(frozen=True)
class NavFields:
    """The front-matter values that decide a page's place in the navigation."""

    label: str | None = None
    position: float | None = None
    draft: bool = False
    unlisted: bool = False
    hidden: bool = False
    """``hiddenFromNav``: built and indexed, but not in the sidebar."""


@dataclasses.dataclass
class NavigationScan:
    """What the look-ahead before reading found: it orders the folder toctrees."""

    fields: dict[str, NavFields] = dataclasses.field(default_factory=dict)
    """docname -> its navigation fields."""
    categories: dict[str, NavFields] = dataclasses.field(default_factory=dict)
    """folder -> label and position from its ``_category_.json``."""
    plan: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    """index document -> the documents it lists, in sidebar order."""


def navigation_scan(env: BuildEnvironment) -> NavigationScan:
    """This build's scan (made at ``env-get-outdated``, before any page is read)."""
    return getattr(env, SCAN)


def scan_nav_fields(env: BuildEnvironment, docname: str) -> NavFields:
    """Read only what the navigation needs from ``docname``'s front matter.

    Quiet: the parser reports front-matter problems when it reads the page.
    Raises :class:`NotUtf8Error` for a source that is not UTF-8.
    """
    path = env.doc2path(docname)
    if path.suffix not in MARKDOWN_SUFFIXES:
        read_source(path)  # every source must decode, or Sphinx stops
        return NavFields()
    text = read_source(path)
    meta = PageMeta.from_values(front_matter(text, frozenset(env.config.docusaurus_extra_keys)).values, {})
    position = meta.sidebar_position
    if position is None:
        position = number_prefix(docname.rsplit("/", 1)[-1])[0]
    return NavFields(meta.label, position, meta.draft, meta.unlisted, meta.hidden_from_nav)


def _report_draft_problems(env: BuildEnvironment, docname: str) -> None:
    """A draft is not read, so its front matter's problems are reported here (draft and
    unlisted together, which Docusaurus refuses, among them)."""
    path = env.doc2path(docname)
    if path.suffix not in MARKDOWN_SUFFIXES:
        return
    parsed = front_matter(read_source(path), frozenset(env.config.docusaurus_extra_keys)).parsed
    for problem in parsed.problems if parsed is not None else []:
        warn(problem.message, problem.subtype, location=f"{path}:{problem.line}")


def _leave_out(env: BuildEnvironment, docname: str, problem: NotUtf8Error, removed: set[str]) -> None:
    """Warn about a source that is not UTF-8 and take it out of this build."""
    warn(
        f"the file is not UTF-8 text ({problem}): save it as UTF-8 (the page is left out of this build)",
        DocusaurusWarning.SOURCE_ENCODING,
        location=(docname, problem.line),
    )
    env.project.docnames.discard(docname)
    if docname in env.all_docs:
        removed.add(docname)


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
        if info.draft or info.unlisted or info.hidden:
            continue
        folder = folder_of(docname)
        if docname in index_docs:
            if not folder:
                continue
            folder = folder_of(folder)
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
    previous: NavigationScan = getattr(env, SCAN, None) or NavigationScan()
    fields = dict(previous.fields)
    for docname in removed:
        fields.pop(docname, None)
    for docname in sorted(added | changed):
        try:
            fields[docname] = scan_nav_fields(env, docname)
        except NotUtf8Error as problem:
            _leave_out(env, docname, problem, removed)
            added.discard(docname)
            changed.discard(docname)
            fields.pop(docname, None)
        except OSError:
            fields[docname] = NavFields()  # Sphinx itself reports a file it cannot read
    categories = read_categories(Path(app.srcdir))

    if not app.config.docusaurus_show_drafts:
        drafts = {doc for doc in env.found_docs if fields.get(doc, NavFields()).draft}
        for docname in sorted(drafts):
            _report_draft_problems(env, docname)
            env.project.docnames.discard(docname)
            added.discard(docname)
            changed.discard(docname)
            if docname in env.all_docs:
                removed.add(docname)
    fields = {docname: info for docname, info in fields.items() if docname in env.found_docs}

    plan = compute_plan(set(env.found_docs), fields, app.config.root_doc, categories)
    setattr(env, SCAN, NavigationScan(fields, categories, plan))
    return [
        docname
        for docname in sorted(set(previous.plan) | set(plan))
        if previous.plan.get(docname) != plan.get(docname)
    ]


class InsertFolderToctree(SphinxTransform):
    """Add a hidden toctree listing the planned children to a folder's index page."""

    # before DoctreeReadEvent (880): the collectors must see the toctree
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        children = navigation_scan(self.env).plan.get(self.env.docname)
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


def _choose_root_doc(app: Sphinx, config: Any) -> None:
    """A Docusaurus docs folder has no ``index.md``: use its ``slug: /`` page, or its first page.

    Docusaurus serves the doc whose slug is ``/`` at the docs root; failing that,
    the top-level page that comes first in sidebar order becomes the root.
    """
    if config.docusaurus_site_dir:
        return  # a whole site: conf.py chose the root from the site's versions
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
        try:
            values = front_matter(read_source(path), frozenset(config.docusaurus_extra_keys)).values
        except (OSError, NotUtf8Error):
            continue  # the navigation scan reports it, with its line
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
    # after Sphinx merges the registered source suffixes into the config (800)
    app.connect("config-inited", _choose_root_doc, priority=900)
    app.connect("env-get-outdated", _plan_navigation)
    app.add_transform(InsertFolderToctree)

