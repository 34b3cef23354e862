"""The site model: every fact about the site that a page shows of other pages.

Computed once per build, at ``env-updated`` (after every page is read, in the
main process, before writer processes fork), from what reading recorded (the
``docusaurus`` domain: front matter, redirects, links), the navigation scan and
Sphinx's own toctree and label data; stored on the environment. It holds:

* the route table (every page's URL and Docusaurus id), collisions reported;
* the navigation trees, one :class:`Sidebar` per docs version and sidebar name
  (this site has one of each), with labels, icons, routes, parents and children;
* each page's anchors, its previous/next pages (``pagination_*`` checked and
  reported here, once), the tags, the top bar's resolved links;
* for every page, a signature of everything it shows from other pages.

Everything that writes (sidebar, breadcrumbs, prev/next, cards, top bar, links,
tags, sitemap, search, 404, PDF) only reads the model. The one invalidation rule:
a page whose signature differs from the previous build's is written again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .doc_paths import is_folder_index
from .link_targets import find_page, split_target
from .nav_tree import NavItem, Sidebar, navigation_files
from .navigation import navigation_scan
from .page_model import UNSET, LinkRecord, PageMeta, pages_domain
from .routes import RouteConflict, RouteTable, build_route_table
from .site_reading import route_mounts, site_layout
from .site_sidebars import GeneratedIndex, site_navigation
from .site_versions import SiteVersions, site_versions
from .url_policy import is_web_url
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

SITE = "docusaurus_site"
"""Environment attribute: this build's :class:`SiteModel`."""

CURRENT_VERSION = "current"
DEFAULT_SIDEBAR = "default"


@dataclasses.dataclass(frozen=True)
class Pagination:
    """A page's previous and next pages (None: no link)."""

    prev: str | None
    next: str | None


@dataclasses.dataclass
class SiteModel:
    """The facts about the site that pages show of each other (see the module docstring)."""

    root_doc: str
    routes: RouteTable
    titles: dict[str, str]
    labels: dict[str, str]
    sidebars: dict[tuple[str, str], Sidebar]
    sidebar_of: dict[str, tuple[str, str]]
    anchors: dict[str, frozenset[str]]
    pagination: dict[str, Pagination]
    tags: dict[str, list[str]]
    navbar: dict[str, str | None]
    signatures: dict[str, str] = dataclasses.field(default_factory=dict)
    versions: SiteVersions | None = None
    """A whole Docusaurus site's docs versions (None for one docs folder)."""
    generated: dict[str, GeneratedIndex] = dataclasses.field(default_factory=dict)
    """A whole site's generated category index pages, by page name."""

    def sidebar(self, docname: str) -> Sidebar | None:
        """The sidebar a page is shown with."""
        key = self.sidebar_of.get(docname)
        return self.sidebars[key] if key is not None else None

    def has_anchor(self, docname: str, fragment: str) -> bool:
        """Whether a page has a heading slug, section id or label named ``fragment``."""
        return fragment in self.anchors.get(docname, frozenset())

    def find_page(self, docname: str, path: str) -> str | None:
        """The document a site or relative path written in ``docname`` names, or None."""
        return find_page(self.routes, self.routes.routes, docname, path)


def site_model(env: BuildEnvironment) -> SiteModel:
    """This build's model (computed at ``env-updated``; reading it earlier is a bug)."""
    return getattr(env, SITE)


# --- computing it -----------------------------------------------------------------


def page_label(env: BuildEnvironment, docname: str, meta: PageMeta) -> str:
    """``sidebar_label``, else a ``_category_.json`` label, else the title, else the file name."""
    if meta.sidebar_label:
        return meta.sidebar_label
    category = navigation_scan(env).categories.get(docname.rpartition("/")[0])
    if category is not None and category.label and is_folder_index(docname):
        return category.label
    title = env.titles.get(docname)
    if title is not None and title.astext():
        return title.astext()
    return docname.rsplit("/", 1)[-1]


