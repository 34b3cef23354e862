"""llms.txt, llms-full.txt and the Markdown copy of every page, on the real site.

llms.txt is checked against the proposal's format (tests/llms_format.py); the copies of
the two seed pages (Core Principles and the Security overview) are compared with their
sources: the same headings in order, every paragraph's text, links resolved to site URLs,
front matter reduced to title and description; a page with a partial has it resolved and
its admonitions as blockquotes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from llms_format import parse_llms_txt

pytestmark = pytest.mark.site

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source"
BASE = "https://docs.spectrocloud.com/"
SEEDS = {  # source file -> its copy, relative to the output folder
    "security/core-principles.md": "security/core-principles.md",
    "security/security.md": "security.md",
}


def split_front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def plain(markdown: str) -> str:
    """Text with Markdown's link, emphasis and code syntax and its escapes taken away, whitespace collapsed."""
    text = re.sub(r"!?\[((?:[^\]\\]|\\.)*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    text = re.sub(r"[*`]", "", text)
    return " ".join(text.split())


def source_blocks(markdown: str) -> tuple[list[str], list[str]]:
    """A page source's headings (with their #s) and paragraphs, JSX spacers and code left out."""
    headings: list[str] = []
    paragraphs: list[str] = []
    current: list[str] = []
    fenced = False
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "<", ":::", "|")):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            if stripped.startswith("#"):
                headings.append(stripped)
            continue
        current.append(stripped.removeprefix("- "))
    return headings, paragraphs


def copy_headings(body: str) -> list[str]:
    headings, fenced = [], False
    for line in body.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            headings.append(line)
    return headings


def site_links(body: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", body)


def built_pages(site: Path) -> set[str]:
    """Every document page of the build (a page with a copy beside it), as its copy's path."""
    pages = set()
    for html in site.rglob("index.html"):
        folder = html.parent.relative_to(site).as_posix()
        copy = "index.md" if folder == "." else f"{folder}.md"
        if (site / copy).is_file():
            pages.add(copy)
    return pages


# --- llms.txt ---------------------------------------------------------------------------------


def test_llms_txt_has_the_proposals_format_and_every_page_once(site):
    parsed = parse_llms_txt((site / "llms.txt").read_text(encoding="utf-8"))
    assert parsed.title == "Palette Security"
    assert parsed.summary == "Entry point to the security documentation for Spectro Cloud Palette."
    assert list(parsed.sections)[-1] == "Optional"
    urls = [url for items in parsed.sections.values() for _name, url, _notes in items]
    copies = [url.removeprefix(BASE) for url in urls if url.endswith(".md")]
    assert all(url.startswith(BASE) for url in urls)
    assert len(copies) == len(set(copies)), "a page is listed twice"
    assert set(copies) == built_pages(site)
    for url in urls:
        path = site / url.removeprefix(BASE)
        assert (path / "index.html" if url.endswith("/") else path).is_file(), url


def test_llms_txt_sections_follow_the_sidebar(site):
    parsed = parse_llms_txt((site / "llms.txt").read_text(encoding="utf-8"))
    security = [name for name, _url, _notes in parsed.sections["Security"]]
    assert security[:3] == ["Security", "Core Principles", "Secure Software Development Lifecycle"]
    assert ("Core Principles", f"{BASE}security/core-principles.md",
            "Learn about Spectro Cloud security principles for Palette.") in parsed.sections["Security"]
    optional = {url for _name, url, _notes in parsed.sections["Optional"]}
    assert f"{BASE}security/security-bulletins/cve-2023-44487.md" in optional
    assert f"{BASE}tags/security/" in optional


def test_llms_full_holds_every_listed_page_in_order(site):
    parsed = parse_llms_txt((site / "llms.txt").read_text(encoding="utf-8"))
    full = (site / "llms-full.txt").read_text(encoding="utf-8")
    copies = [url for items in parsed.sections.values() for _n, url, _d in items if url.endswith(".md")]
    sources = re.findall(r"^Source: <([^>]+)>$", full, re.MULTILINE)
    assert [url.removesuffix("/") + ".md" if url != BASE else f"{BASE}index.md" for url in sources] == copies
    _meta, core = split_front_matter((site / "security/core-principles.md").read_text(encoding="utf-8"))
    assert core.strip() in full
    assert "\ntitle: " not in full  # no copy's front matter


# --- the seed pages' copies ---------------------------------------------------------------------


@pytest.mark.parametrize("source", sorted(SEEDS))
def test_seed_copy_matches_its_source(site, source):
    meta, source_body = split_front_matter((SOURCE / source).read_text(encoding="utf-8"))
    copy_meta, body = split_front_matter((site / SEEDS[source]).read_text(encoding="utf-8"))
    assert copy_meta == {"title": meta["title"], "description": meta.get("description") or meta["metaDescription"]}
    headings, paragraphs = source_blocks(source_body)
    expected = headings if headings and headings[0].startswith("# ") else [f"# {meta['title']}", *headings]
    assert copy_headings(body) == expected
    text = plain(body)
    for paragraph in paragraphs:
        assert plain(paragraph) in text, paragraph


@pytest.mark.parametrize("source", sorted(SEEDS))
def test_seed_copy_links_are_site_urls(site, source):
    _meta, body = split_front_matter((site / SEEDS[source]).read_text(encoding="utf-8"))
    for link in site_links(body):  # (Core Principles has none; the overview has several)
        parts = urlsplit(link)
        if parts.scheme:
            assert parts.scheme in ("https", "mailto"), link
            continue
        assert link.startswith("/") and ".md" not in link, link
        assert (site / parts.path.lstrip("/") / "index.html").is_file(), link


def test_security_overview_links_resolved(site):
    _meta, body = split_front_matter((site / "security.md").read_text(encoding="utf-8"))
    assert "[Secure Product Architecture](/security/product-architecture/)" in body
    assert "[Compliance](https://docs.spectrocloud.com/compliance)" in body
    assert "<br" not in body and "{" not in body


def test_partials_are_resolved_and_admonitions_are_blockquotes(site):
    _meta, body = split_front_matter((site / "security/vulnerability-management.md").read_text(encoding="utf-8"))
    assert "PartialsComponent" not in body and "props." not in body
    assert "the Palette VerteX version you run." in body
    assert "> **Note**\n>\n> The same steps apply to Palette VerteX" in body
    assert "> **Further reading**\n>\n> The [Security Bulletins](/security/security-bulletins/#statuses) page" in body


def test_every_page_has_a_copy_with_title_and_description_only(site):
    for copy in built_pages(site):
        meta, body = split_front_matter((site / copy).read_text(encoding="utf-8"))
        assert set(meta) <= {"title", "description"} and meta["title"], copy
        assert body.startswith("\n# "), copy


def test_the_page_links_its_copy(site):
    html = (site / "security/core-principles/index.html").read_text(encoding="utf-8")
    assert 'href="../core-principles.md"' in html
    assert 'data-markdown="../core-principles.md" hidden>Copy page</button>' in html


def _build(source: Path, out: Path, doctrees: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-q", "-d", str(doctrees),
         str(source), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_deleted_pages_copy_is_removed(tmp_path):
    """An incremental build after a page is deleted removes its copy and its llms.txt entry, and keeps the rest."""
    source, out, doctrees = tmp_path / "source", tmp_path / "html", tmp_path / "doctrees"
    shutil.copytree(SOURCE, source)
    _build(source, out, doctrees)
    assert (out / "security/artifact-signatures.md").is_file()
    kept = (out / "security/core-principles.md").stat().st_mtime_ns
    (source / "security/artifact-signatures.md").unlink()
    _build(source, out, doctrees)
    assert not (out / "security/artifact-signatures.md").exists()
    assert (out / "security/core-principles.md").stat().st_mtime_ns == kept  # its text is unchanged: left as it was
    assert "artifact-signatures" not in (out / "llms.txt").read_text(encoding="utf-8")
