"""bench/corpus_profile.py counts what real pages hold; bench/corpus.py --realistic draws pages shaped like them."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import corpus  # noqa: E402
from corpus_profile import (  # noqa: E402
    distribution,
    measure_page,
    page_files,
    profile_folder,
    profile_section,
    to_json,
    zipf_exponent,
)

FIXTURES = REPO / "tests" / "fixtures" / "corpus_profile"


def counts_of(name: str) -> dict[str, int]:
    return dict(measure_page((FIXTURES / name).read_text(encoding="utf-8")).counts)


def test_pages_leave_out_partials_and_excluded_files():
    names = [p.relative_to(FIXTURES).as_posix() for p in page_files(FIXTURES, ["README.md"])]
    assert names == ["guide.md", "tabs.mdx"]


def test_markdown_blocks_are_counted():
    text = (FIXTURES / "guide.md").read_text(encoding="utf-8")
    assert counts_of("guide.md") == {
        "chars": len(text.split("---\n", 2)[2]),  # the front matter is not counted
        # 3 + headings 2+2+2 + "delta epsilon zeta and eta" 5 + table "name size one two" 4 + 2 + 3
        "words": 23,
        "h2": 1, "h3": 1, "h4": 1, "tables": 1, "table_rows": 2, "code_blocks": 1, "code_lines": 3,
        "admonitions": 1, "list_items": 3, "internal_links": 1, "external_links": 1, "images": 1,
    }


def test_code_alt_text_and_front_matter_are_no_prose():
    page = measure_page((FIXTURES / "guide.md").read_text(encoding="utf-8"))
    assert page.vocabulary["part"] == 3 and page.vocabulary["alpha"] == 1
    assert not {"words", "code", "alt", "guide", "key", "value"} & set(page.vocabulary)


def test_crlf_pages_count_as_lf_pages():
    text = (FIXTURES / "guide.md").read_text(encoding="utf-8")
    assert measure_page(text.replace("\n", "\r\n")).counts == measure_page(text).counts


def test_mdx_tabs_imports_and_nested_admonitions():
    page = measure_page((FIXTURES / "tabs.mdx").read_text(encoding="utf-8"))
    counts = dict(page.counts)
    counts.pop("chars")
    assert counts == {
        "words": 16,  # import lines are not prose; indented Markdown inside <TabItem> is
        "tabs": 1, "tab_items": 3, "list_items": 2, "code_blocks": 1, "code_lines": 2, "images": 1,
        "admonitions": 2, "internal_links": 2, "external_links": 1,
    }
    assert page.items["items_per_tabs"] == [3] and page.items["lines_per_code_block"] == [2]
    assert "import" not in page.vocabulary and "echo" not in page.vocabulary


def test_folder_profile_and_its_distributions():
    profile = profile_folder(FIXTURES, ["README.md"])
    assert profile["pages"] == 2 and profile["tokens"] == 39
    assert profile["per_page"]["words"] == [23, 16]
    assert profile["per_item"]["rows_per_table"] == [2]
    assert profile["summary"]["words"]["median"] == 19.5
    assert distribution([0, 10]) == {"min": 0, "p10": 1, "median": 5, "p90": 9, "max": 10, "mean": 5}
    assert json.loads(to_json(profile)) == profile


def test_zipf_exponent_of_a_zipf_law():
    from collections import Counter

    exact = Counter({f"w{rank}": round(100_000 / rank**1.3) for rank in range(1, 500)})
    assert zipf_exponent(exact) == pytest.approx(1.3, abs=0.01)


def test_results_section_sets_real_beside_generated():
    profile = profile_folder(FIXTURES, ["README.md"])
    section = profile_section(profile, profile)
    assert section.startswith("## Corpus: real pages and generated pages\n")
    assert "| Words (prose) | 19.5 | 22.3 | 23 | 19.5 | 22.3 | 23 |" in section
    assert "| Zipf exponent |" in section and "| Vocabulary (distinct words) | 36 |" in section


@pytest.fixture(scope="module")
def realistic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("realistic") / "site"
    corpus.write_site(80, out, realistic=True)
    return out


def test_realistic_site_is_seeded(realistic, tmp_path):
    corpus.write_site(80, tmp_path / "again", realistic=True)
    files = sorted(p.relative_to(realistic) for p in realistic.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "again") for p in (tmp_path / "again").rglob("*") if p.is_file())
    assert all((realistic / f).read_bytes() == (tmp_path / "again" / f).read_bytes() for f in files)


def test_realistic_pages_have_the_real_shape(realistic):
    real = json.loads(corpus.PROFILE.read_text(encoding="utf-8"))
    generated = profile_folder(realistic)
    assert generated["pages"] == 80
    for name in ("words", "h2", "list_items", "internal_links", "external_links"):
        want, got = real["summary"][name]["median"], generated["summary"][name]["median"]
        assert abs(got - want) <= 0.3 * want + 2, (name, want, got)
    assert abs(generated["zipf_exponent"] - real["zipf_exponent"]) < 0.15


def test_realistic_pages_link_nothing_real_and_carry_their_image(realistic):
    text = "\n".join(p.read_text(encoding="utf-8") for p in realistic.rglob("*.md"))
    hosts = set(re.findall(r"\]\((https?://[^/)]+)", text))
    assert hosts <= {"https://example.com", "https://example.org"}
    assert "](/bench-figure.png)" in text and (realistic / corpus.IMAGE).read_bytes().startswith(b"\x89PNG")
