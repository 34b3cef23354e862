"""The benchmark scripts cannot rot: generate small sites in every flavour and run a tiny benchmark."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("flavour", ["ours", "stock", "docusaurus"])
def test_generator_is_seeded_and_complete(tmp_path, flavour):
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = subprocess.run(
            [sys.executable, str(REPO / "bench/corpus.py"), "30", str(out), "--flavour", flavour],
            capture_output=True, text=True, check=True,
        )
        assert json.loads(result.stdout)["pages"] == 30
        outputs.append({p.relative_to(out): p.read_text() for p in sorted(out.rglob("*.md"))})
    assert outputs[0] == outputs[1]  # same seed, same site
    files = outputs[0]
    assert len(files) == 30
    assert max(len(Path(name).parts) for name in files) >= 3  # nested folders
    text = "\n".join(files.values())
    if flavour == "stock":
        assert "```{toctree}" in text and "sidebar_position" not in text
    else:
        assert "sidebar_position:" in text and "<Tabs" in text and ":::" in text
        assert "](/" in text and ".md#" in text  # both link forms


@pytest.mark.bench
def test_smoke_benchmark_builds_and_reports():
    result = subprocess.run(
        [sys.executable, str(REPO / "bench/run.py"), "--smoke"], capture_output=True, text=True, check=True,
        cwd=REPO,
    )
    assert "| 20 |" in result.stdout
    first = json.loads(result.stdout.splitlines()[0])["ours"]
    assert first["full_jauto"]["returncode"] == 0 and first["edit_body"]["returncode"] == 0
    # only the edited page and the folder index whose toctree lists it (Sphinx rewrites toctree
    # parents), plus generated indexes (not counted)
    assert first["edit_body"]["pages_rewritten"] <= 2
    # a leaf's label shows in its own branch of the sidebar and on its neighbours, not on every page
    assert 2 <= first["edit_sidebar_label"]["pages_rewritten"] < 20


def test_the_vocabulary_option_draws_many_words_with_few_common_ones(tmp_path):
    subprocess.run([sys.executable, str(REPO / "bench/corpus.py"), "30", str(tmp_path), "--vocabulary", "5000"],
                   capture_output=True, text=True, check=True)
    words = [w.strip(".,|").lower() for p in tmp_path.rglob("*.md") for w in p.read_text().split()]
    counts = sorted(Counter(words).values(), reverse=True)
    assert len(counts) > 2500  # far more than the fixed list's hundred words
    assert counts[0] > 50 * counts[len(counts) // 2]  # Zipf: a few words are very common


@pytest.mark.bench
@pytest.mark.browser
def test_search_benchmark_measures_ours_sphinx_and_pagefind(tmp_path):
    out = tmp_path / "search.json"
    subprocess.run(
        [sys.executable, str(REPO / "bench/search.py"), "--sizes", "40", "--work", str(tmp_path),
         "--json", str(out), "--out", str(tmp_path / "results.md")],  # never the committed report
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    figures = json.loads(out.read_text())["sizes"]["40"]
    assert figures["pages"] == 40 and figures["ours_index_files"] > 40
    for way in ("ours", "sphinx", "pagefind"):
        assert figures[way]["first_query_kb_max"] > 0, way
        assert figures[way]["keystrokes"] > 0 and figures[way]["keystroke_ms_median"] > 0, way
