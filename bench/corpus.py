"""Generate a synthetic documentation site of N pages, in three flavours.

    python bench/corpus.py N OUT [--flavour ours|stock|docusaurus] [--seed 1] [--vocabulary N] [--realistic]

* ``ours``: our dialect (Docusaurus Markdown): front matter with every key,
  folder index pages (``x/x.md``), both link forms, ``:::`` admonitions,
  ``<Tabs>``, tables, titled code with highlighted lines, tags, icons.
* ``stock``: the same pages for stock Sphinx + MyST + furo: no front matter
  (the title is an H1), MyST directives, relative ``.md`` links, and toctrees
  written out.
* ``docusaurus``: a ``docs/`` folder for Docusaurus 3 (MDX imports for Tabs).

Pages have 600-1,500 words and sit in folders 3-4 levels deep. The same seed
gives the same site. ``--vocabulary 9000`` draws the prose from 9,000 words with
Zipf's frequencies instead of a list of about a hundred (what a search index of
real pages has to hold).

``--realistic`` gives each page the shape of a real page instead: its counts of words,
headings (h2-h4), tables, code blocks, admonitions, Tabs, list items, links and images
are those of a page drawn at random from ``bench/corpus-profile.json`` (the real Palette
pages, measured by ``bench/corpus_profile.py``), so long pages come as often as they do
there; the rows of each table, lines of each code block, items of each Tabs and list are
drawn from the real ones. The prose is Zipf-distributed with the measured exponent, from
a vocabulary scaled to the site's size by the measured Heaps exponent. External links go
to example.com and example.org; images show one small PNG that the site carries. To
measure the real pages again::

    python bench/corpus_profile.py ../shared/corpus/librarium --exclude SOURCES.md \\
        --json bench/corpus-profile.json
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORDS = (
    "cluster profile pack registry node policy tenant project workspace certificate secret key token "
    "audit role permission network storage backup restore upgrade version release patch image signature "
    "encryption identity provider gateway ingress service deployment replica quota namespace label "
    "control plane worker edge appliance template variable layer manifest chart operator agent "
    "the a of to and in for with on by from that this is are be can when which each all your our"
).split()
ICONS = ["lock", "server", "gears", "cloud", "shield-halved", "users", "book", "cube"]
TAGS = ["security", "clusters", "profiles", "networking", "storage", "operations", "upgrade", "identity"]
LANGS = ["shell", "yaml"]


@dataclass
class Page:
    path: str  # docname, e.g. "sec-1/topic-2/topic-2"
    title: str
    position: int
    folder_index: bool
    depth: int
    headings: list[str] = field(default_factory=list)  # the ones links may point at
    children: list[Page] = field(default_factory=list)
    outline: list[tuple[int, str]] = field(default_factory=list)  # (level, text) of every heading (--realistic)


def plan_site(n: int, rng: random.Random) -> list[Page]:
    """A tree of n pages: sections of folders of folders, every folder with an index page."""
    pages: list[Page] = []
    sections = min(10, max(2, n // 50))  # the top level stays the size real docs have
    per_section = n // sections
    counter = 0

    def new_page(folder: str, name: str, index: bool, depth: int, position: int) -> Page:
        nonlocal counter
        counter += 1
        path = f"{folder}/{name}" if folder else name
        title = " ".join(w.capitalize() for w in rng.sample(WORDS[:60], 3)) + f" {counter}"
        page = Page(path, title, position, index, depth)
        page.headings = [f"Section {i}" for i in range(1, rng.randint(4, 7))]
        pages.append(page)
        return page

    def grow(folder: str, parent: Page, budget: int, depth: int) -> None:
        position = 0
        while budget > 0:
            position += 10
            if depth < 4 and budget > 12 and rng.random() < 0.35:
                name = f"topic-{len(pages)}"
                sub = f"{folder}/{name}"
                index = new_page(sub, name, True, depth + 1, position)
                parent.children.append(index)
                share = min(budget - 1, rng.randint(6, 30))
                grow(sub, index, share, depth + 1)
                budget -= share + 1
            else:
                leaf = new_page(folder, f"page-{len(pages)}", False, depth, position)
                parent.children.append(leaf)
                budget -= 1

    root = new_page("", "index", True, 0, 0)
    for s in range(sections):
        if len(pages) >= n:
            break
        name = f"section-{s + 1}"
        index = new_page(name, name, True, 1, (s + 1) * 10)
        root.children.append(index)
        grow(name, index, min(per_section - 1, n - len(pages)), 1)
    return pages[:n] if len(pages) > n else pages


SYLLABLES = "ba be bi bo bu ca ce co cu da de di do du fa fe fi fo ga ge go ka ke ki ko la le li lo lu " \
    "ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze".split()


@dataclass
class Vocabulary:
    """Words drawn as real prose draws them: a few very common, a long tail of rare ones (Zipf, s=1 unless told)."""

    words: list[str]
    cumulative: list[float]

    @classmethod
    def zipf(cls, size: int, seed: int, exponent: float = 1.0) -> Vocabulary:
        rng = random.Random(f"vocabulary-{seed}")
        words = list(WORDS)
        seen = set(words)
        while len(words) < size:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word + rng.choice(["", "", "", "s", "ing", "ed", "tion"]))
        total = 0.0
        cumulative = []
        for rank in range(1, len(words) + 1):
            total += 1 / rank**exponent
            cumulative.append(total)
        return cls(words, cumulative)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


# None: the small fixed word list (the build benchmarks); a Vocabulary for realistic text (search)
VOCABULARY: Vocabulary | None = None


def sentence(rng: random.Random, words: int) -> str:
    drawn = VOCABULARY.draw(rng, words) if VOCABULARY else [rng.choice(WORDS) for _ in range(words)]
    text = " ".join(drawn)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(3, 6)))


def relative(from_doc: str, to_doc: str, suffix: str = ".md") -> str:
    a = from_doc.split("/")[:-1]
    b = to_doc.split("/")
    common = 0
    while common < len(a) and common < len(b) - 1 and a[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(a) - common) + b[common:]) + suffix


def route(page: Page) -> str:
    if page.path == "index":
        return "/"
    if page.folder_index:
        return "/" + page.path.rsplit("/", 1)[0]
    return "/" + page.path


def slug(heading: str) -> str:
    return heading.lower().replace(" ", "-")


def link(page: Page, other: Page, anchor: str | None, flavour: str, route_form: bool) -> str:
    """A Markdown link to another page: its route or its relative file (stock: always the file)."""
    target = route(other) if route_form and flavour != "stock" else relative(page.path, other.path)
    return f"[{other.title}]({target}{'#' + slug(anchor) if anchor else ''})"


def table_row(rng: random.Random) -> str:
    return f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} | {sentence(rng, 6)} |"


def table(rows: list[str]) -> str:
    return "| Name | Value | Notes |\n| --- | --- | --- |\n" + "\n".join(rows)


def code_block(lang: str, code: str, flavour: str, highlight: bool = True) -> str:
    if flavour == "stock":
        lines = ":emphasize-lines: 2,4\n" if highlight else ""
        return f"```{{code-block}} {lang}\n:caption: example.{lang}\n{lines}\n{code}\n```"
    return f'```{lang} title="example.{lang}"{" {2,4}" if highlight else ""}\n{code}\n```'


def admonition(kind: str, text: str, flavour: str) -> str:
    if flavour == "stock":
        return f":::{{{'note' if kind == 'info' else kind}}}\n{text}\n:::"
    return f":::{kind}\n\n{text}\n\n:::"


ORDINALS = "first second third fourth fifth sixth seventh eighth".split()


def tabs(texts: list[str], flavour: str) -> str:
    names = [ORDINALS[i] if i < len(ORDINALS) else f"item-{i + 1}" for i in range(len(texts))]
    if flavour == "stock":
        pairs = zip(names, texts, strict=True)
        items = "".join(f":::{{tab-item}} {n.capitalize()}\n:sync: {n}\n\n{t}\n:::\n" for n, t in pairs)
        return f"::::{{tab-set}}\n{items}::::"
    items = "".join(
        f'<TabItem value="{n}" label="{n.capitalize()}"{" default" if i == 0 else ""}>\n\n{t}\n\n</TabItem>\n'
        for i, (n, t) in enumerate(zip(names, texts, strict=True))
    )
    return f'<Tabs groupId="demo">\n{items}</Tabs>'


def body(page: Page, pages: list[Page], rng: random.Random, flavour: str) -> str:
    parts: list[str] = []
    target_words = rng.randint(600, 1500)
    words = 0
    parts.append(paragraph(rng))
    for number, heading in enumerate(page.headings):
        parts.append(f"## {heading}")
        chunk = paragraph(rng)
        other = rng.choice(pages)
        anchor = rng.choice(other.headings)
        parts.append(chunk + f" See {link(page, other, anchor, flavour, bool(number % 2))}.")
        words += len(chunk.split())
        kind = number % 4
        if kind == 0:
            parts.append(table([table_row(rng) for _ in range(4)]))
        elif kind == 1:
            lang = rng.choice(LANGS)
            if lang == "yaml":
                code = "\n".join(f"{rng.choice(WORDS)}: {rng.randint(1, 9)}" for _ in range(6))
            else:
                code = "\n".join(f"export {rng.choice(WORDS).upper()}={rng.randint(1, 9)}" for _ in range(6))
            parts.append(code_block(lang, code, flavour))
        elif kind == 2:
            kind_name = rng.choice(["note", "tip", "warning", "info", "danger"])
            parts.append(admonition(kind_name, sentence(rng, 14), flavour))
        else:
            parts.append(tabs([sentence(rng, 10), sentence(rng, 10)], flavour))
    while words < target_words:
        chunk = paragraph(rng)
        parts.append(chunk)
        words += len(chunk.split())
    return "\n\n".join(parts) + "\n"


PROFILE = Path(__file__).with_name("corpus-profile.json")
# ours: site-absolute (/bench-figure.png), found in the default docusaurus_image_dirs; the others: relative
IMAGE = "_static/images/bench-figure.png"
EXTERNAL = ("https://example.com", "https://example.org")  # reserved domains: nothing real is linked


def png() -> bytes:
    """A 1x1 grey PNG: the image every --realistic image shows."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")  # one row: no filter, one grey byte
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@dataclass
class Shape:
    """One page's structure (--realistic): a real page's counts; each item's size drawn from the real items."""

    words: int
    levels: list[int]  # heading levels, in page order
    tables: list[int]  # body rows of each
    code_blocks: list[int]  # lines of each
    admonitions: int
    tabs: list[int]  # items of each
    lists: list[int]  # items of each
    internal_links: int
    external_links: int
    images: int


