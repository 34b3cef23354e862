"""The real site builds the same, byte for byte: in parallel or not, anywhere, any time.

Every served file is compared (sha256 of each file under the output folder, except
Sphinx's ``.doctrees/`` and ``.buildinfo``): every HTML page, ``searchindex.js``,
``objects.inv``, ``sitemap.xml``, ``robots.txt`` and ``_static/``. The second build
of each pair reads a copy of ``source/`` at another path into another folder, with
another ``PYTHONHASHSEED``, so that absolute paths and set or dict order would show.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_diff import REPO, build, compare_outputs, digests, warnings_in

pytestmark = pytest.mark.site

EPOCH = "1700000000"


def copy_of_source(folder: Path) -> Path:
    target = folder / "source"
    shutil.copytree(REPO / "source", target)
    return target


def clean_build(srcdir: Path, outdir: Path, *, jobs: str, hash_seed: str) -> Path:
    result = build(srcdir, outdir, jobs=jobs, env={"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": hash_seed})
    assert result.returncode == 0 and not warnings_in(result), result.stderr
    return outdir


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Path:
    """``source/`` built with -j 1."""
    folder = tmp_path_factory.mktemp("serial")
    return clean_build(copy_of_source(folder), folder / "html", jobs="1", hash_seed="1")


def test_the_comparison_covers_every_served_file(serial):
    files = set(digests(serial))
    assert {"searchindex.js", "objects.inv", "sitemap.xml", "robots.txt", "404.html", "index.html"} <= files
    assert {"security/core-principles/index.html", "tags/security/index.html"} <= files
    assert any(name.startswith("_static/docusaurus-nav/") for name in files)
    assert len([name for name in files if name.startswith("_static/")]) > 10


def test_the_comparison_reports_a_changed_byte(serial, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(serial, copy)
    assert compare_outputs(serial, copy) is None
    page = copy / "security/core-principles/index.html"
    page.write_bytes(page.read_bytes().replace(b"Core Principles", b"Core principles", 1))
    (copy / "sitemap.xml").unlink()
    report = compare_outputs(serial, copy)
    assert report is not None
    assert "different (1): security/core-principles/index.html" in report
    assert "only in expected (1): sitemap.xml" in report
    diff = report.splitlines()
    assert "--- expected/security/core-principles/index.html" in diff
    assert any(line.startswith("-") and "Core Principles" in line for line in diff)
    assert any(line.startswith("+") and "Core principles" in line for line in diff)


def test_parallel_build_equals_serial_build(serial, tmp_path):
    parallel = clean_build(copy_of_source(tmp_path / "elsewhere"), tmp_path / "out" / "html", jobs="2", hash_seed="2")
    assert compare_outputs(serial, parallel) is None


def test_two_clean_builds_are_byte_identical(serial, tmp_path):
    again = clean_build(copy_of_source(tmp_path / "a" / "b"), tmp_path / "another" / "html", jobs="1", hash_seed="3")
    assert compare_outputs(serial, again) is None