def relation_label(model: SiteModel, pages: dict[str, PageMeta], docname: str) -> str:
    """How a page is named as another page's previous or next: ``pagination_label``, else its label."""
    meta = pages.get(docname)
    return (meta.pagination_label if meta else None) or model.labels[docname]


def _report_route_conflicts(env: BuildEnvironment, conflicts: list[RouteConflict]) -> None:
    for conflict in conflicts:
        owner = env.doc2path(conflict.owner, False)
        if conflict.kind == "route":
            message = (
                f"page URL '/{conflict.value}' is already used by '{owner}': "
                "change this page's slug or id (it is served at its default URL instead)"
            )
        else:
            message = f"page id '{conflict.value}' is already used by '{owner}': give this page another id"
        warn(message, DocusaurusWarning.ROUTE_CONFLICT, location=(conflict.docname, conflict.line))


def _sidebar(env: BuildEnvironment, routes: RouteTable, labels: dict[str, str], pages: dict[str, PageMeta]) -> Sidebar:
    """The tree Sphinx's toctrees make (author-written toctrees count too), rooted at the root page."""
    root = env.config.root_doc
    items: dict[str, NavItem] = {}

    def add(docname: str, parent: str | None) -> None:
        meta = pages.get(docname) or PageMeta()
        item = NavItem(docname, labels[docname], meta.icon, routes.routes.get(docname, ""), parent, [])
        items[docname] = item
        for child in env.toctree_includes.get(docname, []):
            if child in items or child not in env.all_docs:
                continue
            item.children.append(child)
            add(child, docname)

    add(root, None)
    sidebar = Sidebar(CURRENT_VERSION, DEFAULT_SIDEBAR, root, items)
    sidebar.files = navigation_files(sidebar)
    return sidebar


def anchor_sets(env: BuildEnvironment) -> dict[str, frozenset[str]]:
    """docname -> every anchor a link may name on that page: heading slugs, section ids, labels."""
    anchors: dict[str, set[str]] = {docname: set() for docname in env.all_docs}
    for docname, found in anchors.items():
        slugs = env.metadata.get(docname, {}).get("myst_slugs", {})
        found.update(slugs)
        found.update(entry[1] for entry in slugs.values())
    for name, (docname, label_id) in env.domains.standard_domain.anonlabels.items():
        if docname in anchors:
            anchors[docname].update((name, label_id))
    return {docname: frozenset(found) for docname, found in anchors.items()}


def sidebar_relations(
    order: dict[tuple[str, str], list[str]], sidebar_of: dict[str, tuple[str, str]]
) -> dict[str, tuple[str | None, str | None]]:
    """Each page's neighbours in the reading order of the sidebar it is shown with (Docusaurus's prev/next)."""
    relations: dict[str, tuple[str | None, str | None]] = {}
    for key, pages in order.items():
        for index, docname in enumerate(pages):
            if sidebar_of.get(docname) != key or docname in relations:
                continue
            following = pages[index + 1] if index + 1 < len(pages) else None
            relations[docname] = (pages[index - 1] if index else None, following)
    return relations


def _pagination(
    env: BuildEnvironment,
    routes: RouteTable,
    pages: dict[str, PageMeta],
    relations: dict[str, tuple[str | None, str | None]],
) -> dict[str, Pagination]:
    """Each page's previous/next: the sidebar's order, unless ``pagination_prev``/``_next`` say otherwise."""
    result = {}
    for docname in sorted(env.all_docs):
        meta = pages.get(docname) or PageMeta()
        default = (None, *(relations.get(docname) or (None, None)))
        targets = []
        for key, index in (("pagination_prev", 1), ("pagination_next", 2)):
            value = getattr(meta, key)
            if value == UNSET:
                targets.append(default[index])
            elif value is None:
                targets.append(None)
            else:
                target = routes.by_doc_id(docname, value) or (value if value in env.all_docs else None)
                if target is None:
                    target = routes.find("/" + value.strip("/"))
                if target is None:
                    warn(
                        f"{key} '{value}' names no page: use a page id such as "
                        "'security/lifecycle/lifecycle', or null to hide the link",
                        DocusaurusWarning.PAGINATION_TARGET,
                        location=(docname, meta.key_lines.get(key, 1)),
                    )
                    target = default[index]
                targets.append(target)
        result[docname] = Pagination(targets[0], targets[1])
    return result


