"""Measure a folder of Docusaurus Markdown pages: what a page holds, and how its words are spread.

    python bench/corpus_profile.py FOLDER [--json OUT] [--exclude GLOB ...]

Every ``.md``/``.mdx`` file below FOLDER is a page, except files whose path has a part
starting with ``_`` or ``.``: Docusaurus does not route those (``_partials/``, ``_foo.mdx``),
and a partial's text reaches readers only through the pages that include it, so partials
are skipped, not measured separately. ``--exclude`` skips more (globs relative to FOLDER,
e.g. a ``SOURCES.md`` that describes the folder).

A page is read the way MDX reads it (markdown-it: CommonMark and tables, no indented code,
``:::type`` admonitions, ``import``/``export`` lines dropped, and the Markdown between the
tag lines of a JSX block read as Markdown). The front matter is not counted. Per page:
characters, prose words (outside code, alt texts and tags), headings (h2, h3, h4), tables
and their body rows, fenced code blocks and their lines, admonitions, ``<Tabs>`` and their
``<TabItem>`` s, list items, Markdown links (internal: no URL scheme; external: a scheme),
images (Markdown and ``<img>``) and the lower-cased words of the prose. The folder's profile
holds the per-page values (lists aligned by page), the sizes of each table, code block, Tabs
and list, their distributions, the vocabulary, and the exponents of Zipf's law (frequency
against rank) and Heaps' law (vocabulary against words read) fitted by least squares.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

MEASURES = {
    "chars": "Characters",
    "words": "Words (prose)",
    "h2": "H2 headings",
    "h3": "H3 headings",
    "h4": "H4 headings",
    "tables": "Tables",
    "table_rows": "Table rows",
    "code_blocks": "Code blocks",
    "code_lines": "Code lines",
    "admonitions": "Admonitions",
    "tabs": "Tabs blocks",
    "tab_items": "Tab items",
    "list_items": "List items",
    "internal_links": "Internal links",
    "external_links": "External links",
    "images": "Images",
}
ITEMS = {
    "rows_per_table": "Rows per table",
    "lines_per_code_block": "Lines per code block",
    "items_per_tabs": "Items per Tabs",
    "items_per_list": "Items per list",
}
STATS = ("min", "p10", "median", "p90", "max", "mean")
ZIPF_TOP = 1000  # ranks fitted: below them most words occur once or twice, and the curve flattens

WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")  # "don't" is one word, curly or not
SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
ESM = re.compile(r"^(?:import|export)\s")
TAG_LINE = re.compile(r"\s*(?:<[^<>]*>\s*)+")
TAG = re.compile(r"<(/?)([A-Za-z][\w.]*)[^<>]*?(/?)>")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.disable("code")  # MDX has no indented code blocks: indented text in JSX is Markdown
    container_plugin(md, "admonition", validate=lambda params, *_: bool(re.match(r"[a-z]", params.strip())))
    return md


PARSER = _parser()


@dataclass
class PageCounts:
    """What one page holds."""

    counts: Counter[str] = field(default_factory=Counter)
    items: dict[str, list[int]] = field(default_factory=lambda: {name: [] for name in ITEMS})
    vocabulary: Counter[str] = field(default_factory=Counter)
    tokens: list[str] = field(default_factory=list)  # the prose words in reading order (Heaps' law)
    open_tabs: list[int] = field(default_factory=list)  # TabItems so far of each open <Tabs>

    def words(self, text: str) -> None:
        found = [w.lower() for w in WORD.findall(text)]
        self.counts["words"] += len(found)
        self.vocabulary.update(found)
        self.tokens.extend(found)

    def tags(self, html: str) -> None:
        for closing, name, self_closing in TAG.findall(html):
            if name == "img" and not closing:
                self.counts["images"] += 1
            elif name == "Tabs" and closing and self.open_tabs:
                self.items["items_per_tabs"].append(self.open_tabs.pop())
            elif name == "Tabs" and not self_closing:
                self.counts["tabs"] += 1
                self.open_tabs.append(0)
            elif name == "TabItem" and not closing and self.open_tabs:
                self.counts["tab_items"] += 1
                self.open_tabs[-1] += 1


def strip_front_matter(text: str) -> str:
    """The page without its leading ``---`` block."""
    if text.startswith("---\n"):
        end = text.find("\n---", 3)
        if end != -1:
            newline = text.find("\n", end + 4)
            return text[newline + 1:] if newline != -1 else ""
    return text


def measure_page(text: str) -> PageCounts:
    """Count what one page's source holds (front matter left out)."""
    body = strip_front_matter(text.replace("\r\n", "\n"))
    page = PageCounts()
    page.counts["chars"] = len(body)
    _walk(PARSER.parse(body), page)
    return page