def heading_levels(h2: int, h3: int, h4: int, rng: random.Random) -> list[int]:
    """h3s under random h2s, h4s under random h3s; a level with no parent hangs under anything higher."""
    levels = [2] * h2
    for level, count in ((3, h3), (4, h4)):
        for _ in range(count):
            parents = [i for i, up in enumerate(levels) if up == level - 1] or [
                i for i, up in enumerate(levels) if up < level]
            levels.insert(rng.choice(parents) + 1 if parents else len(levels), level)
    return levels


def draw_shape(profile: dict[str, Any], rng: random.Random) -> Shape:
    # a whole real page, not each count on its own: long pages keep their many headings and tables
    index = rng.randrange(profile["pages"])
    count = {name: values[index] for name, values in profile["per_page"].items()}
    items = profile["per_item"]

    def sizes(n: int, name: str) -> list[int]:
        return [rng.choice(items[name]) for _ in range(n)]

    lists, left = [], count["list_items"]
    while left > 0:
        lists.append(min(left, rng.choice(items["items_per_list"])))
        left -= lists[-1]
    return Shape(
        count["words"], heading_levels(count["h2"], count["h3"], count["h4"], rng),
        sizes(count["tables"], "rows_per_table"), sizes(count["code_blocks"], "lines_per_code_block"),
        count["admonitions"], sizes(count["tabs"], "items_per_tabs"), lists,
        count["internal_links"], count["external_links"], count["images"],
    )


