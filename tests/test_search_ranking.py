"""Search ranks the page a reader wants first: Hit@5 >= 0.95 and Hit@1 >= 0.8 over the query set.

The queries (tests/fixtures/search/queries.yaml) are asked of this project's site and of the
shared corpus of real Palette pages, through the search dialog's own engine in Chromium.
An exact page title or a CVE id must bring its page first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from test_corpus import DOCS, make_html

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from search_quality import Outcome, dialog_ranker, evaluate, load_queries, report, routes_of  # noqa: E402

pytestmark = [
    pytest.mark.site,
    pytest.mark.browser,
    pytest.mark.skipif(not DOCS.is_dir(), reason="../shared/corpus is not beside the checkout"),
]


@pytest.fixture(scope="module")
def corpus_html(tmp_path_factory) -> Path:
    builddir = tmp_path_factory.mktemp("corpus-search")
    make_html(DOCS, builddir)  # the corpus has its known warnings (test_corpus.py): -W fails, the pages are built
    html = builddir / "html"
    assert (html / "_search" / "meta.json").is_file(), "the corpus was not built"
    return html


@pytest.fixture(scope="module")
def outcome(site, corpus_html, browser) -> Outcome:
    from browser import serve

    queries = load_queries()
    results = Outcome()
    for name, html in (("own", site), ("corpus", corpus_html)):
        with serve(html) as url:
            page = browser.new_page()
            page.goto(url)
            asked = [q for q in queries if q.site == name]
            results.ranks.update(evaluate(dialog_ranker(page), asked, routes_of(html)).ranks)
            page.close()
    return results


def _misses(outcome: Outcome, k: int) -> str:
    return "\n".join(f"  {q.site}: {q.query!r} -> rank {rank or '>10'} (want {q.expect})"
                     for q, rank in outcome.misses(k))


def test_the_query_set_is_large_and_varied():
    queries = load_queries()
    assert len(queries) >= 60
    assert {q.site for q in queries} == {"own", "corpus"}
    assert {"title", "partial", "plural", "singular", "product", "cve", "error"} <= {q.kind for q in queries}


def test_hit_rates_meet_the_gate(outcome):
    print(report(outcome))
    assert outcome.hit_at(5) >= 0.95, f"Hit@5 {outcome.hit_at(5):.3f}; misses:\n{_misses(outcome, 5)}"
    assert outcome.hit_at(1) >= 0.8, f"Hit@1 {outcome.hit_at(1):.3f}; not first:\n{_misses(outcome, 1)}"


def test_an_exact_title_or_cve_id_ranks_its_page_first(outcome):
    firsts = Outcome({q: rank for q, rank in outcome.ranks.items() if q.kind in ("title", "cve")})
    assert firsts.ranks, "the query set has title and CVE queries"
    assert firsts.hit_at(1) == 1.0, f"not first:\n{_misses(firsts, 1)}"
