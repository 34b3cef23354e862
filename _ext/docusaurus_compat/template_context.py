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

from .html_builder import page_href
from .icons import icon_svg
from .link_targets import main_site_url, split_target
from .page_model import UNSET, PageMeta, pages_domain
from .site_model import SiteModel, relation_label, site_model
from .tags import tag_links
from .url_policy import has_scheme, is_site_path, is_web_url, safe_href

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _redirect_url(app: Sphinx, model: SiteModel, pagename: str) -> str | None:
    """Where a page with ``<Redirect to=.../>`` sends the reader (relative, or the main site)."""
    target = pages_domain(app.env).redirects.get(pagename)
    if not target:
        return None
    if is_web_url(target):
        return target
    path, fragment = split_target(target)
    docname = model.find_page(pagename, path)
    if docname is None:
        return main_site_url(app.config, pagename, target)
    return app.builder.get_relative_uri(pagename, docname) + (f"#{fragment}" if fragment else "")


def _breadcrumbs(app: Sphinx, model: SiteModel, pagename: str) -> list[dict[str, str]]:
    """Home, then each ancestor in the sidebar tree, then the page itself (no link)."""
    sidebar = model.sidebar(pagename)
    chain = sidebar.chain(pagename) if sidebar is not None else []
    if len(chain) < 2:
        return []
    home = chain[0].docname if chain[0].is_page else model.root_doc
    crumbs = [{"label": "Home page", "url": app.builder.get_relative_uri(pagename, home)}]
    for ancestor in chain[1:-1]:
        # a category without a page of its own is named, not linked
        url = app.builder.get_relative_uri(pagename, ancestor.docname) if ancestor.is_page else ""
        crumbs.append({"label": ancestor.label, "url": url})
    crumbs.append({"label": chain[-1].label, "url": ""})
    return crumbs


def _relation(app: Sphinx, model: SiteModel, pagename: str, target: str) -> dict[str, str]:
    label = relation_label(model, pages_domain(app.env).pages, target)
    return {"link": app.builder.get_relative_uri(pagename, target), "title": str(escape(label))}


def _add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    env = app.env
    if pagename not in env.all_docs:
        return
    meta = pages_domain(env).pages.get(pagename) or PageMeta()
    config = app.config
    model = site_model(env)

    title = env.titles[pagename].astext() if pagename in env.titles else ""
    docstitle = context.get("docstitle") or config.project
    if meta.meta_title:
        html_title = meta.meta_title
    elif not title:
        html_title = docstitle
    else:
        html_title = f"{title} | {docstitle}"

    image = safe_href(_image_url(meta.image))
    if image and is_site_path(image) and config.html_baseurl:
        image = urljoin(config.html_baseurl, image.lstrip("/"))

    if meta.custom_edit_url == UNSET:
        base = config.docusaurus_edit_url
        edit_url = base + str(env.doc2path(pagename, False)).replace("\\", "/") if base else None
    else:
        edit_url = safe_href(meta.custom_edit_url)

    context["docusaurus"] = {
        "redirect": _redirect_url(app, model, pagename),
        "breadcrumbs": _breadcrumbs(app, model, pagename),
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

    context["docusaurus"]["version_banner"] = _version_banner(app, model, pagename, context)
    # the page's docs version (whole sites): its search box searches that version
    context["docusaurus"]["version_key"] = model.versions.version_of.get(pagename) if model.versions else None

    pagination = model.pagination[pagename]
    for name, target in (("prev", pagination.prev), ("next", pagination.next)):
        context[name] = _relation(app, model, pagename, target) if target else None


def _version_banner(app: Sphinx, model: SiteModel, pagename: str, context: dict[str, Any]) -> dict[str, str] | None:
    """On a page of an unmaintained or unreleased version: what to say, and the same page in the
    last version (which is also the page's canonical URL, as Docusaurus gives versioned docs)."""
    versions = model.versions
    latest = versions.latest(pagename) if versions is not None else None
    if versions is None or latest is None:
        return None
    last, target = latest
    if target is not None and app.config.html_baseurl:
        context["pageurl"] = urljoin(app.config.html_baseurl, model.routes.routes.get(target, ""))
    own = versions.entry(versions.version_of[pagename])
    if own.banner not in ("unmaintained", "unreleased") or target is None:
        return None
    return {
        "kind": own.banner,
        "label": own.label,
        "latest_label": last.label,
        "latest_url": page_href(app, pagename, target),
    }


def _image_url(image: str | None) -> str | None:
    """``image`` as Docusaurus's ``useBaseUrl`` reads it: a relative path is from the site root,
    and a protocol-relative URL is fetched over https."""
    if not image or has_scheme(image):
        return image
    if image.startswith("//"):
        return "https:" + image
    return image if image.startswith("/") else "/" + image.removeprefix("./")


def setup_template_context(app: Sphinx) -> None:
    """Register the edit-link setting and the context handler."""
    app.connect("html-page-context", _add_page_context)
