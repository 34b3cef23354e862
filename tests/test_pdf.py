"""The downloadable PDF, built with `make pdf`, read back with pypdf and poppler's tools."""

from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from conftest import one

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"
PDF = "pdf/palette-security.pdf"
EPOCH = "1700000000"

pytestmark = [pytest.mark.pdf, pytest.mark.site]  # `make pdf` and `make html` of the real site


def make_pdf(builddir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "pdf", f"BUILDDIR={builddir}"],
        cwd=REPO, capture_output=True, text=True, check=False,
        env={**__import__("os").environ, "SOURCE_DATE_EPOCH": EPOCH},
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    builddir = tmp_path_factory.mktemp("pdf")
    result = make_pdf(builddir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "WARNING" not in result.stderr  # zero Sphinx warnings
    return builddir


@pytest.fixture(scope="module")
def reader(built):
    return PdfReader(built / PDF)


@pytest.fixture(scope="module")
def text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def _nav(builddir: Path):
    sys.path.insert(0, str(REPO / "_ext"))
    with open(builddir / "latex" / ".doctrees" / "environment.pickle", "rb") as handle:
        env = pickle.load(handle)
    return env


def _outline(reader, items=None, depth=0):
    entries = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            entries.extend(_outline(reader, item, depth + 1))
        else:
            entries.append((depth, item.title))
    return entries


def test_outline_mirrors_the_navigation_tree(built, reader):
    env = _nav(built)
    start = "security/security"
    expected = [(0, env.titles[start].astext())]

    def walk(docname: str, depth: int) -> None:
        for child in env.toctree_includes.get(docname, []):
            expected.append((depth, env.titles[child].astext()))
            walk(child, depth + 1)

    walk(start, 0)
    page_titles = {title for _, title in expected}
    found = [(depth, title) for depth, title in _outline(reader) if title in page_titles]
    # every page once, in sidebar order, nested as in the sidebar (a page's own headings sit between)
    assert found == expected


def test_every_internal_link_lands_on_a_destination(reader):
    names = set(reader.named_destinations)
    links = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            target = annotation.get("/Dest") or (action.get("/D") if action and action.get("/S") == "/GoTo" else None)
            if target is None:
                continue
            links += 1
            if not isinstance(target, (list, Destination)):
                assert str(target) in names, target
    assert links > 20


def test_titles_and_seed_sentences_are_present(text):
    flat = re.sub(r"-\s+", "-", " ".join(text.split()))  # an id may break after a hyphen in its cell
    for title in ("Core Principles", "Data Encryption", "Release Process", "Artifact Signatures", "Security Bulletins"):
        assert title in flat
    assert "We view security as more than a feature." in flat  # the Security overview seed
    assert "Our security philosophy is grounded in the following core principles" in flat  # Core Principles seed


def test_no_unresolved_references(text):
    # LaTeX prints an unresolved reference as ??; a bulletin's title may hold the path prefix \??\
    assert re.search(r"(?<![\\?])\?\?(?![\\?])", text) is None


def test_metadata(reader):
    meta = reader.metadata
    assert meta.title == "Palette Security Documentation"
    assert meta.author == "Spectro Cloud"
    assert meta.subject and "security documentation" in meta.subject
    assert "security" in meta["/Keywords"] and "encryption" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_description_in_italics_and_tags_under_titles(text):
    flat = re.sub(r"-\s+", "-", " ".join(text.split()))  # an id may break after a hyphen in its cell
    assert "Learn about Spectro Cloud security principles for Palette." in flat
    assert re.search(r"Tags: security", flat)


def test_qpdf_and_embedded_fonts(built):
    check = subprocess.run(["qpdf", "--check", str(built / PDF)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    fonts = subprocess.run(["pdffonts", str(built / PDF)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column


def test_reproducible(built, tmp_path):
    again = tmp_path / "again"
    assert make_pdf(again).returncode == 0
    first = hashlib.sha256((built / PDF).read_bytes()).hexdigest()
    second = hashlib.sha256((again / PDF).read_bytes()).hexdigest()
    assert first == second


def test_page_images_for_people(built, reader):
    """Title page, contents and the Core Principles chapter as PNGs in tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    entry = next(item for item in reader.outline if not isinstance(item, list) and item.title == "Core Principles")
    chapter = reader.get_destination_page_number(entry) + 1
    for name, number in (("pdf-title", 1), ("pdf-contents", 3), ("pdf-core-principles", chapter)):
        target = ARTIFACTS / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(number), "-l", str(number),
             str(built / PDF), str(target)],
            check=True,
        )
        assert target.with_suffix(".png").stat().st_size > 5000
    assert shutil.which("pdftoppm")


def test_site_serves_and_links_the_pdf(built):
    result = subprocess.run(
        ["make", "--no-print-directory", "html", f"BUILDDIR={built}"], cwd=REPO, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built / "html/security/core-principles/index.html").read_text(), "lxml")
    link = one(page, "a.docusaurus-pdf-link")
    assert link.get_text() == "Download PDF" and link["href"] == "../../palette-security.pdf"
    assert (built / "html/palette-security.pdf").read_bytes() == (built / PDF).read_bytes()


def test_icon_beside_the_chapter_title(built):
    tex = (built / "latex/palette-security.tex").read_text(encoding="utf-8")
    assert r"\chapter{\texorpdfstring{\docusaurusIconLock}{}Security}" in tex
    assert (built / "latex/docusaurus-icon-lock.pdf").read_bytes().startswith(b"%PDF")


def test_the_appendix_lists_every_security_bulletin(reader, text):
    """The last chapter is an appendix with one table row per advisory record, linked to its web page."""
    folder = Path(__file__).resolve().parents[1] / "source" / "_data" / "advisories"
    records = sorted(path.stem for path in folder.glob("*.yaml"))
    assert len(records) >= 20
    outline = [title for _, title in _outline(reader)]
    assert outline[-2:] == ["All security bulletins", "Index"], outline[-3:]  # the tag index comes last
    flat = re.sub(r"-\s+", "-", " ".join(text.split()))  # an id may break after a hyphen in its cell
    appendix = flat[flat.index("Every published bulletin, newest first."):]  # the appendix's first sentence
    for record in records:
        assert record in appendix.replace("\u2010", "-"), record  # LaTeX sets the id's hyphens as U+2010
    uris = {
        annotation.get_object()["/A"].get("/URI")
        for page in reader.pages for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/A") is not None
    }
    assert "https://docs.spectrocloud.com/security/security-bulletins/cve-2023-44487/" in uris