def pages_by_tag(env: BuildEnvironment, pages: dict[str, PageMeta]) -> dict[str, list[str]]:
    """tag label -> docnames carrying it (unlisted pages left out), both sorted."""
    by_tag: dict[str, list[str]] = {}
    for docname, meta in sorted(pages.items()):
        if meta.unlisted or docname not in env.all_docs:
            continue
        for tag in meta.tags:
            by_tag.setdefault(tag, []).append(docname)
    return dict(sorted(by_tag.items(), key=lambda item: item[0].casefold()))


def _navbar_targets(env: BuildEnvironment, routes: RouteTable) -> dict[str, str | None]:
    """Each configured top-bar site path -> the page it names (None: the main site has it)."""
    config = env.config
    urls = [url for _label, url in [*config.docusaurus_navbar_links, *config.docusaurus_versions]]
    urls += [url for _title, links in [*config.docusaurus_footer_links, *config.docusaurus_navbar_menus]
             for _label, url in links]
    return {url: find_page(routes, env.all_docs, config.root_doc, url) for url in urls if not is_web_url(url)}


def compute_site_model(env: BuildEnvironment) -> SiteModel:
    """Put the pages together: the model of this build."""
    domain = pages_domain(env)
    pages = domain.pages
    layout = site_layout(env.config)
    routes, conflicts = build_route_table(
        env.all_docs, pages, env.config.root_doc, route_mounts(env.config),
        layout.config.base_url if layout is not None else "/",
    )
    _report_route_conflicts(env, conflicts)
    labels = {docname: page_label(env, docname, pages.get(docname) or PageMeta()) for docname in env.all_docs}
    if layout is not None:
        navigation = site_navigation(env, layout, routes, labels, pages)
        sidebars, sidebar_of = navigation.sidebars, navigation.sidebar_of
        if sidebars and env.config.root_doc not in sidebar_of:
            sidebar_of[env.config.root_doc] = next(iter(sidebars))
        relations = sidebar_relations(navigation.order, sidebar_of)
        generated = navigation.generated
    else:
        sidebar = _sidebar(env, routes, labels, pages)
        key = (sidebar.version, sidebar.name)
        sidebars, sidebar_of = {key: sidebar}, dict.fromkeys(sorted(env.all_docs), key)
        relations = {docname: (prev, nxt) for docname, (_up, prev, nxt) in env.collect_relations().items()}
        generated = {}
    model = SiteModel(
        root_doc=env.config.root_doc,
        routes=routes,
        titles={docname: title.astext() for docname, title in env.titles.items() if docname in env.all_docs},
        labels=labels,
        sidebars=sidebars,
        sidebar_of=sidebar_of,
        anchors=anchor_sets(env),
        pagination=_pagination(env, routes, pages, relations),
        tags=pages_by_tag(env, pages),
        navbar=_navbar_targets(env, routes),
        versions=site_versions(layout, routes, set(env.all_docs), pages, env.config.root_doc)
        if layout is not None else None,
        generated=generated,
    )
    views = _Views(env, model)
    shared = repr(views.shared())
    model.signatures = {
        docname: hashlib.sha256((shared + repr(list(views.page(docname)))).encode()).hexdigest()
        for docname in sorted(env.all_docs)
    }
    return model


# --- what each page shows of other pages --------------------------------------------

