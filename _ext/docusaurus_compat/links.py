"""Docusaurus links as real cross-references.

MyST resolves relative links to existing ``.md`` files itself (``doc`` refs,
anchors checked against the target's heading slugs). What it cannot resolve
are the forms Docusaurus authors use most: site paths (``/security/lifecycle``,
``/security/lifecycle/#anchor``) and extensionless relative paths
(``product-architecture``). This post-transform runs just before MyST's
resolver (priority 9) and rewrites those into ``doc`` references when a page
answers to them. Otherwise the link goes to the main docs site
(``docusaurus_site_url``), quietly, unless the path lies under one of
``docusaurus_owned_paths``: then the page is missing here, which is a warning.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .routes import RouteTable, default_route, route_table
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SOURCE_SUFFIX = re.compile(r"\.mdx?$", re.IGNORECASE)


def split_target(target: str) -> tuple[str, str | None]:
    """``"/a/b/#x"`` -> ``("/a/b/", "x")``."""
    path, _, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    return unquote(path), (unquote(fragment) or None)


def site_path(docname: str, path: str, root_doc: str) -> str:
    """The absolute site path (``/a/b``) a link written in ``docname`` points at.

    Relative paths are taken from the page's folder, as Docusaurus does for
    file links; ``.md``/``.mdx`` suffixes and index file names are dropped.
    """
    if not path.startswith("/"):
        folder = posixpath.dirname(docname)
        path = "/" + posixpath.join(folder, path)
    normal = posixpath.normpath(path)
    normal = _SOURCE_SUFFIX.sub("", normal)
    route = default_route(normal.strip("/"), root_doc="") if normal.strip("/") else ""
    return "/" + route.rstrip("/")


def main_site_url(config: Any, refdoc: str, target: str) -> str:
    """The main docs site's URL for a link this project has no page for (query and anchor kept)."""
    path, fragment = split_target(target)
    query = target.partition("#")[0].partition("?")[2]
    url = config.docusaurus_site_url.rstrip("/") + site_path(refdoc, path, config.root_doc)
    if path.endswith("/") and not url.endswith("/"):
        url += "/"  # as written: the main site serves /x/ without a redirect
    return url + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def find_page(env: BuildEnvironment, table: RouteTable, docname: str, path: str) -> str | None:
    """The document a site or relative path names, or None."""
    absolute = site_path(docname, path, env.config.root_doc)
    found = table.find(absolute)
    if found is not None:
        return found
    # Not a URL: maybe a document path (a page whose slug moved it elsewhere).
    candidate = _SOURCE_SUFFIX.sub("", posixpath.normpath(absolute).strip("/"))
    for name in (candidate, f"{candidate}/index", f"{candidate}/{candidate.rsplit('/', 1)[-1]}"):
        if name in env.all_docs:
            return name
    return None


ANCHORS = "docusaurus_anchor_sets"
"""Environment attribute: docname -> its anchors, computed once per build (``link_anchors.py``)."""


def anchor_sets(env: BuildEnvironment) -> dict[str, frozenset[str]]:
    """docname -> every anchor a link may name on that page: heading slugs, section ids, labels."""
    anchors: dict[str, set[str]] = {docname: set() for docname in env.all_docs}
    for docname, found in anchors.items():
        slugs = env.metadata.get(docname, {}).get("myst_slugs", {})
        found.update(slugs)
        found.update(entry[1] for entry in slugs.values())
    for name, (docname, label_id) in env.domains["std"].anonlabels.items():
        if docname in anchors:
            anchors[docname].update((name, label_id))
    return {docname: frozenset(found) for docname, found in anchors.items()}


def has_anchor(env: BuildEnvironment, docname: str, fragment: str) -> bool:
    """Whether a page has a heading slug, section id or label named ``fragment``."""
    anchors = getattr(env, ANCHORS, None)
    if anchors is None:  # the build has not reached env-updated (a transform run on its own)
        anchors = anchor_sets(env)
    return fragment in anchors.get(docname, frozenset())


def is_owned(path: str, owned: list[str]) -> bool:
    """Whether a site path lies under one of the paths this project owns."""
    normal = path.rstrip("/") + "/"
    return any(normal.startswith(prefix.rstrip("/") + "/") for prefix in owned)


class ResolveDocusaurusLinks(SphinxPostTransform):
    """Turn site paths and extensionless links into document references."""

    default_priority = 8  # before MyST's resolver (9) and Sphinx's (10)

    def run(self, **kwargs: Any) -> None:
        table = route_table(self.env)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst" or node.get("refdomain") is not None:
                continue
            target: str = node["reftarget"]
            if not target or target.startswith("#") or _SCHEME.match(target):
                continue
            self._resolve(node, target, table)

    def _resolve(self, node: addnodes.pending_xref, target: str, table: RouteTable) -> None:
        refdoc = node.get("refdoc", self.env.docname)
        path, fragment = split_target(target)
        docname = find_page(self.env, table, refdoc, path)
        if docname is not None:
            if fragment and not has_anchor(self.env, docname, fragment):
                warn(
                    f"link target '{target}': the page has no heading or anchor '#{fragment}': "
                    "correct the anchor (the link goes to the top of the page)",
                    DocusaurusWarning.LINK_MISSING,
                    location=node,
                )
                fragment = None
            node["refdomain"] = "doc"
            node["reftarget"] = docname
            node["reftargetid"] = fragment
            return
        absolute = site_path(refdoc, path, self.config.root_doc)
        if is_owned(absolute, self.config.docusaurus_owned_paths):
            warn(
                f"link target '{target}' is not a page of this site (no page is served at "
                f"'{absolute}/'): correct the path, or add the page",
                DocusaurusWarning.LINK_MISSING,
                location=node,
            )
            node.replace_self(node[0].deepcopy() if node.children else nodes.Text(target))
            return
        url = main_site_url(self.config, refdoc, target)
        reference = nodes.reference("", "", internal=False, refuri=url)
        reference["classes"].append("docusaurus-external")
        if node.children:
            reference.extend(child.deepcopy() for child in node.children)
        else:
            reference.append(nodes.Text(target))
        node.replace_self(reference)


def setup_links(app: Sphinx) -> None:
    """Register the link resolver and its settings."""
    app.add_config_value(
        "docusaurus_site_url", "https://docs.spectrocloud.com", "env", types=frozenset({str})
    )
    app.add_config_value(
        "docusaurus_owned_paths", ["/security/"], "env", types=frozenset({list, tuple})
    )
    app.add_post_transform(ResolveDocusaurusLinks)
