"""`make pdf SITE=...`: the PDF of one version of a whole Docusaurus site, chapters in sidebar order.

Built from the shared react-redux site (../shared/corpus/docusaurus-sites) and read back with pypdf.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from sites.site_facts import HERE, SITE_DIRS, SITES

REPO = Path(__file__).resolve().parents[1]
SITE = "react-redux"

pytestmark = [
    pytest.mark.pdf,
    pytest.mark.site,
    pytest.mark.skipif(not SITES.is_dir(), reason="../shared/corpus/docusaurus-sites is not beside the checkout"),
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    builddir = tmp_path_factory.mktemp("site-pdf")
    result = subprocess.run(
        ["make", "--no-print-directory", "pdf", f"SITE={SITES / SITE_DIRS[SITE]}", f"BUILDDIR={builddir}"],
        cwd=REPO, capture_output=True, text=True, check=False, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Could not fetch remote image" not in result.stderr  # nothing is downloaded
    return PdfReader(builddir / SITE / "pdf" / "site.pdf")


def outline(reader: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))

    walk(reader.outline, 0)
    return found


def test_chapters_are_the_sidebars_categories_in_order(pdf: PdfReader) -> None:
    sidebar = (HERE / SITE / "sidebars.txt").read_text(encoding="utf-8").splitlines()
    categories = [line.strip().removesuffix(" (category)") for line in sidebar if line.startswith("  ") and
                  not line.startswith("    ")]
    assert [title for depth, title in outline(pdf) if depth == 0] == categories


def test_each_chapter_holds_its_pages_in_sidebar_order(pdf: PdfReader) -> None:
    sidebar = (HERE / SITE / "sidebars.txt").read_text(encoding="utf-8").splitlines()
    pages = [line.strip().split(" -> ")[0] for line in sidebar if line.startswith("    ")]
    titles = [title for depth, title in outline(pdf) if depth == 1]
    # a page's chapter heading is its title, which starts like (or is) its sidebar label
    assert len(titles) == len(pages)
    for label, title in zip(pages, titles, strict=True):
        assert label.split()[0].rstrip("()") in title, (label, title)


def test_the_pdf_has_the_pages_text(pdf: PdfReader) -> None:
    text = " ".join(page.extract_text() for page in pdf.pages[:40])
    source = (SITES / SITE / "docs" / "api" / "hooks.md").read_text(encoding="utf-8")
    heading = next(line.lstrip("# ").strip() for line in source.splitlines() if line.startswith("## "))
    assert heading.split()[0] in text
