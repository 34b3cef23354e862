"""Settings every test root shares: each root's conf.py does `from sphinx_test_conf import *`."""
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_REPO / "_ext"))

extensions = ["docusaurus_compat"]
html_theme = "furo"
templates_path = [str(_REPO / "_templates")]
myst_heading_anchors = 6
myst_heading_slug_func = "github"
nitpicky = True
show_warning_types = True
docusaurus_owned_paths = ["/security/"]
docusaurus_icon_aliases = {"admin": "user-shield"}
docusaurus_edit_url = "https://example.com/edit/"
exclude_patterns = ["_build", "_partials/**"]
suppress_warnings = ["myst.header"]
smartquotes = False
