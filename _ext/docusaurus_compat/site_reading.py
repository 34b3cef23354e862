"""A whole Docusaurus site (``docusaurus_site_dir``): its layout, read once, its problems reported once.

The layout (:mod:`.site_files`) says which folder holds which docs version, at
which URL, with which sidebars. What its files say that the build cannot follow
is a warning naming the file and line; the build goes on with Docusaurus's
default for that setting.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .routes import WHOLE_PROJECT, RouteMount
from .site_files import load_site_layout
from .site_files.layout import SiteLayout
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def site_layout(config: Config) -> SiteLayout | None:
    """The site's layout, or None when the project is one docs folder."""
    folder = config.docusaurus_site_dir
    return load_site_layout(str(Path(folder).resolve())) if folder else None


def route_mounts(config: Config) -> tuple[RouteMount, ...]:
    """Each docs version's folder and URL path (the whole project at the root, for one docs folder)."""
    layout = site_layout(config)
    return WHOLE_PROJECT if layout is None else layout_mounts(layout)


def layout_mounts(layout: SiteLayout) -> tuple[RouteMount, ...]:
    """The route table's mount of each docs version folder of a whole site."""
    return tuple(RouteMount(mount.dir, mount.version.path, mount.key) for mount in layout.mounts)


def _report_problems(app: Sphinx, config: Any) -> None:
    layout = site_layout(config)
    for problem in layout.problems if layout is not None else []:
        warn(problem.message, DocusaurusWarning.SITE_CONFIG, location=f"{problem.path}:{problem.line}")


def setup_site_reading(app: Sphinx) -> None:
    """Report what the site's files say that the build cannot follow, once, when the config is read."""
    app.connect("config-inited", _report_problems)
