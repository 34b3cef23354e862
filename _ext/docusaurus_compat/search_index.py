"""The search dialog's index as a whole: made from every page's terms, kept between builds,
and brought up to date for the pages that changed.

Re-making the postings of the whole site for a one-page edit was most of that rebuild
(1,200,000 page-term pairs at 2,000 pages). :class:`IndexState` keeps each term's
encoded postings, each page's length, and the words of the vocabulary with the number of
pages each is written on. When an incremental build has the same pages in the same order
and the same average page length (BM25 uses it, rounded to a 2 % step so that an edit
rarely moves it), :meth:`IndexState.update` re-makes only the terms the changed pages
had or have; otherwise :func:`build_state` makes everything. Both give the same state,
so an incremental build writes the files a clean build does (tests/unit/test_search_index.py).

Pure: pages, their terms and the state come in; file texts come out (see
:mod:`.search_chunks` for what each file holds).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence

from .search_chunks import (
    CHUNK_BYTES,
    FORMAT,
    TOP_WORDS,
    PageTerms,
    SearchPage,
    Tokenizer,
    compact_json,
    digits,
    page_file,
    page_terms,
    shard_name,
    text_file,
    undigits,
    vocabulary_shards,
)

K1, B = 1.2, 0.75  # BM25's usual constants
AVERAGE_STEP = 1.02  # the average page length is rounded to a power of this


def snapped_average(lengths: Iterable[int]) -> float:
    """The mean page length, rounded to a power of :data:`AVERAGE_STEP` (1.0 for no pages or no text)."""
    lengths = list(lengths)
    mean = sum(lengths) / len(lengths) if lengths else 0.0
    if mean <= 1.0:
        return 1.0
    return round(AVERAGE_STEP ** round(math.log(mean, AVERAGE_STEP)), 2)


def page_weights(terms: PageTerms, average: float) -> dict[str, int]:
    """term -> its weight on the page: ``round(3 * bm25)`` (at most 7) * 4 + the page's flags, at least 1."""
    norm = K1 * (1 - B + B * terms.length / average)
    by_count: dict[int, int] = {}
    weights = {}
    for term, (count, flags) in terms.terms.items():
        base = 0
        if count:
            base = by_count.get(count, -1)
            if base < 0:
                base = by_count[count] = min(7, round(3 * count * (K1 + 1) / (count + norm))) * 4
        weights[term] = max(base + flags, 1)
    return weights


def _encode(pairs: Sequence[tuple[int, int]]) -> str:
    """(page, weight) pairs in page order, as (page delta, weight) digits."""
    flat: list[int] = []
    last = 0
    for number, weight in pairs:
        flat.append(number - last)
        flat.append(weight)
        last = number
    return digits(flat)


def _decode(text: str) -> list[tuple[int, int]]:
    numbers = undigits(text)
    pairs = []
    page = 0
    for index in range(0, len(numbers), 2):
        page += numbers[index]
        pairs.append((page, numbers[index + 1]))
    return pairs


@dataclasses.dataclass
class IndexState:
    """Everything the index's files are made from, but the pages' own files (``p/``, ``x/``)."""

    docnames: list[str]
    """the pages, by their number (their URLs' order)"""
    urls: list[str]
    lengths: list[int]
    title_terms: list[int]
    average: float
    postings: dict[str, str]
    """term -> (page delta, weight) digits, as ``t/`` files hold them"""
    pages_of: dict[str, int]
    """term -> how many pages have it"""
    words: dict[str, str]
    """word as written -> its term"""
    word_pages: dict[str, int]
    """word -> how many pages it is written on"""
    format: int = FORMAT

    def update(self, changes: Mapping[int, tuple[PageTerms, PageTerms]]) -> bool:
        """Bring the state up to date for the pages that changed: page number -> (the terms the
        state holds for it, its terms now). False, and the state untouched, when the average page
        length moves: then every weight may change (make the state anew with :func:`build_state`)."""
        lengths = list(self.lengths)
        for number, (_old, new) in changes.items():
            lengths[number] = new.length
        if snapped_average(lengths) != self.average:
            return False
        self.lengths = lengths
        weights = {number: page_weights(new, self.average) for number, (_old, new) in changes.items()}
        touched = sorted({term for old, new in changes.values() for term in (*old.terms, *new.terms)})
        for term in touched:
            pairs = [pair for pair in _decode(self.postings.get(term, "")) if pair[0] not in changes]
            pairs.extend((number, page[term]) for number, page in weights.items() if term in page)
            if pairs:
                pairs.sort()
                self.postings[term] = _encode(pairs)
                self.pages_of[term] = len(pairs)
            else:
                self.postings.pop(term, None)
                self.pages_of.pop(term, None)
        for number, (old, new) in changes.items():
            self.title_terms[number] = new.title_terms
            for word in old.words:
                left = self.word_pages.get(word, 0) - 1
                if left > 0:
                    self.word_pages[word] = left
                else:
                    self.word_pages.pop(word, None)
                    self.words.pop(word, None)
            for word, term in new.words.items():
                self.word_pages[word] = self.word_pages.get(word, 0) + 1
                self.words[word] = term
        return True