def _walk(tokens: Sequence[Token], page: PageCounts) -> None:
    counts = page.counts
    lists: list[int] = []
    rows = 0
    in_body = False
    for token in tokens:
        kind = token.type
        if kind == "heading_open" and token.tag in ("h2", "h3", "h4"):
            counts[token.tag] += 1
        elif kind == "table_open":
            rows = 0
        elif kind in ("tbody_open", "tbody_close"):
            in_body = kind == "tbody_open"
        elif kind == "tr_open" and in_body:
            rows += 1
        elif kind == "table_close":
            counts["tables"] += 1
            counts["table_rows"] += rows
            page.items["rows_per_table"].append(rows)
        elif kind == "fence":
            lines = len(token.content.splitlines())
            counts["code_blocks"] += 1
            counts["code_lines"] += lines
            page.items["lines_per_code_block"].append(lines)
        elif kind == "container_admonition_open":
            counts["admonitions"] += 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(0)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            page.items["items_per_list"].append(lists.pop())
        elif kind == "list_item_open":
            counts["list_items"] += 1
            lists[-1] += 1
        elif kind == "html_block":
            _jsx_block(token.content, page)
        elif kind == "inline" and not (token.level == 1 and ESM.match(token.content)):
            _inline(token.children or [], page)


def _jsx_block(content: str, page: PageCounts) -> None:
    """Tag lines are tags; the lines between them are Markdown, as MDX reads a JSX block."""
    lines = content.splitlines()
    if not lines or not TAG_LINE.fullmatch(lines[0]):
        return  # a tag spread over lines (props, not prose), or raw HTML
    markdown: list[str] = []
    for line in lines:
        if TAG_LINE.fullmatch(line):
            _markdown(markdown, page)
            markdown = []
            page.tags(line)
        else:
            markdown.append(line)
    _markdown(markdown, page)


def _markdown(lines: list[str], page: PageCounts) -> None:
    if lines:
        _walk(PARSER.parse(textwrap.dedent("\n".join(lines))), page)


def _inline(children: Iterable[Token], page: PageCounts) -> None:
    for child in children:
        if child.type == "text":
            page.words(child.content)
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            page.counts["external_links" if SCHEME.match(href) else "internal_links"] += 1
        elif child.type == "image":
            page.counts["images"] += 1
        elif child.type == "html_inline":
            page.tags(child.content)


