"""Sphinx configuration of the Palette Security documentation.

Grouped by builder. Sources live in ``source/`` by default; ``make html
SOURCEDIR=... PARTIALSDIR=... BUILDDIR=...`` builds another Docusaurus docs
tree with these same settings (the Makefile passes the folders in the
environment).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

# -- General ------------------------------------------------------------------

project = "Palette Security"
author = "Spectro Cloud"
copyright = "Spectro Cloud"  # noqa: A001 - Sphinx's name
release = version = "latest"
language = "en"

extensions = [
    "docusaurus_compat",  # our extension (_ext/docusaurus_compat): also loads myst_parser
    "security_advisories",  # _ext/security_advisories: bulletins, feeds, OSV and CSAF from records
    "sphinx_design",
    "sphinx_copybutton",
    "notfound.extension",  # sphinx-notfound-page: /404.html, with links that work at any depth
]

root_doc = "index"
exclude_patterns = ["_partials/**", "**/_partials/**", "_build", "**/.*"]
templates_path = [str(HERE / "_templates")]

# Text as the author wrote it, as Docusaurus shows it: no curly quotes, and "--" in
# "--flag" stays two hyphens (docutils' smartquotes would make it an en dash).
smartquotes = False

# Every cross-reference is checked; the build runs with -W.
nitpicky = True
show_warning_types = True

# -- MyST -----------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "strikethrough", "tasklist", "attrs_inline"]
# Docusaurus gives every heading a GitHub-style id; links such as page.md#id rely on them.
myst_heading_anchors = 6
myst_heading_slug_func = "github"

# Docusaurus accepts any jump in heading levels (H2 -> H4, a second H1 mid-page) and so
# do we: MyST's "non-consecutive header level" warning is the only one silenced here.
suppress_warnings = ["myst.header"]

# -- Docusaurus dialect (our extension) -------------------------------------------

# <PartialsComponent> looks here (relative paths: from the source folder); `make html
# PARTIALSDIR=...` passes another folder in the environment.
docusaurus_partials_dir = os.environ.get("PARTIALSDIR") or "_partials"
# Links to pages that are not in this project go to the main docs site...
docusaurus_site_url = "https://docs.spectrocloud.com"
# ...except under these paths: they are ours, so a missing page there is a warning.
docusaurus_owned_paths = os.environ.get("DOCS_OWNED_PATHS", "/security/").split()
# Site-specific icon names used in the live docs' front matter -> Font Awesome Free names.
# The live site's icon mapper draws these from its own SVG files; here each is the closest
# Font Awesome icon (its other names, such as hdd, are Font Awesome's own).
docusaurus_icon_aliases = {
    "about": "circle-info",
    "admin": "user-shield",
    "audits": "clipboard-list",
    "bell": "bell",
    "bundles": "boxes-stacked",
    "clusters": "cubes",
    "cog": "gear",
    "folder": "folder",
    "graph": "chart-line",
    "logout": "right-from-bracket",
    "nodes": "circle-nodes",
    "overlord": "crown",
    "overview": "eye",
    "project": "diagram-project",
    "roles": "user-tag",
    "teams": "people-group",
    "users": "users",
    "workspaces": "layer-group",
    "terraform": "cubes-stacked",
    "integration": "puzzle-piece",
    "k8s": "dharmachakra",
    "cni": "network-wired",
    "os": "microchip",
    "servicemesh": "diagram-project",
    "monitoring": "chart-area",
    "csi": "hard-drive",
    "logging": "file-lines",
    "load balancer": "scale-balanced",
    "ingress": "right-to-bracket",
    "authentication": "key",
    "registry": "warehouse",
    "system app": "window-restore",
    "spectro": "shapes",
    "security": "shield-halved",
    "serverless": "bolt",
    "app services": "window-restore",
    "book": "book",
    "flag": "flag-checkered",
}
# Front-matter keys the Palette docs use for their own pack pages: accepted, no effect.
docusaurus_extra_keys = ["type", "category", "logoUrl"]
# "Edit this page": the repository folder that holds the pages.
docusaurus_edit_url = "https://github.com/spectrocloud/librarium/blob/master/docs/docs-content/"

# -- Security bulletins (_ext/security_advisories) ----------------------------------

# One YAML record per vulnerability (schema: _ext/security_advisories/schemas/advisory.schema.json).
# Another docs tree (`make html SOURCEDIR=...`) has none unless it has this folder.
advisories_dir = "_data/advisories"
# The page with the `security-bulletins` directive; each record is a page below it.
advisories_index = "security/security-bulletins"
advisory_products = {"palette": "Palette", "vertex": "Palette VerteX"}
advisories_publisher = {"name": "Spectro Cloud", "namespace": "https://www.spectrocloud.com"}
advisories_feed_title = "Palette security bulletins"

# -- HTML -----------------------------------------------------------------------

html_theme = "furo"
html_title = "Palette Docs"
html_baseurl = "https://docs.spectrocloud.com/"
html_static_path = [str(HERE / "source" / "_static")]
html_css_files = ["docusaurus.css"]
html_permalinks_icon = "#"
html_copy_source = False
# No general index page: tags have their own pages (/tags/), and Sphinx's index template
# uses style attributes, which the Content-Security-Policy blocks. The PDF keeps its tag index.
html_use_index = False
html_show_sourcelink = False
# ```lang hideClipboard``` blocks get the class no-copybutton: no copy button there.
copybutton_selector = "div:not(.no-copybutton) > div.highlight > pre"
# The PDF that `make pdf` built last is served with the site and linked (`make all`).
_PDF = HERE / os.environ.get("BUILDDIR", "_build") / "pdf" / "palette-security.pdf"
html_extra_path = [str(_PDF)] if _PDF.is_file() else []
html_context = {"docusaurus_pdf": _PDF.name if _PDF.is_file() else ""}
html_theme_options = {
    "navigation_with_keys": True,
    # no edit/view buttons above the article (furo's): the page's foot has "Edit this page"
    "top_of_page_buttons": [],
}
# Search is the top bar's button (the search dialog, search_dialog.py), as on the live site; the
# sidebar's search box is there only without JavaScript (then the dialog cannot open), and on
# phones the drawer starts with the top bar's links (_templates/sidebar/docusaurus-navbar-links.html).
html_sidebars = {
    "**": ["sidebar/docusaurus-navbar-links.html", "sidebar/search.html", "sidebar/scroll-start.html",
           "sidebar/navigation.html", "sidebar/scroll-end.html"]
}
html_logo = str(HERE / "source" / "_static" / "logo.svg")
html_favicon = html_logo

# The top bar (_ext/docusaurus_compat/navbar.py): the same links as the main docs site.
docusaurus_navbar_links = [
    ("Docs", "/release-notes/"),
    ("Tutorials", "/tutorials/"),
    ("Downloads", "/downloads/"),
    ("API", "/api/introduction/"),
]
docusaurus_repository_url = "https://github.com/spectrocloud/librarium"
# As on the main site: the logo alone names the home link.
docusaurus_navbar_logo_alt = "Spectro cloud logo"
docusaurus_navbar_title: str | None = ""
# The sidebar's top level, the main docs site's sections in its order: (label, site path, icon).
# A top-level page of this project (/security/) is its own section, open on its pages; every
# other section links to docusaurus_site_url. Icons: the main site's front matter where known
# (aliases above), else the closest Font Awesome icon.
docusaurus_sidebar_sections = [
    ("Release Notes", "/release-notes/", "bell"),
    ("Security Bulletins", "/security-bulletins/", "shield-halved"),
    ("What is Palette?", "/", "palette"),
    ("Getting Started", "/getting-started/", "flag-checkered"),
    ("Architecture", "/architecture/", "sitemap"),
    ("Profiles", "/profiles/", "bars-staggered"),
    ("Deployment Modes", "/deployment-modes/", "rocket"),
    ("Clusters", "/clusters/", "clusters"),
    ("Bring Your Own OS (BYOOS)", "/byoos/", "os"),
    ("Palette Dev Engine", "/devx/", "users"),
    ("Virtual Machine Orchestrator", "/vm-management/", "server"),
    ("Workspaces", "/workspace/", "workspaces"),
    ("Packs List", "/integrations/", "integration"),
    ("User & Role Management", "/user-management/", "roles"),
    ("Registries and Packs", "/registries-and-packs/", "nodes"),
    ("Security", "/security/", "lock"),
    ("Audit Logs", "/audit-logs/", "admin"),
    ("Self-Hosted Palette", "/enterprise-version/", "warehouse"),
    ("Palette VerteX", "/vertex/", "shield"),
    ("Tenant Administration", "/tenant-settings/", "gears"),
    ("Automation", "/automation/", "robot"),
    ("Troubleshooting", "/troubleshooting/", "screwdriver-wrench"),
    ("Glossary", "/glossary-all/", "about"),
    ("Compliance & Legal", "/legal-licenses/", "scale-balanced"),
]
# The version being built comes first; list more to turn the label into a switcher.
docusaurus_versions = [("latest", "/")]

# The page a web host serves for a missing path (404.html at the site root).
notfound_urls_prefix = "/"
notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1>"
        "<p>There is no page at this address. It may have moved, or the link that brought you here "
        "may be mistyped.</p>"
        "<p>Search for what you need with the search box, or start again from the "
        '<a href="/">home page</a>.</p>'
    ),
}

# -- LaTeX / PDF ---------------------------------------------------------------------

# The PDF starts at the Security section's overview page: its text is chapter one, then
# one chapter per top-level page of the section, in sidebar order (_ext/.../pdf.py).
latex_engine = "xelatex"  # Unicode text
latex_documents = [
    # PDFROOT: another start page, for `make pdf SOURCEDIR=...` on another docs tree
    (os.environ.get("PDFROOT", "security/security"), "palette-security.tex",
     "Palette Security Documentation", author, "manual"),
]
latex_show_urls = "no"
# makeindex (in texlive) instead of xindy (another Debian package) for the tag index:
# tag names are plain words, so makeindex sorts them right.
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "preamble": "\\hypersetup{pdflang=en}\n",
}
# Symbols and emoji the body font lacks are set in this font (Debian's fonts-symbola);
# the extension also raises LaTeX's list depth to 10.
docusaurus_latex_symbol_font = "Symbola"

# -- linkcheck (`make linkcheck`) ---------------------------------------------------


def _linkcheck_allow(path: Path) -> list[str]:
    """The URL patterns of an allow-list file: every non-comment line is ``<regex>  # <reason>``.

    A line without a reason, or whose pattern is not a valid regex, stops the build with
    the file, the line and what to write instead.
    """
    import re

    from sphinx.errors import ConfigError

    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = re.fullmatch(r"(?P<pattern>\S+)\s+#\s*(?P<reason>\S.*)", text)
        if match is None:
            raise ConfigError(
                f"{path.name}:{number}: {text!r} has no reason; write every line as "
                "'<regex>  # <reason>' (why this URL is not checked)"
            )
        try:
            re.compile(match["pattern"])
        except re.error as err:
            raise ConfigError(f"{path.name}:{number}: {match['pattern']!r} is not a valid regex: {err}") from None
        patterns.append(match["pattern"])
    return patterns


# URLs that are not checked, each with its reason, in linkcheck-allow.txt (Sphinx matches
# each pattern at the start of the URL).
linkcheck_ignore = _linkcheck_allow(HERE / "linkcheck-allow.txt")
# A link fails only after 3 tries, 30 s each; a host that never answers is broken too.
linkcheck_retries = 3
linkcheck_timeout = 30
linkcheck_report_timeouts_as_broken = True
# Wait at most 2 minutes for a host that rate-limits (HTTP 429) before calling it broken.
linkcheck_rate_limit_timeout = 120.0
# GitHub draws its line and heading anchors with JavaScript: check the page, not the anchor.
linkcheck_anchors_ignore_for_url = [r"https://github\.com/"]

# -- A whole Docusaurus site (`make html SITE=path/to/site`) ----------------------------

# The Makefile passes SITE (the folder of docusaurus.config.*) in the environment; its
# config, versions and sidebars then replace the Palette values above (the site's title,
# URL, edit URL, Markdown format, link policies, top bar and versions), and Sphinx reads
# every docs version's folder (_ext/docusaurus_compat/site_files/).
if os.environ.get("SITE"):
    from sphinx.errors import ConfigError

    from docusaurus_compat.site_files import load_site_layout
    from docusaurus_compat.site_files.config import SiteConfigError
    from docusaurus_compat.site_files.sphinx_config import sphinx_values

    try:
        globals().update(sphinx_values(
            load_site_layout(str(Path(os.environ["SITE"]).resolve())), os.environ.get("PDFVERSION") or None,
        ))
    except SiteConfigError as error:
        raise ConfigError(f"SITE={os.environ['SITE']}: {error}") from None  # one message, no traceback
    html_extra_path = []
    html_context = {"docusaurus_pdf": ""}
    # the Palette top bar and sidebar sections above are not that site's
    docusaurus_navbar_logo_alt, docusaurus_navbar_title, docusaurus_sidebar_sections = "", None, []
