"""A small whole Docusaurus site, read as `make html SITE=website` reads one."""

from pathlib import Path

# isort: off
from sphinx_test_conf import *  # noqa: F403 - the settings every test root share; puts _ext/ on the path
from docusaurus_compat.site_files import load_site_layout
from docusaurus_compat.site_files.sphinx_config import sphinx_values
# isort: on

globals().update(sphinx_values(load_site_layout(str(Path(__file__).resolve().parent / "website"))))
docusaurus_components = {"Callout": "container:callout-box", "Hidden": "none", "Flag": "admonition:warning"}
