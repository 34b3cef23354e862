"""Docusaurus's own test cases (tests/conformance/*.yaml), built through the extension.

Prints the agreement table. A disagreement that ``deviations.yaml`` does not list fails,
and so does a listed case that now agrees (take it off the list).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conformance.runner import CATEGORIES, Outcome, load_cases, load_deviations, run, table
from conftest import CONFORMANCE_TABLE

MINIMUM_CASES = {"frontmatter": 180, "admonitions": 40, "heading_ids": 120, "code_blocks": 50}


@pytest.fixture(scope="module")
def results(pytestconfig: pytest.Config) -> dict[str, list[Outcome]]:
    found = {category: run(category) for category in CATEGORIES}
    pytestconfig.stash[CONFORMANCE_TABLE] = table(found)  # printed in the run's summary (conftest.py)
    return found


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_disagreement_is_listed_with_a_reason(results: dict[str, list[Outcome]], category: str) -> None:
    deviations = load_deviations()
    unlisted = [f"{o.case_id}: {o.detail}" for o in results[category] if not o.agrees and o.case_id not in deviations]
    assert unlisted == []


@pytest.mark.parametrize("category", CATEGORIES)
def test_no_listed_case_agrees(results: dict[str, list[Outcome]], category: str) -> None:
    deviations = load_deviations()
    agreeing = [o.case_id for o in results[category] if o.agrees and o.case_id in deviations]
    assert agreeing == []


@pytest.mark.parametrize("category", CATEGORIES)
def test_enough_cases_each_naming_its_source(category: str) -> None:
    cases = load_cases(category)
    assert len(cases) >= MINIMUM_CASES[category]
    assert all(case["source"].startswith(("packages/", "website/")) and case["test"] for case in cases)
    assert len({case["id"] for case in cases}) == len(cases)
