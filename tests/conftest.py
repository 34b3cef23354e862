"""Shared fixtures: Sphinx's own testing fixtures, our test roots, HTML parsing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

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
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    """Where sphinx.testing's ``app`` copies its test root: a new folder for every test.

    (sphinx.testing's own is one folder per session, shared by every test of a root, so
    that one test's edits and output would be there for the next.)
    """
    return tmp_path


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The module's test root, built once for all its tests, with zero warnings.

    The builder and root are the module's ``pytestmark = pytest.mark.sphinx(<builder>,
    testroot=<name>, freshenv=True)``. For tests that only read the output: a test that
    edits the sources or overrides a setting takes sphinx.testing's ``app`` (a fresh copy
    of the root), and roots that test warnings define their own ``built``.
    """
    mark = request.node.get_closest_marker("sphinx")
    assert mark is not None and "testroot" in mark.kwargs, "built needs pytestmark = pytest.mark.sphinx(...)"
    assert set(mark.kwargs) <= {"testroot", "freshenv"}, f"built does not apply {mark.kwargs}"
    app = build_root(tmp_path_factory, mark.kwargs["testroot"], *mark.args)
    assert warnings_of(app) == []
    return app


CONFORMANCE_TABLE = pytest.StashKey[str]()
"""The agreement table tests/test_conformance.py measured, printed at the end of the run."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    table = config.stash.get(CONFORMANCE_TABLE, None)
    if table:
        terminalreporter.write_sep("-", "agreement with Docusaurus's own test cases (tests/conformance/)")
        terminalreporter.write_line(table)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a test whose fixtures and markers disagree.

    A test that takes the module-wide ``built`` cannot ask for settings of its own, and a
    test that reads the session's ``site`` build (below) carries the ``site`` marker, so
    that `make test-fast` leaves it out.
    """
    problems = []
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        if "built" in item.fixturenames and any(mark.name == "sphinx" for mark in item.own_markers):
            problems.append(f"{item.nodeid}: has its own @pytest.mark.sphinx, so it takes `app`, not `built`")
        own_site = "site" in vars(item.module)  # a module's own in-process `site` fixture (test_escaping.py)
        if "site" in item.fixturenames and not own_site and item.get_closest_marker("site") is None:
            problems.append(f"{item.nodeid}: reads the `site` build, so it needs @pytest.mark.site")
    if problems:
        raise pytest.UsageError("\n".join(problems))


def build_root(tmp_path_factory: pytest.TempPathFactory, testroot: str, buildername: str = "html") -> SphinxTestApp:
    """A fresh copy of ``roots/test-<testroot>``, built once (for module fixtures)."""
    srcdir = tmp_path_factory.mktemp(testroot) / testroot
    shutil.copytree(ROOTS / f"test-{testroot}", srcdir)
    return build_html(srcdir, buildername)


def build_html(srcdir: Path, buildername: str = "html") -> SphinxTestApp:
    """Build a source folder once (HTML unless ``buildername`` says otherwise), in this process,
    outside the ``app`` fixture (for module fixtures)."""
    app = SphinxTestApp(buildername, srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def read_html(app: SphinxTestApp, path: str) -> BeautifulSoup:
    """Parse one output file of a sphinx.testing app (path relative to outdir)."""
    return BeautifulSoup((Path(app.outdir) / path).read_text(encoding="utf-8"), "lxml")


def one(parent: Tag, selector: str) -> Tag:
    """The first element under ``parent`` that the CSS ``selector`` matches; the test fails if none does."""
    found = parent.select_one(selector)
    assert found is not None, f"no element matches {selector!r}"
    return found


def attr(tag: Tag, name: str) -> str:
    """A single-valued attribute of ``tag`` (href, content, id...); the test fails if it is missing."""
    value = tag.get(name)
    assert isinstance(value, str), f"<{tag.name}> has no {name}= attribute"
    return value


def warnings_of(app: SphinxTestApp) -> list[str]:
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


@pytest.fixture(scope="module")
def base(site):
    """The real site, served on 127.0.0.1 (its URL, ending in /)."""
    from browser import serve  # imported here: only browser tests load Playwright

    with serve(site) as url:
        yield url


DESKTOP: ViewportSize = {"width": 1440, "height": 900}  # furo shows the right-hand contents from 82em


@pytest.fixture
def page(browser):
    """A desktop-sized page in its own browser context."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright."""
    from browser import chromium

    with chromium() as running:
        yield running


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session with zero warnings."""
    outdir = tmp_path_factory.mktemp("site") / "html"
    result = sphinx_build(outdir, "-j", "auto")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""  # zero warnings
    return outdir
