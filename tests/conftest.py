"""Shared fixtures: Sphinx's own testing fixtures, our test roots, HTML parsing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"


def pytest_configure(config: pytest.Config) -> None:
    """Builds that tests run in a subprocess print plain text, whatever the CI terminal asks for.

    Sphinx colours its output when FORCE_COLOR is set (some CI runners set it), and
    tests parse ``path:line: WARNING: ... [type]`` lines; NO_COLOR wins over FORCE_COLOR.
    """
    os.environ.pop("FORCE_COLOR", None)
    os.environ.pop("FORCE_COLOUR", None)
    os.environ["NO_COLOR"] = "1"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``roots/test-<name>``."""
    return ROOTS


def read_html(app, path: str) -> BeautifulSoup:
    """Parse one output file of a sphinx.testing app (path relative to outdir)."""
    return BeautifulSoup((Path(app.outdir) / path).read_text(encoding="utf-8"), "lxml")


def warnings_of(app) -> list[str]:
    """The build's warning lines, colour codes removed."""
    from sphinx.util.console import strip_colors

    return [line for line in strip_colors(app.warning.getvalue()).splitlines() if line.strip()]
