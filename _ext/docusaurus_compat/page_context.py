"""Front matter in each page's template context (head tags, footer, prev/next).

Values are computed here from the typed metadata in the environment and
handed to ``_templates/page.html``, which escapes every one of them (Sphinx's
Jinja has no autoescape). ``prev``/``next`` are replaced with labels from
``pagination_label``/``sidebar_label`` and targets from ``pagination_prev``/
``pagination_next``; furo prints their titles as HTML, so they are escaped here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from markupsafe import Markup, escape

from .page_meta import UNSET, PageMeta, pages_of
from .icons import icon_svg
from .links import find_page, main_site_url, split_target
from .routes import route_table
from .sidebar import page_label
from .tags import tag_links
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_SAFE_URL_SCHEMES = ("http://", "https://")


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs and site paths reach an ``href``/``content``."""
    if not url:
        return None
    url = url.strip()
    if url.lower().startswith(_SAFE_URL_SCHEMES) or (url.startswith("/") and not url.startswith("//")):
        return url
    return None


def _pagination_target(app: Sphinx, docname: str, meta: PageMeta, key: str) -> str | None | Any:
    """The document ``pagination_prev``/``_next`` names (None: switched off; UNSET: default)."""
    value = getattr(meta, key)
    if value == UNSET:
        return UNSET
    if value is None:
        return None
    table = route_table(app.env)
    target = table.by_id.get(value) or (value if value in app.env.all_docs else None)
    if target is None:
        target = table.find("/" + value.strip("/"))
    if target is None:
        warn(
            f"{key} '{value}' names no page: use a page id such as "
            "'security/lifecycle/lifecycle', or null to hide the link",
            DocusaurusWarning.PAGINATION_TARGET,
            location=(docname, meta.key_lines.get(key, 1)),
        )
        return UNSET
    return target


def _redirect_url(app: Sphinx, pagename: str) -> str | None:
    """Where a page with ``<Redirect to=.../>`` sends the reader (relative, or the main site)."""
    target = app.env.domains["docusaurus"].redirects.get(pagename)
    if not target:
        return None
    if target.lower().startswith(_SAFE_URL_SCHEMES):
        return target
    path, fragment = split_target(target)
    docname = find_page(app.env, route_table(app.env), pagename, path)
    if docname is None:
        return main_site_url(app.config, pagename, target)
    return app.builder.get_relative_uri(pagename, docname) + (f"#{fragment}" if fragment else "")


def _breadcrumbs(app: Sphinx, pagename: str) -> list[dict[str, str]]:
    """Home, then each ancestor in the sidebar tree, then the page itself (no link)."""
    tree = getattr(app.builder, "docusaurus_nav_tree", None)
    node = tree.by_doc.get(pagename) if tree is not None else None
    if node is None or node.parent is None:
        return []
    chain = []
    while node is not None:
        chain.append(node)
        node = node.parent
    chain.reverse()
    crumbs = [{"label": "Home page", "url": app.builder.get_relative_uri(pagename, chain[0].docname)}]
    for ancestor in chain[1:-1]:
        crumbs.append({"label": ancestor.label, "url": app.builder.get_relative_uri(pagename, ancestor.docname)})
    crumbs.append({"label": chain[-1].label, "url": ""})
    return crumbs


def _relation(app: Sphinx, pagename: str, target: str) -> dict[str, str]:
    pages = pages_of(app.env)
    meta = pages.get(target) or PageMeta()
    label = meta.pagination_label or page_label(app.env, target)
    return {"link": app.builder.get_relative_uri(pagename, target), "title": str(escape(label))}


def _add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    env = app.env
    if pagename not in env.all_docs:
        return
    meta = pages_of(env).get(pagename) or PageMeta()
    config = app.config

    title = env.titles[pagename].astext() if pagename in env.titles else ""
    docstitle = context.get("docstitle") or config.project
    if meta.meta_title:
        html_title = meta.meta_title
    elif not title:
        html_title = docstitle
    else:
        html_title = f"{title} | {docstitle}"

    image = _safe_url(meta.image)
    if image and image.startswith("/") and config.html_baseurl:
        image = urljoin(config.html_baseurl, image.lstrip("/"))

    if meta.custom_edit_url == UNSET:
        base = config.docusaurus_edit_url
        edit_url = base + str(env.doc2path(pagename, False)).replace("\\", "/") if base else None
    else:
        edit_url = _safe_url(meta.custom_edit_url)

    context["docusaurus"] = {
        "redirect": _redirect_url(app, pagename),
        "breadcrumbs": _breadcrumbs(app, pagename),
        "home_icon": Markup(icon_svg("house")),
        "html_title": html_title,
        "og_title": meta.meta_title or title or docstitle,
        "description": meta.description,
        "keywords": ", ".join(meta.keywords),
        "image": image,
        "noindex": meta.unlisted,
        "full_width": meta.full_width,
        "tags": tag_links(app, pagename, meta.tags),
        "edit_url": edit_url,
    }

    relations = getattr(app.builder, "relations", {}).get(pagename)
    for key, index in (("pagination_prev", 1), ("pagination_next", 2)):
        name = "prev" if key == "pagination_prev" else "next"
        target = _pagination_target(app, pagename, meta, key)
        if target == UNSET:
            target = relations[index] if relations else None
        context[name] = _relation(app, pagename, target) if target else None


def setup_page_context(app: Sphinx) -> None:
    """Register the edit-link setting and the context handler."""
    app.add_config_value("docusaurus_edit_url", "", "html", types=frozenset({str}))
    app.connect("html-page-context", _add_page_context)