# Pages furo's templates look for by name (hasdoc): the head's rel="author"/"copyright"
# links and the footer's copyright link appear on every page once such a page exists.
NAMED_PAGES = ("about", "copyright")


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def _canonical(value: Any) -> Any:
    """``value`` with every mapping and set in sorted order, so that its ``repr`` does not
    depend on the order pages were read in (parallel reads merge in any order)."""
    if isinstance(value, dict):
        return tuple(sorted(((repr(key), _canonical(item)) for key, item in value.items()), key=lambda pair: pair[0]))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(_canonical(item)) for item in value))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(item) for item in value)
    return value


class _Views:
    """What pages show of each other, each part computed once per build and shared by the pages."""

    def __init__(self, env: BuildEnvironment, model: SiteModel) -> None:
        self.env = env
        self.model = model
        self.routes = model.routes.routes
        self.std = env.domains.standard_domain
        # an entry's digest, once per entry: a page shows many entries, each shown on many pages
        self.entries = {
            docname: _digest(item.shown())
            for sidebar in model.sidebars.values()
            for docname, item in sidebar.items.items()
        }
        self._cross_references: dict[str, str] = {}

    def shared(self) -> tuple[Any, ...]:
        """What every page shows of others: the home link, the top bar's targets, named pages."""
        routes = self.routes
        return (
            routes.get(self.model.root_doc),
            sorted((url, target, routes.get(target) if target else None) for url, target in self.model.navbar.items()),
            [(name, routes.get(name)) for name in NAMED_PAGES],
        )

    def anchor(self, docname: str, anchor: str) -> tuple[Any, ...]:
        """Whether a page has the anchor, and what a link to it shows: the section's id and heading text."""
        slug = self.env.metadata.get(docname, {}).get("myst_slugs", {}).get(anchor)
        label = self.std.labels.get(anchor) or self.std.anonlabels.get(anchor)
        return (
            self.model.has_anchor(docname, anchor),
            tuple(slug[1:]) if slug else None,  # (id, text); its line number shows nowhere
            tuple(label) if label and label[0] == docname else None,
        )

    def target(self, docname: str | None, anchor: str | None) -> tuple[Any, ...]:
        """What a link shows of its target: where it goes, its title, and the anchor it names."""
        if docname is None:
            return (None,)
        return (
            docname,
            self.routes.get(docname),
            self.model.titles.get(docname),
            self.anchor(docname, anchor) if anchor else None,
        )

    def link(self, docname: str, record: LinkRecord) -> tuple[Any, ...]:
        kind, target, anchor = record
        if kind == "doc":
            return (kind, target, self.target(target if target in self.env.all_docs else None, anchor or None))
        if kind == "path":
            path, fragment = split_target(target)
            return (kind, target, self.target(self.model.find_page(docname, path), fragment))
        if kind == "toctree":
            return (kind, target, self.toctree(target))
        if kind == "ref":
            label = self.std.labels.get(target) or self.std.anonlabels.get(target)
            return (kind, target, tuple(label) if label else None, self.routes.get(label[0]) if label else None)
        return (kind, target, self.cross_references(target.split(":", 1)[0]))

    def cross_references(self, domain: str) -> str:
        """Any other cross-reference (a glossary term, numref, another domain's role): resolved by
        its domain, so a page that makes one shows that domain's objects, every URL and title."""
        if domain not in self._cross_references:
            if domain == "any":
                data: Any = {name: d.data for name, d in self.env.domains.items() if name != "docusaurus"}
            else:
                data = self.env.domains[domain].data if domain in self.env.domains else None
            self._cross_references[domain] = _digest(_canonical((
                data, self.routes, self.model.titles, self.env.toc_fignumbers, self.env.toc_secnumbers,
            )))
        return self._cross_references[domain]

    def toctree(self, docname: str) -> list[tuple[Any, ...]]:
        """What a visible toctree entry can show: the page and every page below it, with their headings."""
        shown: list[tuple[Any, ...]] = []
        stack, seen = [docname], set()
        while stack:
            current = stack.pop()
            if current in seen or current not in self.env.all_docs:
                continue
            seen.add(current)
            toc = self.env.tocs.get(current)
            shown.append((current, self.routes.get(current), self.model.titles.get(current), _outline(toc)))
            stack.extend(reversed(self.env.toctree_includes.get(current, [])))
        return shown

    def page(self, docname: str) -> Iterator[Any]:
        """Everything one page shows that comes from other pages (or from the site as a whole)."""
        domain = pages_domain(self.env)
        pages = domain.pages
        model = self.model
        yield "route", self.routes.get(docname)
        sidebar = model.sidebar(docname)
        if sidebar is not None:
            # the sidebar and the breadcrumbs: every entry shown, each with every field
            yield "sidebar", [self.entries[item.docname] for item in sidebar.visible(docname)]
            item = sidebar.items.get(docname)
            if item is not None:
                # the cards of a section index page: its children's entries, descriptions and sizes
                yield "cards", [
                    (self.entries[child], (pages.get(child) or PageMeta()).description,
                     len(sidebar.items[child].children))
                    for child in item.children
                ]
        pagination = model.pagination.get(docname)
        if pagination is not None:
            for side, target in (("prev", pagination.prev), ("next", pagination.next)):
                shown = (target, self.routes.get(target), relation_label(model, pages, target)) if target else None
                yield side, shown
        if model.versions is not None:
            # the version menu, the banner and the canonical link: versions, labels, linked pages
            yield "versions", [(version, target, self.routes.get(target) if target else None)
                               for version, target in model.versions.menu(docname)]
        yield "links", [self.link(docname, record) for record in domain.links.get(docname, [])]
        redirect = domain.redirects.get(docname)
        if redirect and not is_web_url(redirect):
            path, _fragment = split_target(redirect)
            yield "redirect", self.target(model.find_page(docname, path), None)


