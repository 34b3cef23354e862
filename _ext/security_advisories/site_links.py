"""Links from advisory pages to this site's pages and files, right for each builder.

A :class:`site_link` names a document and a path below its URL (``osv/CVE-….json``).
In HTML it becomes a relative link, so the site works from any folder or host; in
the PDF, which has no files beside it, an absolute link to the published site
(``html_baseurl``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from docusaurus_compat.site_model import site_model

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class site_link(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lower case
    """A link to ``docname``'s URL plus ``path`` (``docname`` empty: the advisories' index; ``root``: the site root)."""

    def __init__(self, text: str, *, docname: str = "", path: str = "", root: bool = False) -> None:
        super().__init__(text, text, docname=docname, path=path, root=root)


class ResolveSiteLinks(SphinxPostTransform):
    """Each :class:`site_link` becomes a reference the builder can write."""

    default_priority = 10

    def run(self, **kwargs: Any) -> None:
        links = list(self.document.findall(site_link))
        if not links:
            return  # most pages have none: no site model lookup for them
        builder = self.app.builder
        html = builder.format == "html"
        index = self.config.advisories_index
        routes = site_model(self.env).routes.routes
        for node in links:
            docname = self.config.root_doc if node["root"] else (node["docname"] or index)
            if html:
                path, hash_mark, fragment = node["path"].partition("#")
                target = builder.get_target_uri(docname) + path
                uri = (relative_uri(builder.get_target_uri(self.env.docname), target) or "./") + hash_mark + fragment
            else:
                route = routes.get(docname, f"{docname}/")
                uri = self.config.html_baseurl.rstrip("/") + "/" + route.lstrip("/") + node["path"]
            reference = nodes.reference(node.astext(), node.astext(), refuri=uri, classes=node["classes"])
            node.replace_self(reference)


def setup_site_links(app: Sphinx) -> None:
    """Register the node and its resolution."""
    app.add_node(site_link)
    app.add_post_transform(ResolveSiteLinks)