def page_files(folder: Path, exclude: Sequence[str] = ()) -> list[Path]:
    """The pages below ``folder``, sorted (partials, hidden files and ``exclude`` globs left out)."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.suffix not in (".md", ".mdx") or not path.is_file():
            continue
        if any(part.startswith(("_", ".")) for part in relative.parts):
            continue
        if any(fnmatch(relative.as_posix(), pattern) for pattern in exclude):
            continue
        found.append(path)
    return sorted(found)


def quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def distribution(values: Sequence[float]) -> dict[str, float]:
    """min, p10, median, p90, max and mean (all 0 for no values)."""
    if not values:
        return dict.fromkeys(STATS, 0.0)
    ordered = sorted(values)
    return {
        "min": ordered[0], "p10": quantile(ordered, 0.1), "median": quantile(ordered, 0.5),
        "p90": quantile(ordered, 0.9), "max": ordered[-1], "mean": sum(ordered) / len(ordered),
    }


def least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0


def zipf_exponent(vocabulary: Counter[str], top: int = ZIPF_TOP) -> float:
    """s in frequency ~ rank^-s, fitted over the ``top`` most frequent words."""
    frequencies = sorted(vocabulary.values(), reverse=True)[:top]
    if len(frequencies) < 2:
        return 0.0
    ranks = [math.log(rank) for rank in range(1, len(frequencies) + 1)]
    return -least_squares_slope(ranks, [math.log(f) for f in frequencies])


def heaps_exponent(tokens: Sequence[str], points: int = 30) -> float:
    """b in vocabulary ~ words^b, fitted over ``points`` checkpoints spaced evenly in log(words)."""
    if len(tokens) < 200:
        return 0.0
    marks = sorted({round(math.exp(math.log(100) + i * math.log(len(tokens) / 100) / (points - 1)))
                    for i in range(points)})
    seen: set[str] = set()
    xs, ys = [], []
    for read, token in enumerate(tokens, start=1):
        seen.add(token)
        if read in marks:
            xs.append(math.log(read))
            ys.append(math.log(len(seen)))
    return least_squares_slope(xs, ys)


def profile_pages(pages: Sequence[PageCounts]) -> dict[str, Any]:
    """The profile of a set of measured pages (JSON-ready: numbers only)."""
    per_page = {name: [page.counts[name] for page in pages] for name in MEASURES}
    per_item = {name: [size for page in pages for size in page.items[name]] for name in ITEMS}
    vocabulary: Counter[str] = Counter()
    for page in pages:
        vocabulary.update(page.vocabulary)
    summary = {name: {k: round(v, 2) for k, v in distribution(values).items()}
               for name, values in {**per_page, **per_item}.items()}
    return {
        "pages": len(pages),
        "tokens": sum(vocabulary.values()),
        "vocabulary": len(vocabulary),
        "zipf_exponent": round(zipf_exponent(vocabulary), 3),
        "heaps_exponent": round(heaps_exponent([t for page in pages for t in page.tokens]), 3),
        "summary": summary,
        "per_page": per_page,
        "per_item": per_item,
    }


def profile_folder(folder: Path, exclude: Sequence[str] = ()) -> dict[str, Any]:
    """Measure every page below ``folder`` (see the module docstring for what counts as a page)."""
    return profile_pages([measure_page(p.read_text(encoding="utf-8")) for p in page_files(folder, exclude)])


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.1f}"


def profile_table(profile: dict[str, Any]) -> str:
    """The profile as a Markdown table, one row per measure, then the vocabulary figures."""
    lines = ["| Measure | " + " | ".join(STATS) + " |", "| --- |" + " ---: |" * len(STATS)]
    for name, label in {**MEASURES, **ITEMS}.items():
        stats = profile["summary"][name]
        lines.append(f"| {label} | " + " | ".join(_number(stats[k]) for k in STATS) + " |")
    lines += [
        "",
        f"{profile['pages']} pages, {profile['tokens']:,} prose words, vocabulary {profile['vocabulary']:,} words, "
        f"Zipf exponent {profile['zipf_exponent']:.2f} (top {ZIPF_TOP} ranks), "
        f"Heaps exponent {profile['heaps_exponent']:.2f}.",
    ]
    return "\n".join(lines)


def profile_section(real: dict[str, Any], generated: dict[str, Any],
                    source: str = "the Palette docs (`../shared/corpus/librarium`)") -> str:
    """A bench/results.md section: the real pages' (from ``source``) and the generated pages' side by side."""
    columns = ("median", "p90", "max")
    lines = [
        "## Corpus: real pages and generated pages",
        "",
        f"Real: {real['pages']} pages of {source}; generated: "
        f"{generated['pages']} pages of `bench/corpus.py --realistic`, whose pages draw their shape from "
        "`bench/corpus-profile.json` (the real pages' figures). Both measured by `bench/corpus_profile.py`.",
        "",
        "| Per page | " + " | ".join(f"Real {c}" for c in columns) + " | "
        + " | ".join(f"Generated {c}" for c in columns) + " |",
        "| --- |" + " ---: |" * (2 * len(columns)),
    ]
    for name, label in {**MEASURES, **ITEMS}.items():
        cells = [_number(p["summary"][name][c]) for p in (real, generated) for c in columns]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    blank = " | ".join(["\u2013"] * (len(columns) - 1))
    for label, key, fmt in (("Vocabulary (distinct words)", "vocabulary", "{:,}"),
                            ("Zipf exponent", "zipf_exponent", "{:.2f}"),
                            ("Heaps exponent", "heaps_exponent", "{:.2f}")):
        lines.append(f"| {label} | {fmt.format(real[key])} | {blank} | {fmt.format(generated[key])} | {blank} |")
    return "\n".join(lines) + "\n"


def to_json(profile: dict[str, Any]) -> str:
    """The profile as JSON with each list and each measure's figures on one line (a short, readable diff)."""
    text = json.dumps(profile, indent=1)
    return re.sub(r"([\[{])\s+([^\[\]{}]*?)\s+([\]}])", lambda m: m[1] + " ".join(m[2].split()) + m[3], text) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", type=Path, help="write the profile here (bench/corpus-profile.json)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip these files (relative to FOLDER); may be given more than once")
    args = parser.parse_args()
    profile = profile_folder(args.folder, args.exclude)
    if not profile["pages"]:
        parser.error(f"no pages below {args.folder}")
    print(profile_table(profile))
    if args.json:
        args.json.write_text(to_json(profile), encoding="utf-8")


if __name__ == "__main__":
    main()
