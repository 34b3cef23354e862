"""Search as Docusaurus readers know it, on Sphinx's own offline index.

* Ctrl+K / Cmd+K and ``/`` focus the search box (``_static/docusaurus-search-keys.js``).
* Ranking: a page whose title holds every query word comes first, then sections whose
  heading does, then full-text matches (``docusaurus-search-scorer.js``, installed as
  ``html_search_scorer`` unless ``conf.py`` sets its own).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SCORER = Path(__file__).parent / "static" / "docusaurus-search-scorer.js"


def _use_our_scorer(app: Sphinx, config: Config) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup_search(app: Sphinx) -> None:
    """Load the shortcut script on every page (the static folder is added by the sidebar); rank titles first."""
    app.add_js_file("docusaurus-search-keys.js", defer="defer")
    app.connect("config-inited", _use_our_scorer)
