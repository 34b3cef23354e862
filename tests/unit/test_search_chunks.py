"""The search dialog's chunked index (search_chunks.py): terms, postings, chunks, vocabulary shards."""

from __future__ import annotations

import json
import random

import pytest
from sphinx.search.en import SearchEnglish

from docusaurus_compat import search_chunks
from docusaurus_compat.search_chunks import (
    SearchPage,
    Section,
    Tokenizer,
    digits,
    undigits,
    vocabulary_shards,
)
from docusaurus_compat.search_index import index_files

LANG = SearchEnglish({})


def tokenizer() -> Tokenizer:
    return Tokenizer(stem=LANG.stem, stopwords=frozenset(LANG.stopwords))


def page(url: str, title: str, *sections: tuple[str, str, str]) -> SearchPage:
    return SearchPage(url, title, tuple(Section(*s) for s in sections))


def postings_of(files: dict[str, str], term: str) -> list[int]:
    meta = json.loads(files["meta.json"])
    chunk = max(i for i, first in enumerate(meta["chunks"]) if first <= term)
    return undigits(json.loads(files[f"t/{chunk}.json"])[term])


def test_words_are_stemmed_numbers_kept_and_compounds_kept_whole():
    terms = tokenizer().words("The Clusters of CVE-2023-44487 use v4.5.2 and kube-apiserver")
    assert "cluster" in terms and "the" not in terms and "of" not in terms
    assert {"cve", "2023", "44487", "cve-2023-44487", "v4.5.2", "kube", "apiserv", "kube-apiserver"} <= set(terms)


def test_very_long_words_and_single_letters_are_not_terms():
    assert tokenizer().words("x " + "a" * 41) == []
    # in linear time: a compound is looked for only where a word starts (this took minutes)
    assert tokenizer().words("b" * 200_000 + " c-d") == ["c-d"]
    assert tokenizer().words("7") == ["7"]


@pytest.mark.parametrize("numbers", [[0], [31], [32], [1023, 1024, 5], list(range(200)), [2**40]])
def test_digits_round_trip(numbers):
    text = digits(numbers)
    assert set(text) <= set(search_chunks.DIGITS)
    assert undigits(text) == numbers


def test_small_numbers_take_one_character():
    assert len(digits(range(32))) == 32


def test_postings_hold_page_deltas_and_title_and_heading_flags():
    files = index_files([
        page("a/", "Encryption at rest", ("Encryption at rest", "", "keys are rotated")),
        page("b/", "Backups", ("Backups", "", "nothing here"), ("Encryption", "encryption", "backups are encrypted")),
        page("c/", "Zebra", ("Zebra", "", "no match")),
    ], tokenizer())
    refs = postings_of(files, "encrypt")
    pairs = list(zip(refs[::2], refs[1::2], strict=True))
    assert [delta for delta, _ in pairs] == [0, 1]  # pages 0 and 1
    assert pairs[0][1] & 1 and not pairs[0][1] & 2  # in a's title, not in a heading of its own
    assert pairs[1][1] & 2 and not pairs[1][1] & 1  # in b's heading, not in its title
    meta = json.loads(files["meta.json"])
    assert undigits(meta["titleTerms"]) == [2, 1, 1]  # "encryption at rest": encrypt, rest
    assert meta["pages"] == 3


def test_pages_and_texts_are_split_and_texts_are_capped():
    long_text = "word " * 5000
    files = index_files([page("a/", "A", ("A", "", "opening"), ("Long", "long", long_text))], tokenizer())
    shown = json.loads(files["p/0.json"])
    assert shown == {"t": "A", "u": "a/", "s": [["A", ""], ["Long", "long"]], "x": "opening"}
    texts = json.loads(files["x/0.json"])
    assert texts[0] == "opening"
    assert len(texts[1]) <= search_chunks.SECTION_TEXT_CHARS + 2 and texts[1].endswith("…")


def test_chunks_are_cut_by_size_and_every_term_is_found_in_its_chunk():
    rng = random.Random(4)
    words = [f"w{n:05d}" for n in range(3000)]
    pages = [page(f"p{n}/", f"Page {n}", (f"Page {n}", "", " ".join(rng.sample(words, 300)))) for n in range(40)]
    files = index_files(pages, tokenizer())
    chunks = [name for name in files if name.startswith("t/")]
    assert len(chunks) > 5
    assert all(len(files[name]) < search_chunks.CHUNK_BYTES * 2 for name in chunks)
    for term in ("w00000", "w01500", "w02999", "page"):
        assert postings_of(files, term)


def test_the_same_pages_give_the_same_files_in_any_order():
    pages = [page(f"p{n}/", f"Title {n}", ("T", "", f"text {n} shared")) for n in range(20)]
    assert index_files(pages, tokenizer()) == index_files(list(reversed(pages)), tokenizer())


def test_vocabulary_maps_what_readers_type_to_terms_most_frequent_first():
    files = index_files([
        page("a/", "Vulnerabilities", ("V", "", "vulnerable vulnerability")),
        page("b/", "Vulnerable", ("V", "", "vulnerable")),
    ], tokenizer())
    words = json.loads(files["v/" + "-".join(f"{ord(c):x}" for c in "vu") + ".json"])
    assert ["vulnerable", "vulner"] in words and ["vulnerabilities", "vulner"] in words


def test_big_vocabulary_groups_are_split_and_keep_a_head():
    entries = [(f"co{n:04d}", "", 1000 - n) for n in range(1000)] + [("cat", "", 5)]
    shards, heads = vocabulary_shards(entries)
    assert "co" in heads and len(shards["co"]) == search_chunks.HEAD_WORDS
    assert shards["co"][0][0] == "co0000"  # the most frequent
    assert "ca" in shards and "ca" not in heads
    placed = {word for prefix, words in shards.items() if prefix not in heads for word, _t, _c in words}
    assert placed == {word for word, _t, _c in entries}  # every word is in exactly the shard that covers it
    assert all(sum(len(w) + len(t) + 8 for w, t, _ in words) <= search_chunks.VOCAB_BYTES
               for prefix, words in shards.items() if prefix not in heads and len(prefix) < 8)


def test_versions_are_listed_only_for_a_site_with_versions():
    plain = json.loads(index_files([page("a/", "A")], tokenizer())["meta.json"])
    assert "versions" not in plain
    versioned = [SearchPage("a/", "A", version="docs/current"), SearchPage("b/", "B", version="docs/1.0"),
                 SearchPage("c/", "C")]
    meta = json.loads(index_files(versioned, tokenizer())["meta.json"])
    assert meta["versions"] == ["docs/1.0", "docs/current"]
    assert meta["versionOf"] == [2, 1, 0]
