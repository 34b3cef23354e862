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

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .link_targets import is_owned, main_site_url, split_target, table_site_path
from .page_model import pages_domain
from .site_model import SiteModel, site_model
from .url_policy import app_link_allowed, has_scheme
from .warning_types import DocusaurusWarning, warn

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ResolveDocusaurusLinks(SphinxPostTransform):
    """Turn site paths and extensionless links into document references."""

    default_priority = 8  # before MyST's resolver (9) and Sphinx's (10)

    def run(self, **kwargs: Any) -> None:
        model = site_model(self.env)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst" or node.get("refdomain") is not None:
                continue
            target: str = node["reftarget"]
            if target in ("", "#"):  # `[text](#)`: Docusaurus links the top of this page
                self._replace_with_link(node, "#", internal=True)
                continue
            if has_scheme(target):
                if app_link_allowed(target):  # any other scheme (vscode:, slack:) is a link in Docusaurus
                    self._replace_with_link(node, target, internal=False)
                continue
            if target.startswith("#"):
                continue
            self._resolve(node, target, model)

    @staticmethod
    def _replace_with_link(node: addnodes.pending_xref, url: str, internal: bool) -> None:
        reference = nodes.reference("", "", internal=internal, refuri=url)
        reference.extend(child.deepcopy() for child in node.children)
        node.replace_self(reference)

    def _resolve(self, node: addnodes.pending_xref, target: str, model: SiteModel) -> None:
        refdoc = node.get("refdoc", self.env.docname)
        docname, fragment, absolute = link_target(model, refdoc, target)
        if docname is not None:
            if fragment and not model.has_anchor(docname, fragment):
                report_broken(
                    self.config.docusaurus_on_broken_anchors,
                    f"link target '{target}': the page has no heading or anchor '#{fragment}': "
                    "correct the anchor (the link goes to the top of the page)",
                    node,
                )
                fragment = None
            node["refdomain"] = "doc"
            node["reftarget"] = docname
            node["reftargetid"] = fragment
            return
        if is_owned(absolute, self.config.docusaurus_owned_paths):
            report_broken(
                self.config.docusaurus_on_broken_links,
                f"link target '{target}' is not a page of this site (no page is served at "
                f"'{absolute}/'): correct the path, or add the page",
                node,
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


def link_target(model: SiteModel, refdoc: str, target: str) -> tuple[str | None, str | None, str]:
    """What a site path or extensionless link names: its page (or None), its anchor, and the
    absolute site path it stands for."""
    path, fragment = split_target(target)
    return model.find_page(refdoc, path), fragment, table_site_path(model.routes, refdoc, path)


def report_broken(policy: str, message: str, node: Any) -> None:
    """A broken link or anchor, as the site's ``onBrokenLinks``/``onBrokenAnchors`` says:
    ``ignore`` says nothing, ``warn`` and ``throw`` warn (``throw`` then fails the build at its end)."""
    if policy != "ignore":
        warn(message, DocusaurusWarning.LINK_MISSING, location=node)


def thrown_count(app: Sphinx) -> int:
    """How many links the ``throw`` policies refuse, counted from every page's read records in the
    main process (pages may be written in worker processes, whose own counts would be lost)."""
    config, model = app.config, site_model(app.env)
    links_throw = config.docusaurus_on_broken_links == "throw"
    anchors_throw = config.docusaurus_on_broken_anchors == "throw"
    if not (links_throw or anchors_throw):
        return 0
    count = 0
    for refdoc, records in pages_domain(app.env).links.items():
        for kind, target, _anchor in records:
            if kind != "path" or refdoc not in app.env.all_docs:
                continue
            docname, fragment, absolute = link_target(model, refdoc, target)
            if docname is None:
                count += links_throw and is_owned(absolute, config.docusaurus_owned_paths)
            elif fragment and not model.has_anchor(docname, fragment):
                count += anchors_throw
    return count


def _fail_if_thrown(app: Sphinx, exception: Exception | None) -> None:
    count = thrown_count(app) if exception is None else 0
    if count:
        logger.error(
            "%d broken link(s) or anchor(s), and the site's policy (onBrokenLinks/onBrokenAnchors) is "
            "'throw': the build fails; fix them, or set the policy to 'warn'", count,
        )
        app.statuscode = 1


def setup_links(app: Sphinx) -> None:
    """Register the link resolver."""
    app.add_post_transform(ResolveDocusaurusLinks)
    app.connect("build-finished", _fail_if_thrown)