def _outline(toc: Any) -> list[tuple[int, str, str]] | None:
    """A page's headings as a toctree shows them: depth, anchor and text of each."""
    if toc is None:
        return None
    outline = []
    for reference in toc.findall(nodes.reference):
        depth = sum(1 for ancestor in _ancestors(reference) if isinstance(ancestor, nodes.bullet_list))
        outline.append((depth, reference.get("anchorname", ""), reference.astext()))
    return outline


def _ancestors(node: Any) -> Iterator[Any]:
    while node.parent is not None:
        node = node.parent
        yield node


WRITTEN = "docusaurus-written.json"
"""In the doctree folder: each page's signature when a build last finished writing.

Sphinx saves the environment before it writes, so the previous model's signatures
would claim pages were written that an interrupted build never wrote; this file is
written only once a build has finished.
"""


def _written_signatures(app: Sphinx) -> dict[str, str] | None:
    try:
        data = json.loads((Path(app.doctreedir) / WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("builder") != app.builder.name:
        return None
    signatures = data.get("signatures")
    return signatures if isinstance(signatures, dict) else None


def _update_site_model(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Compute the model; the pages whose signature changed since the last finished build are written again."""
    model = compute_site_model(env)
    setattr(env, SITE, model)
    written = _written_signatures(app)
    if written is None:
        return sorted(model.signatures)  # no record of what the output holds: write every page
    return [
        docname
        for docname, signature in model.signatures.items()
        if docname in written and written[docname] != signature
    ]


def _note_written(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    target = Path(app.doctreedir) / WRITTEN
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {"builder": app.builder.name, "signatures": site_model(app.env).signatures}
    target.write_text(json.dumps(record, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def setup_site_model(app: Sphinx) -> None:
    """Compute the model once per build, after reading; note what was written when the build ends."""
    app.connect("env-updated", _update_site_model)
    app.connect("build-finished", _note_written)