def phrase(rng: random.Random, k: int) -> str:
    return " ".join(VOCABULARY.draw(rng, k) if VOCABULARY else [rng.choice(WORDS) for _ in range(k)])


def plan_page(page: Page, profile: dict[str, Any], rng: random.Random) -> Shape:
    """Draw the page's shape and name its headings (before any page is written: links point at them)."""
    shape = draw_shape(profile, rng)
    page.outline = [(level, f"{phrase(rng, rng.randint(2, 4)).capitalize()} {number}")
                    for number, level in enumerate(shape.levels, start=1)]
    # the stock build makes anchors down to h3 only (myst_heading_anchors = 3)
    page.headings = [text for level, text in page.outline if level <= 3]
    return shape


def code_lines(rng: random.Random, lang: str, lines: int) -> str:
    if lang == "yaml":
        return "\n".join(f"{'  ' * rng.randint(0, 2)}{rng.choice(WORDS)}: {phrase(rng, 2)}" for _ in range(lines))
    return "\n".join(f"tool {rng.choice(WORDS)} --{rng.choice(WORDS)}={rng.randint(1, 99)}" for _ in range(lines))


def prose(rng: random.Random, budget: int, extra: list[str]) -> list[str]:
    """Paragraphs of exactly ``budget`` drawn words, with the ``extra`` sentences (links) among them."""
    sentences = []
    while budget > 0:
        k = min(budget, rng.randint(8, 18))
        sentences.append(sentence(rng, k))
        budget -= k
    for text in extra:
        sentences.insert(rng.randint(0, len(sentences)), text)
    paragraphs = []
    while sentences:
        k = rng.randint(3, 6)
        paragraphs.append(" ".join(sentences[:k]))
        del sentences[:k]
    return paragraphs


