"""A Docusaurus site's settings as this project's Sphinx configuration values.

``conf.py`` applies :func:`sphinx_values` when ``SITE=`` names a site: the
site's title, URL, edit URL, Markdown format, broken-link policies, top-bar
links and versions replace the Palette Security values, and the version
folders become the include and exclude patterns of one Sphinx project.
"""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any
from urllib.parse import urljoin

from .config import NavbarItem, SiteConfigError
from .layout import SiteLayout
from .sidebars import CategoryItem, DocItem
from .versions import DocsVersion

ROOT_NAMES = ("index", "README")
# never pages, whatever the site's globs say: build output, dependencies, hidden files
ALWAYS_EXCLUDED = ["_build", "**/.*", "**/node_modules/**"]


def site_root_doc(layout: SiteLayout) -> str:
    """The page served at the site root: the last version's top ``index``/``README`` when that
    version is served at the root, else ``index`` (generated: the site's title and its sections)."""
    for mount in layout.mounts:
        if mount.version.is_last and mount.version.path == "":
            for name in ROOT_NAMES:
                for suffix in (".md", ".mdx"):
                    if (mount.version.content_dir / f"{name}{suffix}").is_file():
                        return f"{mount.dir}/{name}" if mount.dir else name
    return "index"


def _first_doc(items: list[Any]) -> str | None:
    """The first doc id a sidebar lists (its first page, for a ``docSidebar`` navbar item)."""
    for item in items:
        if isinstance(item, DocItem) and item.kind == "doc":
            return item.id
        if isinstance(item, CategoryItem):
            if item.link is not None and item.link.doc_id:
                return item.link.doc_id
            found = _first_doc(item.items)
            if found:
                return found
    return None


def _navbar_url(layout: SiteLayout, item: NavbarItem) -> str | None:
    if item.kind == "docSidebar" and item.sidebar_id:
        last = next((m for m in layout.mounts if m.version.is_last and m.version.plugin_id == item.plugin_id), None)
        first = _first_doc(layout.sidebars.get(last.key, {}).get(item.sidebar_id, [])) if last else None
        item = dataclasses.replace(item, kind="doc", doc_id=first) if first else item
    if item.kind == "doc" and item.doc_id:
        last = next((m for m in layout.mounts if m.version.is_last and m.version.plugin_id == item.plugin_id), None)
        prefix = last.version.path if last else ""
        doc = item.doc_id
        path = doc.rsplit("/", 1)[0] if doc.rsplit("/", 1)[-1] in ("index", "README") else doc
        path = "" if doc in ROOT_NAMES else path
        inner = "/".join(part for part in (prefix, path) if part)
        return f"/{inner}/" if inner else "/"
    if item.url:
        if item.url.startswith(("http://", "https://", "/")):
            return item.url
        return None if ":" in item.url else "/" + item.url
    return None


def navbar_links(layout: SiteLayout) -> list[tuple[str, str]]:
    """The top bar's links: every navbar item with a label and a target (dropdowns are menus)."""
    links: list[tuple[str, str]] = []
    for item in layout.config.navbar:
        url = _navbar_url(layout, item)
        if item.label and url and item.kind in ("doc", "link", "docSidebar"):
            links.append((item.label, url))
    return links


def navbar_menus(layout: SiteLayout) -> list[tuple[str, list[tuple[str, str]]]]:
    """The top bar's dropdowns: label, and the items that have a label and a target."""
    menus = []
    for item in layout.config.navbar:
        if item.kind != "dropdown" or not item.label:
            continue
        entries = [(entry.label, url) for entry in item.items
                   if entry.label and (url := _navbar_url(layout, entry))]
        if entries:
            menus.append((item.label, entries))
    return menus


def footer_links(layout: SiteLayout) -> list[tuple[str, list[tuple[str, str]]]]:
    """The footer's columns, each link a site path (made absolute) or an http(s) URL."""
    columns = []
    for column in layout.config.footer:
        links = []
        for label, url in column.links:
            if url.startswith(("http://", "https://", "/")):
                links.append((label, url))
            elif ":" not in url:
                links.append((label, "/" + url))
        if links:
            columns.append((column.title or "", links))
    return columns


def first_instance_versions(layout: SiteLayout) -> list[DocsVersion]:
    """The versions of the first docs plugin instance (the one the version menu and the PDF follow)."""
    if not layout.mounts:
        return []
    return [mount.version for mount in layout.mounts if mount.instance is layout.mounts[0].instance]


