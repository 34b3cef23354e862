"""Shared fixtures: Sphinx's own testing fixtures, our test roots, HTML parsing."""

from __future__ import annotations

import os
import subprocess
import sys
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


@pytest.fixture
def built(app):
    """The test root, built; with zero warnings (roots that test warnings override this)."""
    app.build()
    assert warnings_of(app) == []
    return app


def build_html(srcdir: Path):
    """Build a source folder once, in this process, outside the ``app`` fixture (for module fixtures)."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def read_html(app, path: str) -> BeautifulSoup:
    """Parse one output file of a sphinx.testing app (path relative to outdir)."""
    return BeautifulSoup((Path(app.outdir) / path).read_text(encoding="utf-8"), "lxml")


def warnings_of(app) -> list[str]:
    """The build's warning lines, colour codes removed."""
    from sphinx.util.console import strip_colors

    return [line for line in strip_colors(app.warning.getvalue()).splitlines() if line.strip()]


def sphinx_build(outdir: Path, *options: str) -> subprocess.CompletedProcess:
    """Build the real site (source/) as `make html` does: -W --keep-going -n."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-W", "--keep-going", "-n",
         *options, str(REPO / "source"), str(outdir)],
        capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session with zero warnings."""
    outdir = tmp_path_factory.mktemp("site") / "html"
    result = sphinx_build(outdir, "-j", "auto")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""  # zero warnings
    return outdir
