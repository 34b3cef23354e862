"""What the LaTeX writer gets for the dialect (no TeX run: fast and exact)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.sphinx("latex", testroot="pdf", freshenv=True)


@pytest.fixture(scope="module")
def tex(built):
    return (built.outdir / "test.tex").read_text(encoding="utf-8"), built.outdir


def test_admonitions_keep_type_style_and_title(tex):
    source, _ = tex
    for style, title in (("note", "Note"), ("important", "Info"), ("warning", "Careful"),
                         ("danger", "Danger"), ("hint", "Tech Preview")):
        assert f"\\begin{{sphinxadmonition}}{{{style}}}" in source
        assert title in source


def test_description_in_italics_and_tags(tex):
    source, _ = tex
    assert r"\textit{A page to check the PDF form of everything.}" in source
    assert "Tags: security, pdf" in source


def test_webp_and_svg_are_converted(tex):
    source, outdir = tex
    assert r"\sphinxincludegraphics{{photo}.png}" in source
    assert r"\sphinxincludegraphics{{diagram}.pdf}" in source
    images = {path.name for path in outdir.rglob("*") if path.suffix in (".png", ".pdf")}
    assert {"photo.png", "diagram.pdf"} <= images


def test_symbols_and_deep_lists_reach_the_tex(tex):
    source, _ = tex
    assert "✅" in source and "❌" in source
    assert r"\newunicodechar{✅}{{\docusaurussymbols ✅}}" in source
    assert source.count(r"\begin{itemize}") == 7


def test_tags_are_index_entries(tex):
    source, _ = tex
    assert r"\index{security (tag)@\spxentry{security}\spxextra{tag}}" in source


@pytest.mark.pdf
def test_the_tex_compiles_with_xelatex(tex):
    """WebP/SVG images, symbols and seven-deep lists compile (zero LaTeX errors)."""
    import subprocess

    _source, outdir = tex
    result = subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "test.tex"],
        cwd=outdir, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, (outdir / "test.log").read_text(errors="replace")[-3000:]
    log = (outdir / "test.log").read_text(errors="replace")
    assert "Missing character" not in log
