"""The top bar of every page, as on the Docusaurus site: logo and name, top links,
the version label (a switcher when there are several versions), "Download PDF"
and the repository link.

Everything comes from ``conf.py``::

    docusaurus_navbar_links = [("Docs", "/release-notes/"), ("API", "/api/introduction/")]
    docusaurus_repository_url = "https://github.com/owner/repo"
    docusaurus_versions = [("latest", "/"), ("v4.5", "https://v4-5.example.com/")]

A site path that names a page of this project links to it relatively; any other
site path goes to ``docusaurus_site_url``. The first version is the one being
built. ``_templates/docusaurus-navbar.html`` renders it in furo's announcement
slot (above the page at every width), so furo's own templates stay untouched.

At its end, as on the Docusaurus site, the colour-mode switch and the search
button. The switch (``static/docusaurus-navbar.js``) keeps furo's own state (the
``theme`` key in localStorage, ``auto``/``light``/``dark``, mirrored on
``<body data-theme>``), so furo's in-article and phone-header toggles, which
``docusaurus.css`` hides, are not needed; it is ``hidden`` until the script runs.
The search button is a link to the search page that the search dialog's script
takes over (``data-docusaurus-search-open``). On a phone the top links fold
behind one menu button ("Toggle navigation bar") that opens furo's navigation
drawer, which then shows those links above the sidebar
(``_templates/sidebar/docusaurus-navbar-links.html``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .html_builder import page_href
from .icons import icon_svg
from .link_targets import main_site_url
from .site_model import site_model
from .url_policy import is_site_path, is_web_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config



NAVBAR_SCRIPT = "docusaurus-navbar.js"
COLOR_MODE_ICONS = {"light": "sun", "dark": "moon", "auto": "circle-half-stroke"}  # furo's names -> icons


def _navbar_icons() -> dict[str, Markup]:
    """The top bar's icons (Font Awesome SVG): the colour modes, search and the phone menu."""
    names = {**COLOR_MODE_ICONS, "search": "magnifying-glass", "menu": "bars"}
    return {key: Markup(icon_svg(name)) for key, name in names.items()}


def color_mode_label(mode: str) -> str:
    """The switch's accessible name for furo's mode (``auto``/``light``/``dark``), as Docusaurus words it."""
    word = {"auto": "system", "light": "light", "dark": "dark"}[mode]
    return f"Switch between dark and light mode (currently {word} mode)"


def _pairs(config: Config, name: str) -> list[tuple[str, str]]:
    """A ``[(label, url), ...]`` config value, checked (a bad entry is a clear error at start-up)."""
    return _checked_pairs(name, getattr(config, name))


def _checked_pairs(name: str, value: Any) -> list[tuple[str, str]]:
    from sphinx.errors import ConfigError

    pairs = []
    for entry in value:
        if not (isinstance(entry, (list, tuple)) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise ConfigError(f"{name}: each entry must be a (label, url) pair of strings, not {entry!r}")
        label, url = entry
        if not is_site_path(url) and not is_web_url(url):
            raise ConfigError(f"{name}: {url!r} must be a site path (/...) or an http(s) URL")
        pairs.append((label, url))
    return pairs


def _check_config(app: Sphinx, config: Config) -> None:
    _pairs(config, "docusaurus_navbar_links")
    _pairs(config, "docusaurus_versions")
    for name in ("docusaurus_footer_links", "docusaurus_navbar_menus"):
        for entry in getattr(config, name):
            if not (isinstance(entry, (list, tuple)) and len(entry) == 2 and isinstance(entry[0], str)
                    and isinstance(entry[1], (list, tuple))):
                from sphinx.errors import ConfigError

                raise ConfigError(f"{name}: each entry must be (title, [(label, url), ...]), not {entry!r}")
            _checked_pairs(name, entry[1])
    repo = config.docusaurus_repository_url
    if repo and not is_web_url(repo):
        from sphinx.errors import ConfigError

        raise ConfigError(f"docusaurus_repository_url: {repo!r} must be an http(s) URL")


def _href(app: Sphinx, pagename: str, url: str) -> tuple[str, bool]:
    """(href, is_this_page) for a configured link."""
    if is_web_url(url):
        return url, False
    docname = site_model(app.env).navbar.get(url)
    if docname is None:
        return main_site_url(app.config, pagename, url), False
    return page_href(app, pagename, docname), docname == pagename


def navbar_context(app: Sphinx, pagename: str) -> dict[str, Any] | None:
    """What the top bar shows on one page, or None when nothing is configured."""
    config = app.config
    links = _pairs(config, "docusaurus_navbar_links")
    versions = _pairs(config, "docusaurus_versions")
    repository = config.docusaurus_repository_url
    menus = [
        {"label": label, "links": [{"label": text, "url": _href(app, pagename, url)[0]} for text, url in entries]}
        for label, entries in config.docusaurus_navbar_menus
    ]
    if not (links or versions or repository or menus):
        return None
    items = []
    for label, url in links:
        href, current = _href(app, pagename, url)
        items.append({"label": label, "url": href, "current": current})
    version, menu = versions[0][0] if versions else "", [
        {"label": label, "url": _href(app, pagename, url)[0], "current": i == 0}
        for i, (label, url) in enumerate(versions)
    ]
    site_versions = site_model(app.env).versions
    if site_versions is not None and pagename in site_versions.version_of:
        # a whole site: this page's version, and the same page in each other version
        own = site_versions.version_of[pagename]
        version = site_versions.entry(own).label
        menu = [
            {"label": entry.label, "url": page_href(app, pagename, target), "current": entry.key == own}
            for entry, target in site_versions.menu(pagename) if target is not None
        ]
    title = config.docusaurus_navbar_title
    return {
        "links": items,
        "menus": menus,
        "version": version,
        "versions": menu,
        "repository": repository,
        "repository_icon": Markup(icon_svg("github")),
        "home": page_href(app, pagename, config.root_doc),
        "logo_alt": config.docusaurus_navbar_logo_alt,
        "title": title,  # None: the site's title (docstitle)
        # Sphinx writes the search page unless html_search is off (then: no search button)
        "search": page_href(app, pagename, "search") if getattr(app.builder, "search", False) else "",
        "icons": _navbar_icons(),
        # the name before the script reads the saved mode (the button is hidden until then)
        "color_mode_label": color_mode_label("auto"),
    }


def footer_context(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """The footer's link columns (``docusaurus_footer_links``): title and resolved links."""
    columns = []
    for title, links in app.config.docusaurus_footer_links:
        items = []
        for label, url in links:
            if is_web_url(url) or is_site_path(url):
                items.append({"label": label, "url": _href(app, pagename, url)[0], "external": is_web_url(url)})
        columns.append({"title": title, "links": items})
    return columns


def _add_navbar(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.format != "html":
        return
    context["docusaurus_footer"] = footer_context(app, pagename)
    navbar = navbar_context(app, pagename)
    context["docusaurus_navbar"] = navbar
    if navbar is not None:
        # furo draws its announcement bar only when this theme option is set
        context["theme_announcement"] = True


def _add_script(app: Sphinx) -> None:
    # the folder is on html_static_path already (sidebar.py adds it for the sidebar script)
    app.add_js_file(NAVBAR_SCRIPT, defer="defer")


def setup_navbar(app: Sphinx) -> None:
    """Register the top-bar settings and fill the template context."""
    app.connect("config-inited", _check_config)
    app.connect("html-page-context", _add_navbar)
    app.connect("builder-inited", _add_script)
