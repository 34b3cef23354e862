"""The benchmark scripts cannot rot: generate small sites in every flavour and run a tiny benchmark."""

from __future__ import annotations

import json
import subprocess
import sys
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
