"""A Content-Security-Policy the site keeps: no inline script or style anywhere.

* The policy (``docusaurus_content_security_policy``) goes into every page as a
  ``<meta http-equiv>`` tag (``_templates/page.html``); ``frame-ancestors`` is
  left out of the tag because browsers only obey it as an HTTP header (the
  README gives the header for servers).
* furo's two inline parts are moved to static files through template blocks
  (``_templates/base.html``): the one-line script that applies the saved colour
  mode becomes ``_static/docusaurus-theme-init.js``, and the ``<style>`` with its
  colour variables is rendered from furo's own partial into
  ``_static/docusaurus-theme-variables.css`` when the builder starts.
* ``_templates/partials/icons.html`` includes furo's icon sprite with its two
  ``style`` attributes turned into the equivalent ``hidden``/``opacity`` attributes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

VARIABLES_CSS = "docusaurus-theme-variables.css"
_STYLE_ELEMENT = re.compile(r"^\s*<style>\s*|\s*</style>\s*$")
_META_IGNORED = {"frame-ancestors", "report-uri", "sandbox"}  # browsers ignore these in <meta>


def meta_policy(policy: str) -> str:
    """The policy without the directives a ``<meta>`` tag cannot carry."""
    kept = [d.strip() for d in policy.split(";") if d.strip() and d.split()[0] not in _META_IGNORED]
    return "; ".join(kept)


def _write_theme_variables(app: Sphinx) -> None:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.format != "html":
        return
    if not hasattr(builder, "theme") or builder.theme.name != "furo":
        return
    import furo  # the theme is furo: its partial needs the values furo computes per page

    options = builder.theme.get_options(builder.theme_options)
    pygments = {
        "light": furo.get_pygments_style_colors(
            furo._KNOWN_STYLES_IN_USE["light"], fallbacks={"foreground": "black", "background": "white"}
        ),
        "dark": furo.get_pygments_style_colors(
            furo._KNOWN_STYLES_IN_USE["dark"], fallbacks={"foreground": "white", "background": "black"}
        ),
    }
    rendered = builder.templates.render("partials/_head_css_variables.html", {
        "theme_light_css_variables": options.get("light_css_variables", {}),
        "theme_dark_css_variables": options.get("dark_css_variables", {}),
        "furo_pygments": pygments,
    })
    css = _STYLE_ELEMENT.sub("", rendered.strip()) + "\n"
    target = Path(builder.outdir) / "_static" / VARIABLES_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")


def _add_policy(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    policy = app.config.docusaurus_content_security_policy
    context["docusaurus_csp"] = meta_policy(policy) if policy else ""


def setup_csp(app: Sphinx) -> None:
    """Register the policy setting, the page context value and the static theme files."""
    app.connect("builder-inited", _write_theme_variables, priority=900)  # after furo picks its styles
    app.connect("html-page-context", _add_policy)