def realistic_body(page: Page, pages: list[Page], rng: random.Random, flavour: str, shape: Shape) -> str:
    """The page's blocks spread over its sections, the rest of its words as prose around them."""
    slots = len(page.outline) + 1  # the text before the first heading, then each heading's
    blocks: list[list[str]] = [[] for _ in range(slots)]
    links: list[list[str]] = [[] for _ in range(slots)]
    used = sum(len(text.split()) - 1 for _, text in page.outline)  # the heading's number is no word

    def place(block: str, drawn: int) -> None:
        nonlocal used
        blocks[rng.randrange(slots)].append(block)
        used += drawn

    for rows in shape.tables:
        place(table([table_row(rng) for _ in range(rows)]), 3 + 7 * rows)
    for lines in shape.code_blocks:
        lang = rng.choice(LANGS)
        place(code_block(lang, code_lines(rng, lang, lines), flavour, highlight=lines >= 4), 0)
    for _ in range(shape.admonitions):
        k = rng.randint(10, 30)
        place(admonition(rng.choice(["note", "tip", "warning", "info", "danger"]), sentence(rng, k), flavour), k)
    for items in shape.tabs:
        texts = [sentence(rng, rng.randint(8, 24)) for _ in range(items)]
        place(tabs(texts, flavour), sum(len(t.split()) for t in texts))
    for items in shape.lists:
        # a lead-in sentence keeps two lists in a row from merging into one
        lead = sentence(rng, rng.randint(6, 12))
        entries = [sentence(rng, rng.randint(3, 14)) for _ in range(items)]
        place(lead + "\n\n" + "\n".join(f"- {e}" for e in entries), sum(len(t.split()) for t in [lead, *entries]))
    for _ in range(shape.images):
        target = f"/{Path(IMAGE).name}" if flavour == "ours" else relative(page.path, IMAGE[:-4], ".png")
        place(f"![{phrase(rng, 4)}]({target})", 0)  # alt text is no prose
    for number in range(shape.internal_links):
        other = rng.choice(pages)
        anchor = rng.choice(other.headings) if other.headings else None
        links[rng.randrange(slots)].append(f"See {link(page, other, anchor, flavour, bool(number % 2))}.")
        used += len(other.title.split())  # "See" and the title, less its number
    for number in range(shape.external_links):
        text = phrase(rng, 2)
        url = f"{EXTERNAL[number % 2]}/{slug(text)}"
        links[rng.randrange(slots)].append(f"See [{text}]({url}).")
        used += 3  # "See" and the two words
    budget = max(0, shape.words - used)
    cuts = sorted(rng.randint(0, budget) for _ in range(slots - 1))
    parts: list[str] = []
    for slot, (start, end) in enumerate(zip([0, *cuts], [*cuts, budget], strict=True)):
        if slot:
            level, text = page.outline[slot - 1]
            parts.append(f"{'#' * level} {text}")
        section = prose(rng, end - start, links[slot])
        for block in blocks[slot]:
            section.insert(rng.randint(min(1, len(section)), len(section)), block)
        parts.extend(section)
    return "\n\n".join(parts) + "\n"


def realistic_vocabulary(profile: dict[str, Any], n: int) -> int:
    """The real vocabulary grown (or shrunk) to n pages by Heaps' law: vocabulary ~ words^b."""
    return max(len(WORDS), round(profile["vocabulary"] * (n / profile["pages"]) ** profile["heaps_exponent"]))


