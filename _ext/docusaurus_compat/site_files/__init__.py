"""A Docusaurus site's own files: its config, versions and sidebars, read without running them.

Pure and free of Sphinx state; ``conf.py`` (``SITE=``) and the site model read
the result. ``python -m docusaurus_compat.site_files srcdir SITE`` prints the
source folder Sphinx reads for a site (the Makefile uses it).
"""

from __future__ import annotations

import functools
from pathlib import Path

from .layout import SiteLayout, read_site_layout


@functools.lru_cache(maxsize=4)
def load_site_layout(site_dir: str) -> SiteLayout:
    """The site's layout, read once per process (``conf.py`` and the extension share it)."""
    return read_site_layout(Path(site_dir))