def build_state(docnames: Sequence[str], urls: Sequence[str], terms: Sequence[PageTerms]) -> IndexState:
    """The state of pages given in page-number order (their URLs' order)."""
    average = snapped_average(page.length for page in terms)
    collected: dict[str, list[tuple[int, int]]] = {}
    words: dict[str, str] = {}
    word_pages: dict[str, int] = {}
    for number, page in enumerate(terms):
        for term, weight in page_weights(page, average).items():
            collected.setdefault(term, []).append((number, weight))
        for word, term in page.words.items():
            words[word] = term
            word_pages[word] = word_pages.get(word, 0) + 1
    return IndexState(
        docnames=list(docnames),
        urls=list(urls),
        lengths=[page.length for page in terms],
        title_terms=[page.title_terms for page in terms],
        average=average,
        postings={term: _encode(pairs) for term, pairs in collected.items()},
        pages_of={term: len(pairs) for term, pairs in collected.items()},
        words=words,
        word_pages=word_pages,
    )


def shared_files(state: IndexState, versions: Sequence[str] = ()) -> dict[str, str]:
    """The files every page's change may touch: postings chunks, vocabulary shards, ``meta.json``.

    ``versions``: each page's docs version, by page number ("" outside any; all "" for a site
    without versions).
    """
    files: dict[str, str] = {}
    chunk_starts: list[str] = []
    chunk: list[str] = []
    size = 0
    for term in sorted(state.postings):
        entry = f"{compact_json(term)}:{compact_json(state.postings[term])}"
        if chunk and size + len(entry) > CHUNK_BYTES:
            files[f"t/{len(chunk_starts) - 1}.json"] = "{" + ",".join(chunk) + "}"
            chunk, size = [], 0
        if not chunk:
            chunk_starts.append(term)
        chunk.append(entry)
        size += len(entry) + 1
    if chunk:
        files[f"t/{len(chunk_starts) - 1}.json"] = "{" + ",".join(chunk) + "}"

    # what the reader may be typing: every word as written, with the term it is indexed under,
    # and the terms no word stands for (compounds) as themselves
    surfaces = {word: term for word, term in state.words.items() if term in state.postings}
    targets = set(surfaces.values())
    surfaces.update({term: term for term in state.postings if term not in targets})
    entries = sorted(((word, "" if term == word else term, state.pages_of[term])
                      for word, term in surfaces.items()), key=lambda item: (-item[2], item[0]))
    shards, heads = vocabulary_shards(entries)
    for prefix, words in shards.items():
        files[f"v/{shard_name(prefix)}.json"] = compact_json([[word, term] for word, term, _count in words])

    named = sorted({version for version in versions if version})
    files["meta.json"] = compact_json({
        "format": FORMAT,
        # contextual search on a site with docs versions: each page's (1-based) version, 0 for none
        **({"versions": named, "versionOf": [named.index(v) + 1 if v else 0 for v in versions]} if named else {}),
        "pages": len(state.docnames),
        "titleTerms": digits(state.title_terms),
        "chunks": chunk_starts,
        # the most frequent words: a word being typed is completed from these without a fetch
        "top": [[word, term] for word, term, _count in entries[:TOP_WORDS]],
        "vocab": sorted(shard_name(prefix) for prefix in shards),
        "vocabHeads": sorted(shard_name(prefix) for prefix in heads),
        "average": state.average,
        "idf": "bm25",
    })
    return files


def page_files(number: int, page: SearchPage) -> dict[str, str]:
    """One page's own files: ``p/<number>.json`` and ``x/<number>.json``."""
    return {f"p/{number}.json": page_file(page), f"x/{number}.json": text_file(page)}


def index_files(pages: Iterable[SearchPage], tokenizer: Tokenizer) -> dict[str, str]:
    """Every file of the index of these pages, by its path under the index folder (a clean build's)."""
    ordered = sorted(pages, key=lambda page: page.url)
    state = build_state([page.url for page in ordered], [page.url for page in ordered],
                        [page_terms(page, tokenizer) for page in ordered])
    files = shared_files(state, [page.version for page in ordered])
    for number, page in enumerate(ordered):
        files.update(page_files(number, page))
    return files
