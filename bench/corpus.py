"""Generate a synthetic documentation site of N pages, in three flavours.

    python bench/corpus.py N OUT [--flavour ours|stock|docusaurus] [--seed 1]

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
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

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
    headings: list[str] = field(default_factory=list)
    children: list[Page] = field(default_factory=list)


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
    """Words drawn as real prose draws them: a few very common, a long tail of rare ones (Zipf, s=1)."""

    words: list[str]
    cumulative: list[float]

    @classmethod
    def zipf(cls, size: int, seed: int) -> Vocabulary:
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
            total += 1 / rank
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


def relative(from_doc: str, to_doc: str) -> str:
    a = from_doc.split("/")[:-1]
    b = to_doc.split("/")
    common = 0
    while common < len(a) and common < len(b) - 1 and a[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(a) - common) + b[common:]) + ".md"


def route(page: Page) -> str:
    if page.path == "index":
        return "/"
    if page.folder_index:
        return "/" + page.path.rsplit("/", 1)[0]
    return "/" + page.path


def slug(heading: str) -> str:
    return heading.lower().replace(" ", "-")


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
        if flavour == "stock":
            link = f"[{other.title}]({relative(page.path, other.path)}#{slug(anchor)})"
        elif number % 2:
            link = f"[{other.title}]({route(other)}#{slug(anchor)})"
        else:
            link = f"[{other.title}]({relative(page.path, other.path)}#{slug(anchor)})"
        parts.append(chunk + f" See {link}.")
        words += len(chunk.split())
        kind = number % 4
        if kind == 0:
            rows = "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} | {sentence(rng, 6)} |" for _ in range(4))
            parts.append("| Name | Value | Notes |\n| --- | --- | --- |\n" + rows)
        elif kind == 1:
            lang = rng.choice(LANGS)
            if lang == "yaml":
                code = "\n".join(f"{rng.choice(WORDS)}: {rng.randint(1, 9)}" for _ in range(6))
            else:
                code = "\n".join(f"export {rng.choice(WORDS).upper()}={rng.randint(1, 9)}" for _ in range(6))
            if flavour == "stock":
                parts.append(
                    f"```{{code-block}} {lang}\n:caption: example.{lang}\n:emphasize-lines: 2,4\n\n{code}\n```"
                )
            else:
                parts.append(f'```{lang} title="example.{lang}" {{2,4}}\n{code}\n```')
        elif kind == 2:
            kind_name = rng.choice(["note", "tip", "warning", "info", "danger"])
            text = sentence(rng, 14)
            if flavour == "stock":
                parts.append(f":::{{{'note' if kind_name == 'info' else kind_name}}}\n{text}\n:::")
            else:
                parts.append(f":::{kind_name}\n\n{text}\n\n:::")
        else:
            a, b = sentence(rng, 10), sentence(rng, 10)
            if flavour == "stock":
                parts.append(
                    f"::::{{tab-set}}\n:::{{tab-item}} First\n:sync: first\n\n{a}\n:::\n"
                    f":::{{tab-item}} Second\n:sync: second\n\n{b}\n:::\n::::"
                )
            else:
                parts.append(
                    f'<Tabs groupId="demo">\n<TabItem value="first" label="First" default>\n\n{a}\n\n'
                    f'</TabItem>\n<TabItem value="second" label="Second">\n\n{b}\n\n</TabItem>\n</Tabs>'
                )
    while words < target_words:
        chunk = paragraph(rng)
        parts.append(chunk)
        words += len(chunk.split())
    return "\n\n".join(parts) + "\n"


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


def write_site(n: int, out: Path, flavour: str = "ours", seed: int = 1, vocabulary: int = 0) -> list[Page]:
    """Write the site; return its pages (``vocabulary``: that many words, Zipf-distributed)."""
    global VOCABULARY
    VOCABULARY = Vocabulary.zipf(vocabulary, seed) if vocabulary else None
    rng = random.Random(seed)
    pages = plan_site(n, rng)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs" if flavour == "docusaurus" else out
    for page in pages:
        page_rng = random.Random(f"{seed}-{page.path}")
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
                        help="draw prose from this many words, Zipf-distributed (0: the small fixed list)")
    args = parser.parse_args()
    pages = write_site(args.n, args.out, args.flavour, args.seed, args.vocabulary)
    words = sum(len(p.read_text().split()) for p in args.out.rglob("*.md"))
    print(json.dumps({"pages": len(pages), "words": words, "out": str(args.out)}))


if __name__ == "__main__":
    main()
