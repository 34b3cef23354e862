"""``python -m docusaurus_compat.site_files srcdir SITE``: the Sphinx source folder of a site."""

from __future__ import annotations

import sys
from pathlib import Path

from .config import SiteConfigError
from .layout import read_site_layout


def main(argv: list[str]) -> int:
    """Print the source folder; a config that cannot be read is one message and exit status 2."""
    if len(argv) != 2 or argv[0] != "srcdir":
        print("usage: python -m docusaurus_compat.site_files srcdir SITE", file=sys.stderr)
        return 2
    site = Path(argv[1])
    if not site.is_dir():
        print(f"SITE={argv[1]}: no such folder: name the folder that holds docusaurus.config.*", file=sys.stderr)
        return 2
    try:
        layout = read_site_layout(site)
    except SiteConfigError as error:
        print(f"SITE={argv[1]}: {error}", file=sys.stderr)
        return 2
    print(layout.srcdir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