def front_matter(page: Page, rng: random.Random) -> str:
    tags = rng.sample(TAGS, rng.randint(1, 3))
    lines = [
        "---",
        f'sidebar_label: "{page.title}"',
        f'title: "{page.title}"',
        f'description: "{sentence(rng, 12)}"',
        f"keywords: [{', '.join(rng.sample(WORDS[:40], 3))}]",
        f"sidebar_position: {page.position}",
        f"tags: [{', '.join(tags)}]",
        f"hide_table_of_contents: {'true' if rng.random() < 0.1 else 'false'}",
        f"toc_max_heading_level: {rng.choice([2, 3, 4])}",
    ]
    if page.depth == 1 and page.folder_index:
        lines.append(f"sidebar_custom_props:\n  icon: {rng.choice(ICONS)}")
    if rng.random() < 0.05:
        lines.append(f'pagination_label: "{page.title} (short)"')
    # the rest of the keys, on some pages; slug, id and draft are left out because they change
    # URLs or the page set (which the links and the three builds must share): tests cover them
    extras = [
        (0.10, "image: /img/social-card.png"),
        (0.03, "hide_title: true"),
        (0.05, 'custom_edit_url: "https://example.com/edit"'),
        (0.10, "toc_min_heading_level: 2"),
        (0.01, "unlisted: true"),
        (0.05, f'metaTitle: "{page.title} | Docs"'),
        (0.05, "hideToC: false"),
        (0.03, "fullWidth: true"),
    ]
    lines.extend(line for chance, line in extras if rng.random() < chance)
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def write_site(n: int, out: Path, flavour: str = "ours", seed: int = 1, vocabulary: int = 0,
               realistic: bool = False) -> list[Page]:
    """Write the site; return its pages (``vocabulary``: that many words, Zipf-distributed).

    ``realistic``: pages shaped as the real ones in bench/corpus-profile.json, the prose with
    their Zipf exponent and (unless ``vocabulary`` says) their vocabulary scaled to n pages.
    """
    global VOCABULARY
    profile = json.loads(PROFILE.read_text(encoding="utf-8")) if realistic else {}
    if realistic:
        size = vocabulary or realistic_vocabulary(profile, n)
        VOCABULARY = Vocabulary.zipf(size, seed, profile["zipf_exponent"])
    else:
        VOCABULARY = Vocabulary.zipf(vocabulary, seed) if vocabulary else None
    rng = random.Random(seed)
    pages = plan_site(n, rng)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs" if flavour == "docusaurus" else out
    rngs = {page.path: random.Random(f"{seed}-{page.path}") for page in pages}
    shapes = {page.path: plan_page(page, profile, rngs[page.path]) for page in pages} if realistic else {}
    if realistic:
        (docs / IMAGE).parent.mkdir(parents=True, exist_ok=True)
        (docs / IMAGE).write_bytes(png())
    for page in pages:
        page_rng = rngs[page.path]
        if realistic:
            text = realistic_body(page, pages, page_rng, flavour, shapes[page.path])
        else:
            text = body(page, pages, page_rng, flavour)
        path = docs / f"{page.path}.md"
        if flavour == "docusaurus" and page.path == "index":
            path = docs / "index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if flavour == "stock":
            toctree = ""
            if page.children:
                entries = "\n".join(relative(page.path, c.path)[:-3] for c in page.children)
                toctree = f"\n```{{toctree}}\n:hidden:\n\n{entries}\n```\n"
            path.write_text(f"# {page.title}\n\n{text}{toctree}", encoding="utf-8")
        else:
            imports = ""
            if flavour == "docusaurus" and "<Tabs" in text:
                imports = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n"
            matter = front_matter(page, page_rng)
            if flavour == "docusaurus" and page.path == "index":
                matter = matter.replace("---\n", "---\nslug: /\n", 1)
            path.write_text(matter + imports + text, encoding="utf-8")
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--flavour", choices=["ours", "stock", "docusaurus"], default="ours")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--vocabulary", type=int, default=0,
                        help="draw prose from this many words, Zipf-distributed (0: the small fixed list; "
                             "with --realistic: the real vocabulary scaled to N pages)")
    parser.add_argument("--realistic", action="store_true",
                        help="pages shaped as the real ones measured in bench/corpus-profile.json")
    args = parser.parse_args()
    pages = write_site(args.n, args.out, args.flavour, args.seed, args.vocabulary, args.realistic)
    words = sum(len(p.read_text().split()) for p in args.out.rglob("*.md"))
    print(json.dumps({"pages": len(pages), "words": words, "out": str(args.out)}))


if __name__ == "__main__":
    main()
