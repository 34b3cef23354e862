"""A small whole Docusaurus site, read as `make html SITE=website` reads one."""

from pathlib import Path

from docusaurus_compat.site_files import load_site_layout
from docusaurus_compat.site_files.sphinx_config import sphinx_values
from sphinx_test_conf import *  # noqa: F403

globals().update(sphinx_values(load_site_layout(str(Path(__file__).resolve().parent / "website"))))
docusaurus_components = {"Callout": "container:callout-box", "Hidden": "none", "Flag": "admonition:warning"}
