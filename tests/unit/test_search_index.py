"""The search index kept between builds (search_index.py): an update for changed pages gives the
state, and so the files, that making the index anew from the same pages gives."""

from __future__ import annotations

import dataclasses
import random

from sphinx.search.en import SearchEnglish

from docusaurus_compat.search_chunks import SearchPage, Section, Tokenizer, page_terms, undigits
from docusaurus_compat.search_index import (
    AVERAGE_STEP,
    build_state,
    index_files,
    page_files,
    shared_files,
    snapped_average,
)

LANG = SearchEnglish({})
WORDS = ("cluster clusters profile profiles pack packs registry node nodes tenant audit audited role "
         "secret token upgrade upgrading kube-apiserver cve-2023-44487 v4.5.2 edge appliance 2023").split()


def tokenizer() -> Tokenizer:
    return Tokenizer(stem=LANG.stem, stopwords=frozenset(LANG.stopwords))


def random_page(rng: random.Random, url: str) -> SearchPage:
    def text(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    sections = [Section("Title", "", text(rng.randint(0, 40)))]
    sections += [Section(text(2), f"s{i}", text(rng.randint(5, 60))) for i in range(rng.randint(0, 3))]
    return SearchPage(url, text(3), tuple(sections))


def files_of(state, pages: list[SearchPage]) -> dict[str, str]:
    files = shared_files(state, [page.version for page in pages])
    for number, page in enumerate(pages):
        files.update(page_files(number, page))
    return files


def test_updating_changed_pages_equals_building_anew():
    rng = random.Random(7)
    words = tokenizer()
    pages = [random_page(rng, f"p{n:03}/") for n in range(150)]
    terms = [page_terms(page, words) for page in pages]
    urls = [page.url for page in pages]
    state = build_state(urls, urls, terms)
    updates = fallbacks = 0
    for _round in range(25):
        changes = {}
        for number in rng.sample(range(len(pages)), rng.randint(1, 2)):
            pages[number] = dataclasses.replace(random_page(rng, urls[number]), url=urls[number])
            new = page_terms(pages[number], words)
            changes[number] = (terms[number], new)
            terms[number] = new
        fresh = build_state(urls, urls, terms)
        if state.update(changes):
            updates += 1
            assert state == fresh
        else:  # the average moved: the caller makes the state anew
            fallbacks += 1
            assert fresh.average != state.average
            state = fresh
        assert files_of(state, pages) == index_files(pages, words)
    assert updates > 0 and fallbacks > 0  # both paths were taken


def test_an_update_that_takes_every_word_of_a_term_away_drops_the_term():
    words = tokenizer()
    pages = [SearchPage("a/", "Alpha", (Section("Alpha", "", "cluster audit " * 20),)),
             SearchPage("b/", "Beta", (Section("Beta", "", "cluster token " * 20),))]
    terms = [page_terms(page, words) for page in pages]
    state = build_state(["a", "b"], ["a/", "b/"], terms)
    assert "audit" in state.postings and "audit" in state.words
    edited = SearchPage("a/", "Alpha", (Section("Alpha", "", "cluster secret " * 20),))
    new = page_terms(edited, words)
    assert state.update({0: (terms[0], new)})
    assert "audit" not in state.postings and "audit" not in state.words and "audited" not in state.words
    assert undigits(state.postings["secret"])[0] == 0  # page 0, first delta
    assert state == build_state(["a", "b"], ["a/", "b/"], [new, terms[1]])


def test_the_average_is_rounded_so_that_small_edits_keep_it():
    assert snapped_average([]) == 1.0 and snapped_average([0, 0]) == 1.0
    base = snapped_average([700] * 2000)
    assert abs(base - 700) / 700 < AVERAGE_STEP - 1
    assert snapped_average([700] * 1999 + [720]) == base
    assert snapped_average([800] * 2000) != base
