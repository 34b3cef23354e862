"""The page model: what reading one page records, kept in a Sphinx domain.

The parser stores one :class:`PageMeta` (typed front matter) per document;
the renderer and transforms add the page's ``<Redirect>``, its links to other
pages and its partial lookups. Nothing here looks at another page: the site
model (:mod:`.site_model`) puts the pages together once they are all read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

# A string, compared with ==: identity does not survive pickling under -j.
UNSET: Any = "__unset__"
"""Marks ``pagination_*``/``custom_edit_url`` left out (``None`` means switched off)."""


@dataclasses.dataclass
class PageMeta:
    """What one page's front matter says, after checking."""

    title: str | None = None
    meta_title: str | None = None
    description: str | None = None
    keywords: list[str] = dataclasses.field(default_factory=list)
    image: str | None = None
    sidebar_label: str | None = None
    sidebar_position: float | None = None
    icon: str | None = None
    hide_toc: bool = False
    toc_min_level: int | None = None
    toc_max_level: int | None = None
    full_width: bool = False
    tags: list[str] = dataclasses.field(default_factory=list)
    hide_title: bool = False
    draft: bool = False
    unlisted: bool = False
    hidden_from_nav: bool = False
    slug: str | None = None
    doc_id: str | None = None
    pagination_label: str | None = None
    pagination_prev: str | None = UNSET
    pagination_next: str | None = UNSET
    custom_edit_url: str | None = UNSET
    partial_category: str | None = None
    partial_name: str | None = None
    displayed_sidebar: str | None = None
    sidebar_class_name: str | None = None
    key_lines: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def label(self) -> str | None:
        """The sidebar label: ``sidebar_label``, else ``title``."""
        return self.sidebar_label or self.title

    @classmethod
    def from_values(cls, values: dict[str, Any], key_lines: dict[str, int]) -> PageMeta:
        """Map checked front-matter values (both vocabularies) onto fields."""
        custom = values.get("sidebar_custom_props") or {}
        icon = values.get("icon")
        if icon is None and isinstance(custom.get("icon"), str):
            icon = custom["icon"]
        return cls(
            title=values.get("title"),
            meta_title=values.get("metaTitle"),
            description=values.get("description") or values.get("metaDescription"),
            keywords=list(values.get("keywords", [])),
            image=values.get("image"),
            sidebar_label=values.get("sidebar_label"),
            sidebar_position=values.get("sidebar_position"),
            icon=(icon or "").strip() or None,
            hide_toc=bool(values.get("hide_table_of_contents", values.get("hideToC", False))),
            toc_min_level=values.get("toc_min_heading_level"),
            toc_max_level=values.get("toc_max_heading_level"),
            full_width=bool(values.get("fullWidth", False)),
            tags=_unique(values.get("tags", [])),
            hide_title=bool(values.get("hide_title", False)),
            draft=bool(values.get("draft", False)),
            unlisted=bool(values.get("unlisted", False)),
            hidden_from_nav=bool(values.get("hiddenFromNav", False)),
            slug=values.get("slug"),
            doc_id=values.get("id"),
            pagination_label=values.get("pagination_label"),
            pagination_prev=values.get("pagination_prev", UNSET),
            pagination_next=values.get("pagination_next", UNSET),
            custom_edit_url=values.get("custom_edit_url", UNSET),
            partial_category=values.get("partial_category"),
            partial_name=values.get("partial_name"),
            displayed_sidebar=values.get("displayed_sidebar"),
            sidebar_class_name=values.get("sidebar_class_name"),
            key_lines=dict(key_lines),
        )


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


LinkRecord = tuple[str, str, str]
"""A link a page makes to another page, as read: ``(kind, target, anchor)``.

``kind`` is ``"doc"`` (a document MyST or a ``{doc}`` role resolved at read time:
``target`` is its docname), ``"path"`` (a site path or extensionless link that
:mod:`.links` resolves when the page is written), ``"ref"`` (a label) or
``"toctree"`` (an entry of a visible toctree: a docname).
"""

PartialLookups = dict[tuple[str, str], str]
"""(category, name) -> the partial file a page's component found ("" when none)."""


class PagesDomain(Domain):
    """What each page's reading recorded: front matter, body redirects, links, partial lookups,
    files it looked for in vain.

    A domain gives ``clear_doc``/``merge_domaindata``, so incremental and parallel
    reads keep every record right without code of their own.
    """

    name = "docusaurus"
    label = "Docusaurus pages"
    initial_data: ClassVar[dict[str, Any]] = {
        "pages": {}, "redirects": {}, "links": {}, "partials": {}, "missing": {}, "components": {},
    }
    data_version = 5
    _RECORDS = ("pages", "redirects", "links", "partials", "missing", "components")

    @property
    def pages(self) -> dict[str, PageMeta]:
        """docname -> its front matter (documents without front matter have none)."""
        return self.data.setdefault("pages", {})

    @property
    def redirects(self) -> dict[str, str]:
        """docname -> target of a ``<Redirect to=.../>`` in its body."""
        return self.data.setdefault("redirects", {})

    @property
    def links(self) -> dict[str, list[LinkRecord]]:
        """docname -> the links it makes to other pages, sorted."""
        return self.data.setdefault("links", {})

    @property
    def partials(self) -> dict[str, PartialLookups]:
        """docname -> every partial lookup its components made."""
        return self.data.setdefault("partials", {})

    @property
    def missing(self) -> dict[str, list[str]]:
        """docname -> the files it looked for and did not find (images), as absolute paths."""
        return self.data.setdefault("missing", {})

    @property
    def components(self) -> dict[str, list[tuple[str, str, int, bool]]]:
        """docname -> each use of a component the site does not know: (name, file, line, has text)."""
        return self.data.setdefault("components", {})

    def clear_doc(self, docname: str) -> None:
        for key in self._RECORDS:
            self.data.setdefault(key, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in self._RECORDS:
                if docname in otherdata.get(key, {}):
                    self.data.setdefault(key, {})[docname] = otherdata[key][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []


def pages_domain(env: BuildEnvironment) -> PagesDomain:
    """The domain that holds every page's read records."""
    domain = env.domains["docusaurus"]
    assert isinstance(domain, PagesDomain)
    return domain


def pages_of(env: BuildEnvironment) -> dict[str, PageMeta]:
    """Every document's :class:`PageMeta` (documents without front matter have none)."""
    return pages_domain(env).pages


def page_of(env: BuildEnvironment, docname: str) -> PageMeta:
    """One document's :class:`PageMeta` (an empty one when it has no front matter)."""
    return pages_of(env).get(docname) or PageMeta()
