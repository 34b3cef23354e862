"""The ``advisories_*`` settings of ``conf.py``, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("advisories_dir", "", "The folder of the advisory records, relative to the source folder (empty: none)"),
    ("advisories_index", "security/security-bulletins",
     "The page that lists every record (its directive `security-bulletins`); records are pages below it"),
    ("advisory_products", {}, "Product id -> name, the products a record may name as affected or fixed"),
    ("advisories_publisher", {"name": "", "namespace": ""},
     "Who publishes the advisories (CSAF's publisher: name and namespace URL)"),
    ("advisories_feed_title", "Security bulletins", "The title of the Atom, RSS and JSON feeds"),
)


def register_settings(app: Sphinx) -> None:
    """Register every setting; a change re-reads every page (the records are part of the pages)."""
    for name, default, _description in SETTINGS:
        app.add_config_value(name, default, "env", types=frozenset({type(default)}))


def records_folder(app: Sphinx) -> Path | None:
    """The records' folder, or None when the site has no advisories."""
    folder: str = app.config.advisories_dir
    if not folder:
        return None
    return (Path(app.srcdir) / folder).resolve()


def product_names(config: Config) -> dict[str, str]:
    """Product id -> name."""
    return {str(key): str(value) for key, value in config.advisory_products.items()}
