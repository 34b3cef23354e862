"""Images from other hosts become links to them: no page or PDF fetches from a third party.

``![Architecture](https://cdn.example/a.png)`` would make every reader's browser
ask another host (which the Content-Security-Policy refuses anyway), and the
PDF build download it. The image is replaced by a link to it, named by its alt
text or else its host, as raw HTML ``<img>`` tags from other hosts are
(:mod:`.raw_html`); inside a link, the text stays in that link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .url_policy import is_web_url, url_host

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ExternalImagesAsLinks(SphinxTransform):
    """Replace each image with an http(s) URL by a link to it."""

    # before Sphinx's image collector (doctree-read) lists the image as one to download
    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not is_web_url(uri):
                continue
            label = image.get("alt") or url_host(uri)
            text = nodes.Text(label)
            if isinstance(image.parent, nodes.reference):
                image.replace_self(text)
                continue
            link = nodes.reference(label, "", text, refuri=uri, classes=["docusaurus-external-image"])
            if isinstance(image.parent, (nodes.TextElement, nodes.Inline)):
                image.replace_self(link)
            else:
                image.replace_self(nodes.paragraph("", "", link))


def setup_external_images(app: Sphinx) -> None:
    """Register the transform."""
    app.add_transform(ExternalImagesAsLinks)
