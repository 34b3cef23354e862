"""The search dialog's index: small files a browser fetches only as a query needs them.

Sphinx's ``searchindex.js`` is one file that must arrive whole before the first
result; on a site of 2,000 long pages it is megabytes. This index is split so that
a query transfers only what it touches (``search_dialog.py`` writes the files,
``static/docusaurus-search-dialog.js`` reads them):

``meta.json``
    the number of pages, each page's count of title terms (an exact title ranks
    first; as :func:`digits`), the first term of every postings chunk, the vocabulary
    shards there are and the :data:`TOP_WORDS` most frequent words (a word being typed
    whose completions are all among them needs no vocabulary shard).
``t/<n>.json``
    postings chunks: terms in sorted order, cut at about :data:`CHUNK_BYTES`; a term's
    postings are pairs (page delta, weight) with ``weight = round(3 * bm25) * 4 + 2 *
    in_a_heading + in_the_title``, written as a string of base-32 digits (:func:`digits`:
    most pages of a common term take two characters). A query fetches the chunks of
    its terms only.
``v/<prefix>.json``
    the words of the pages as written, by their first two characters, most frequent
    term first, each with its term when that differs (``["vulnerabilities", "vulner"]``):
    the word being typed ("vulnerab") is completed from it. A big group is split by
    one more character, its own file keeping only its most frequent words (``vocabHeads``).
``p/<n>.json``
    one page: title, URL, its sections' headings and anchors and an opening line,
    fetched for the results shown, as the reader types;
``x/<n>.json``
    the text of the page's sections, fetched for the results shown once typing
    pauses, to find the matching sections and cut snippets around the matched words
    (so the keystrokes of a query do not each fetch the full text of eight pages).

Terms are what the reader types: words stemmed with the site language's stemmer
(Sphinx's, whose JavaScript twin is in ``language_data.js``), numbers kept (Sphinx
drops them, so a CVE id found nothing), and hyphen or dot compounds kept whole too
(``cve-2023-44487``, ``kube-apiserver``, ``v4.5.2``) besides their parts. Pure: no
Sphinx here; the stemmer and stopwords come in as arguments.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

FORMAT = 1
CHUNK_BYTES = 6_000  # a postings file is cut after this much JSON (a common term may pass it alone)
PAGE_TEXT_CHARS = 8_000  # text kept per page for snippets (the terms of all of it are indexed)
SECTION_TEXT_CHARS = 2_000  # and per section
OPENING_CHARS = 160  # the opening line a result shows until its text arrives
VOCAB_PREFIX = 2
VOCAB_BYTES = 3_000  # a vocabulary shard bigger than this is split by one more character...
VOCAB_MAX_PREFIX = 8  # ...down to this many
HEAD_WORDS = 12  # words a split shard keeps for its own, shorter prefix
TOP_WORDS = 400  # the site's most frequent words, in meta.json
MAX_TERM = 40  # longer "words" (hashes, base64) are not indexed

# A compound keeps its joiners: "cve-2023-44487", "v4.5.2", "kube-apiserver". The JavaScript
# tokenizer in docusaurus-search-dialog.js uses the same two patterns.
# The look-behind starts a match only where a run of word characters starts: without it a
# 10,000-character "word" is tried from each of its characters (quadratic).
_COMPOUND = re.compile(r"(?<!\w)\w+(?:[-.]\w+)+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Section:
    """One heading's part of a page (the page's opening text has the page title and no anchor)."""

    heading: str
    anchor: str
    text: str


@dataclass(frozen=True)
class SearchPage:
    """What the index knows of one page."""

    url: str  # relative to the site root, e.g. "security/core-principles/"
    title: str
    sections: tuple[Section, ...] = ()
    version: str = ""  # a whole Docusaurus site's docs version ("" outside any)


@dataclass
class Tokenizer:
    """Text -> index terms, with the site language's stemmer and stopwords."""

    stem: Callable[[str], str]
    stopwords: frozenset[str] = frozenset()
    _cache: dict[str, str] = field(default_factory=dict, repr=False)

    def words(self, text: str) -> list[str]:
        """Terms of running text: stemmed words and numbers, then the compounds whole."""
        lowered = text.lower()
        terms = []
        for word in _WORD.findall(lowered):
            term = self.term(word)
            if term:
                terms.append(term)
        terms.extend(c for c in _COMPOUND.findall(lowered) if len(c) <= MAX_TERM)
        return terms

    def term(self, word: str) -> str:
        """One word's index term ("" for a stopword or a word too short or too long to help)."""
        if word in self._cache:
            return self._cache[word]
        if len(word) > MAX_TERM or word in self.stopwords or (len(word) < 2 and not word.isdigit()):
            term = ""
        elif word.isdigit():
            term = word
        else:
            term = self.stem(word).lower() or word
        self._cache[word] = term
        return term

    def seen(self) -> dict[str, str]:
        """Every word met so far, with its term ("" for none)."""
        return dict(self._cache)