def version_links(layout: SiteLayout) -> list[tuple[str, str]]:
    """The version menu: the default instance's versions, the last (the one at the root) first."""
    versions = first_instance_versions(layout)
    versions.sort(key=lambda version: not version.is_last)
    return [(version.label, "/" + version.path + "/" if version.path else "/") for version in versions]


COMPONENTS_FILE = "docusaurus-components.json"


def site_components(layout: SiteLayout) -> dict[str, str]:
    """``docusaurus-components.json`` beside the site's config: component name -> rendering (or none)."""
    path = layout.config.site_dir / COMPONENTS_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SiteConfigError(f"{path}: cannot be read ({error}): write an object of name: rendering") from None
    if not isinstance(data, dict) or not all(isinstance(value, str) for value in data.values()):
        raise SiteConfigError(f"{path}: write an object of component name: rendering strings")
    return dict(data)


def pdf_label(layout: SiteLayout, wanted: str | None) -> str:
    """The label of the version the PDF holds: ``wanted`` (a name or label), else the last version's
    (none for a site with one version: Docusaurus shows no version there either)."""
    versions = first_instance_versions(layout)
    if len(versions) < 2:
        return ""
    chosen = next((v for v in versions if wanted in (v.name, v.label)), None) if wanted else None
    chosen = chosen or next((v for v in versions if v.is_last), None)
    return chosen.label if chosen else ""


def sphinx_values(layout: SiteLayout, pdf_version: str | None = None) -> dict[str, Any]:
    """The configuration values that build ``layout``'s site (``pdf_version``: the PDF's version)."""
    config = layout.config
    site_url = (config.url + config.base_url).rstrip("/")
    edit = next((mount.instance.edit_url for mount in layout.mounts if mount.instance.edit_url), None)
    if edit:
        # Docusaurus appends the file's path from the site folder; pages are named from the source
        # folder here, so the base moves by the difference (urljoin resolves "../")
        edit = urljoin(edit, os.path.relpath(layout.srcdir, config.site_dir).replace(os.sep, "/") + "/")
    favicon = config.site_dir / "static" / config.favicon.lstrip("/") if config.favicon else None
    repository = next((url for _label, url in navbar_links(layout) if url.startswith("https://github.com/")), "")
    repository = repository or next((item.url for item in layout.config.navbar if not item.label and item.url
                                     and item.url.startswith("https://github.com/")), "")
    root = site_root_doc(layout)
    return {
        "project": config.title,
        "html_title": config.title,
        "html_baseurl": site_url + "/",
        "root_doc": root,
        "include_patterns": layout.include_patterns(),
        "exclude_patterns": [*ALWAYS_EXCLUDED, *layout.exclude_patterns()],
        "docusaurus_site_dir": str(config.site_dir),
        "docusaurus_site_url": site_url,
        # the docs plugins' paths: a link elsewhere (a blog, a React page) goes to the live site
        "docusaurus_owned_paths": sorted({f"/{mount.instance.route_base_path}/".replace("//", "/")
                                          for mount in layout.mounts}) or ["/"],
        "docusaurus_edit_url": edit or "",
        "docusaurus_markdown_format": config.markdown_format,
        "docusaurus_on_broken_links": config.on_broken_links,
        "docusaurus_on_broken_anchors": config.on_broken_anchors,
        "docusaurus_navbar_links": navbar_links(layout),
        "docusaurus_navbar_menus": navbar_menus(layout),
        "docusaurus_versions": version_links(layout),
        "docusaurus_repository_url": repository,
        "docusaurus_footer_links": footer_links(layout),
        "docusaurus_icon_aliases": {},
        # Docusaurus accepts any front-matter key: only a likely typo of a known one is reported
        "docusaurus_extra_keys": ["*"],
        "docusaurus_admonition_keywords": sorted({keyword for mount in layout.mounts
                                                  for keyword in mount.instance.admonition_keywords}),
        "docusaurus_components": site_components(layout),
        "html_logo": None,
        "html_favicon": str(favicon) if favicon is not None and favicon.is_file() else None,
        "notfound_urls_prefix": config.base_url,
        # `make pdf SITE=...` writes $(BUILDDIR)/<site>/pdf/site.pdf: one version, chapters in sidebar order
        "latex_documents": [(root, "site.tex", f"{config.title} {pdf_label(layout, pdf_version)}".strip(),
                             config.title, "manual")],
    }
