"""How well search ranks: Hit@1 and Hit@5 over queries written the way readers type.

The queries are ``tests/fixtures/search/queries.yaml`` (each with the page that answers
it); the engine is the search dialog's own, run in Chromium on a built site
(``window.DocusaurusSearch.rank``), so the figures are what a reader gets. Used by the
ranking test (``tests/test_search_ranking.py``, which gates the figures) and by the
search benchmark (``bench/search.py``, which writes them to ``bench/results.md``).
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "fixtures" / "search" / "queries.yaml"


@dataclass(frozen=True)
class Query:
    """One query, the site it is asked of and the page that answers it."""

    query: str
    site: str
    expect: str
    kind: str


@dataclass
class Outcome:
    """Where the expected page came for each query (0: not in the first ten)."""

    ranks: dict[Query, int] = field(default_factory=dict)

    def hit_at(self, k: int, kinds: Iterable[str] | None = None) -> float:
        chosen = [q for q in self.ranks if kinds is None or q.kind in set(kinds)]
        return sum(1 for q in chosen if 0 < self.ranks[q] <= k) / len(chosen) if chosen else 0.0

    def misses(self, k: int) -> list[tuple[Query, int]]:
        return [(q, rank) for q, rank in self.ranks.items() if not 0 < rank <= k]

    def by_kind(self) -> dict[str, tuple[int, float, float]]:
        kinds = sorted({q.kind for q in self.ranks})
        return {kind: (sum(q.kind == kind for q in self.ranks), self.hit_at(1, [kind]), self.hit_at(5, [kind]))
                for kind in kinds}


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query set (a list of mappings with query, site, expect and kind)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(item["query"]), item["site"], item["expect"], item["kind"]) for item in data]


def routes_of(html: Path) -> dict[str, str]:
    """docname -> URL path under the site root, from a built site's environment."""
    sys.path.insert(0, str(REPO / "_ext"))
    from docusaurus_compat.site_model import site_model

    for doctrees in (html / ".doctrees", html.parent / "doctrees", html.parent / ".doctrees"):
        pickled = doctrees / "environment.pickle"
        if pickled.is_file():
            with pickled.open("rb") as handle:
                env = pickle.load(handle)  # our own build's environment
            return dict(site_model(env).routes.routes)
    raise FileNotFoundError(f"no environment.pickle beside {html}")


def evaluate(rank: Callable[[str], list[str]], queries: Iterable[Query], routes: dict[str, str]) -> Outcome:
    """Ask every query; note where its expected page came (by URL)."""
    outcome = Outcome()
    for query in queries:
        wanted = routes[query.expect].strip("/")
        urls = [url.split("#")[0].strip("/") for url in rank(query.query)]
        outcome.ranks[query] = urls.index(wanted) + 1 if wanted in urls else 0
    return outcome


def dialog_ranker(page: Any) -> Callable[[str], list[str]]:
    """The search dialog's ranking on an open page of a built site (Playwright page)."""
    return lambda text: page.evaluate("text => window.DocusaurusSearch.rank(text)", text)


def report(outcome: Outcome) -> str:
    """A Markdown table of the figures, overall and by kind of query."""
    lines = [
        f"{len(outcome.ranks)} queries: Hit@1 {outcome.hit_at(1):.3f}, Hit@5 {outcome.hit_at(5):.3f}",
        "",
        "| kind | queries | Hit@1 | Hit@5 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, (count, at1, at5) in outcome.by_kind().items():
        lines.append(f"| {kind} | {count} | {at1:.2f} | {at5:.2f} |")
    return "\n".join(lines)