@dataclass(frozen=True)
class PageTerms:
    """One page's terms, as the index needs them; computed once, when the page is written.

    A term's weight also depends on the average page length, so it is made when the
    index is (:mod:`.search_index`).
    """

    terms: dict[str, tuple[int, int]]
    """term -> (times in the body, flags: 2 if in a heading, + 1 if in the title or the page's H1)"""
    length: int  # terms in the body
    title_terms: int  # terms of the title itself (an exact title is matched against these)
    words: dict[str, str]
    """each word of the page as written -> its term (the vocabulary the reader types against)"""

    def to_json(self) -> dict[str, object]:
        """A JSON value :meth:`from_json` reads back."""
        return {"terms": self.terms, "length": self.length,  # JSON writes the pairs as arrays
                "titleTerms": self.title_terms, "words": self.words}

    @classmethod
    def from_json(cls, data: dict) -> PageTerms:
        """The terms :meth:`to_json` wrote."""
        return cls({term: (value[0], value[1]) for term, value in data["terms"].items()}, int(data["length"]),
                   int(data["titleTerms"]), dict(data["words"]))


def page_terms(page: SearchPage, tokenizer: Tokenizer) -> PageTerms:
    """What the index holds of one page."""
    body: Counter[str] = Counter()
    headings: set[str] = set()
    title = set(tokenizer.words(page.title))
    shown = set(title)  # the words a reader sees as the page's title: also its H1, when that differs
    written = set(_WORD.findall(page.title.lower()))
    for section in page.sections:
        body.update(tokenizer.words(section.text))
        written.update(_WORD.findall(section.text.lower()))
        written.update(_WORD.findall(section.heading.lower()))
        if section.anchor:
            headings.update(tokenizer.words(section.heading))
        else:
            shown.update(tokenizer.words(section.heading))
    terms = {
        term: (body.get(term, 0), 2 * (term in headings) + (term in shown))
        for term in sorted(set(body) | headings | shown)
    }
    words = {word: term for word in sorted(written) if (term := tokenizer.term(word))}
    return PageTerms(terms, sum(body.values()), len(title), words)


# 64 characters that JSON and URLs leave alone: a digit's value is its place here; the
# upper half (32-63) marks a digit that more digits of the same number follow
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def _digits_of(number: int) -> str:
    places = [number & 31]
    number >>= 5
    while number:
        places.append((number & 31) + 32)
        number >>= 5
    return "".join(DIGITS[place] for place in reversed(places))


# nearly every number written (page deltas, weights) is below this: looked up, not worked out
_CODES = [_digits_of(number) for number in range(1 << 15)]


def digits(numbers: Iterable[int]) -> str:
    """Non-negative integers as base-32 digits, most significant first (the dialog decodes them)."""
    codes = _CODES
    return "".join(codes[number] if number < 32768 else _digits_of(number) for number in numbers)


# character -> its value, for bytes.translate (the digits are ASCII)
_VALUES = bytes(DIGITS.index(chr(code)) if chr(code) in DIGITS else 0 for code in range(256))


def undigits(text: str) -> list[int]:
    """The integers :func:`digits` wrote."""
    numbers: list[int] = []
    value = 0
    for place in text.encode("ascii").translate(_VALUES):
        if place < 32:
            numbers.append((value << 5) | place)
            value = 0
        else:
            value = (value << 5) | (place & 31)
    return numbers


def compact_json(value: object) -> str:
    """JSON without spaces, non-ASCII text kept as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def page_file(page: SearchPage) -> str:
    """``p/<n>.json``: one result as the dialog first shows it (title, URL, headings, an opening line)."""
    opening = next((section.text for section in page.sections if section.text), "")
    return compact_json({
        "t": page.title,
        "u": page.url,
        "s": [[section.heading, section.anchor] for section in page.sections],
        "x": _cut(opening, OPENING_CHARS),
    })


def text_file(page: SearchPage) -> str:
    """``x/<n>.json``: the text of each section (in ``p/<n>.json``'s order), for snippets."""
    texts = []
    room = PAGE_TEXT_CHARS
    for section in page.sections:
        text = _cut(section.text, min(SECTION_TEXT_CHARS, room)) if room > 0 else ""
        room -= len(text)
        texts.append(text)
    return compact_json(texts)


def vocabulary_shards(entries: list[tuple[str, str, int]]) -> tuple[dict[str, list], set[str]]:
    """Words by prefix, most frequent first, no shard much over :data:`VOCAB_BYTES`.

    Words go by their first two characters; a group too big is split by one more
    character (down to :data:`VOCAB_MAX_PREFIX`), and the shorter prefix keeps a "head":
    its :data:`HEAD_WORDS` most frequent words, which is all a two-letter query shows.
    """
    shards: dict[str, list] = {}
    heads: set[str] = set()

    def place(prefix: str, words: list[tuple[str, str, int]]) -> None:
        size = sum(len(word) + len(term) + 8 for word, term, _count in words)
        if size <= VOCAB_BYTES or len(prefix) >= VOCAB_MAX_PREFIX:
            shards[prefix] = words
            return
        heads.add(prefix)
        shards[prefix] = words[:HEAD_WORDS]
        longer: dict[str, list[tuple[str, str, int]]] = {}
        for entry in words:
            if len(entry[0]) > len(prefix):
                longer.setdefault(entry[0][: len(prefix) + 1], []).append(entry)
        for child, group in longer.items():
            place(child, group)

    groups: dict[str, list[tuple[str, str, int]]] = {}
    for entry in entries:  # in frequency order, so every group is too
        groups.setdefault(entry[0][:VOCAB_PREFIX], []).append(entry)
    for prefix, words in groups.items():
        place(prefix, words)
    return shards, heads


def shard_name(prefix: str) -> str:
    """A file name for a vocabulary prefix: its characters' code points, safe on any file system."""
    return "-".join(f"{ord(c):x}" for c in prefix)

