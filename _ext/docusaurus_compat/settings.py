"""Every ``docusaurus_*`` setting of the extension, declared once.

Each :class:`Setting` has its name, default, the types ``conf.py`` may give it,
what Sphinx rebuilds when it changes (``"env"``: every page is read again;
``"html"``: every HTML page is written again) and a one-line description. The
README's settings table is checked against this list (``tests/unit/test_settings.py``);
:func:`register_settings` is the only place a setting is registered.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Rebuild = Literal["env", "html"]

DEFAULT_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


@dataclasses.dataclass(frozen=True)
class Setting:
    """One configuration value: ``conf.py`` sets it as ``name = value``."""

    name: str
    default: Any
    types: frozenset[type]
    rebuild: Rebuild
    description: str


SETTINGS: tuple[Setting, ...] = (
    # where pages and links point
    Setting("docusaurus_site_url", "https://docs.spectrocloud.com", frozenset({str}), "env",
            "Where links to pages outside this project go"),
    Setting("docusaurus_owned_paths", ["/security/"], frozenset({list, tuple}), "env",
            "Site paths this project owns: a link to a missing page there is a warning"),
    Setting("docusaurus_on_broken_links", "warn", frozenset({str}), "env",
            "A link to a missing page of this site: `warn`, `throw` (the build fails) or `ignore`"),
    Setting("docusaurus_on_broken_anchors", "warn", frozenset({str}), "env",
            "A link to a missing heading or anchor: `warn`, `throw` (the build fails) or `ignore`"),
    Setting("docusaurus_edit_url", "", frozenset({str}), "html",
            "Base of the \"Edit this page\" links (the page's source path is appended)"),
    # a whole Docusaurus site (`make html SITE=...`)
    Setting("docusaurus_site_dir", "", frozenset({str}), "env",
            "The folder of a Docusaurus site's `docusaurus.config.*` (set by `SITE=`; empty: one docs folder)"),
    # reading pages
    Setting("docusaurus_dialect", True, frozenset({bool}), "env",
            "Read the Docusaurus Markdown dialect (off: plain MyST)"),
    Setting("docusaurus_show_drafts", False, frozenset({bool}), "env",
            "Build `draft: true` pages"),
    Setting("docusaurus_partials_dir", "_partials", frozenset({str}), "env",
            "Where `<PartialsComponent>` finds partials (relative to the source folder)"),
    Setting("docusaurus_image_dirs", ["_static/images"], frozenset({list, tuple}), "env",
            "Folders that site-absolute image paths are looked up in"),
    Setting("docusaurus_extra_keys", [], frozenset({list, tuple}), "env",
            "Front-matter keys accepted without effect (a site's own keys; `'*'`: any key but a likely typo)"),
    Setting("docusaurus_markdown_format", "mdx", frozenset({str}), "env",
            "How pages are read, as Docusaurus's `markdown.format`: `mdx`, `md` (CommonMark) or `detect` (by suffix)"),
    Setting("docusaurus_magic_comments", [], frozenset({list, tuple}), "env",
            "Code-block magic comments, as Docusaurus's `prism.magicComments` (`[]`: its highlight comments)"),
    Setting("docusaurus_admonition_keywords", [], frozenset({list, tuple}), "env",
            "More `:::keyword` admonition types, as the docs plugin's `admonitions.keywords`"),
    Setting("docusaurus_components", {}, frozenset({dict}), "env",
            "How the site's own components are drawn: name -> `children`, `none`, `container:<class>`, "
            "`admonition:<type>`, `dropdown:<attribute>` or `link:<attribute>`"),
    Setting("docusaurus_icon_aliases", {}, frozenset({dict}), "env",
            "Extra icon names: site name -> Font Awesome Free name"),
    Setting("docusaurus_index_cards", True, frozenset({bool}), "env",
            "Cards of child pages at the end of section index pages"),
    # the page around the article
    Setting("docusaurus_navbar_links", [], frozenset({list, tuple}), "html",
            "Top-bar links: `(label, site path or URL)` pairs"),
    Setting("docusaurus_navbar_menus", [], frozenset({list, tuple}), "html",
            "Top-bar menus: `(label, [(label, site path or URL), ...])` pairs"),
    Setting("docusaurus_footer_links", [], frozenset({list, tuple}), "html",
            "Footer link columns: `(title, [(label, site path or URL), ...])` pairs"),
    Setting("docusaurus_navbar_logo_alt", "", frozenset({str}), "html",
            "The top-bar logo's text alternative (`\"\"`: decorative, the title names the home link)"),
    Setting("docusaurus_navbar_title", None, frozenset({str, type(None)}), "html",
            "The text beside the top-bar logo (`None`: `html_title`; `\"\"`: the logo alone)"),
    Setting("docusaurus_sidebar_sections", [], frozenset({list, tuple}), "html",
            "The sidebar's top level: `(label, site path, icon)` triples; a top-level page of this project "
            "is its own section, any other path links to `docusaurus_site_url` (`[]`: the pages' own top level)"),
    Setting("docusaurus_repository_url", "", frozenset({str}), "html",
            "The top bar's repository link (an http(s) URL)"),
    Setting("docusaurus_versions", [], frozenset({list, tuple}), "html",
            "`(label, site path or URL)` pairs, the version being built first; two or more make a version menu"),
    Setting("docusaurus_content_security_policy", DEFAULT_CONTENT_SECURITY_POLICY, frozenset({str}), "html",
            "The Content-Security-Policy `<meta>` tag of every page (`\"\"`: none)"),
    # the PDF
    Setting("docusaurus_latex_symbol_font", "Symbola", frozenset({str}), "env",
            "The font the PDF sets symbols and emoji in when the body font lacks them"),
)

SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}


def register_settings(app: Sphinx) -> None:
    """Register every setting with Sphinx."""
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=setting.types)
