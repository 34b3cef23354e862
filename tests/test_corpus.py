"""The real Palette pages (../shared/corpus/librarium) build with our conf.py and extension.

Built with exactly the command the README documents for an existing
Docusaurus tree: ``make html SOURCEDIR=... PARTIALSDIR=... BUILDDIR=...``.
"""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import one

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "librarium"
DOCS = CORPUS / "docs-content"
LEGACY = CORPUS / "content" / "docs" / "09.5-security"
PARTIALS = CORPUS / "_partials"
EXPECTED = Path(__file__).parent / "corpus_expected_warnings.txt"

pytestmark = [
    pytest.mark.site,
    pytest.mark.skipif(not DOCS.is_dir(), reason="../shared/corpus is not beside the checkout"),
]

WARNING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: .* \[(?P<type>[\w.]+)\]$")
LEAKS = {
    "admonition fence": re.compile(r"(^|\s):::"),
    "<Tabs": re.compile(r"<Tabs\b"),
    "<TabItem": re.compile(r"<TabItem\b"),
    "<PartialsComponent": re.compile(r"<PartialsComponent\b"),
    "import": re.compile(r"\bimport\s+[\w{}*,\s]+\s+from\s+['\"]"),
    "{props.": re.compile(r"\{props\."),
    "className=": re.compile(r"className="),
    "cards={": re.compile(r"cards=\{"),
    "JSX tag": re.compile(r"</?[A-Z][A-Za-z]+[\s/>]"),
}
ADMONITION = re.compile(r"^\s*:{3,}(note|tip|info|warning|caution|danger|preview|further)\b", re.M)
FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1", re.M | re.S)
PARTIAL_TAG = re.compile(r'<PartialsComponent\s+category="([^"]+)"\s+name="([^"]+)"')


def make_html(source: Path, builddir: Path, partials: Path = PARTIALS) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "html", f"SOURCEDIR={source}", f"PARTIALSDIR={partials}",
         f"BUILDDIR={builddir}"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )


def warnings_in(output: str, root: Path) -> set[str]:
    from sphinx.util.console import strip_colors

    found = set()
    for line in strip_colors(output).splitlines():
        match = WARNING_LINE.match(line)
        if match:
            path = Path(match["path"]).resolve().relative_to(root.resolve()).as_posix()
            found.add(f"{path}:{match['line']} [{match['type']}]")
    return found


def load_env(builddir: Path):
    sys.path.insert(0, str(REPO / "_ext"))
    with open(builddir / "html" / ".doctrees" / "environment.pickle", "rb") as handle:
        return pickle.load(handle)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    builddir = tmp_path_factory.mktemp("corpus")
    result = make_html(DOCS, builddir)
    return builddir, result


def test_exact_warnings(corpus):
    _builddir, result = corpus
    expected = {
        line.rsplit("]", 1)[0] + "]"
        for line in EXPECTED.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert warnings_in(result.stderr, DOCS) == expected
    assert "Traceback" not in result.stderr


def test_every_page_is_built(corpus):
    builddir, _result = corpus
    env = load_env(builddir)
    sources = {
        path.relative_to(DOCS).with_suffix("").as_posix()
        for path in DOCS.rglob("*") if path.suffix in (".md", ".mdx")
    }
    assert set(env.all_docs) == sources
    for docname in sources:
        route = env.docusaurus_site.routes.routes[docname]
        assert (builddir / "html" / route / "index.html").is_file(), docname


def _article_text(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    article = one(soup, "article")
    for code in article.select("pre, code"):
        code.decompose()
    return article.get_text(" ")


def test_nothing_leaks_into_the_text(corpus):
    builddir, _result = corpus
    leaks = []
    for page in sorted((builddir / "html").rglob("index.html")):
        text = _article_text(page)
        leaks += [f"{page.relative_to(builddir)}: {name}" for name, rx in LEAKS.items() if rx.search(text)]
    assert leaks == []


def _source_counts(path: Path, partials: dict[tuple[str, str], Path]) -> Counter:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    counts = Counter(
        admonitions=len(ADMONITION.findall(text)),
        tabs=len(re.findall(r"<TabItem\b", text)),
        dropdowns=len(re.findall(r"<details\b", text)),
    )
    for category, name in PARTIAL_TAG.findall(text):
        counts += _source_counts(partials[(category, name)], partials)
    return counts


def test_admonitions_tabs_and_dropdowns_all_arrive(corpus):
    builddir, _result = corpus
    env = load_env(builddir)
    partials = {}
    for path in PARTIALS.rglob("*.mdx"):
        head = path.read_text(encoding="utf-8")
        category = re.search(r"^partial_category:\s*(\S+)", head, re.M)
        name = re.search(r"^partial_name:\s*(\S+)", head, re.M)
        assert category and name, f"{path}: no partial_category or partial_name"
        partials[(category[1], name[1])] = path
    total: Counter[str] = Counter()
    for docname in env.all_docs:
        source = env.doc2path(docname)
        expected = _source_counts(Path(source), partials)
        soup = BeautifulSoup(
            (builddir / "html" / env.docusaurus_site.routes.routes[docname] / "index.html").read_text(), "lxml"
        )
        article = one(soup, "article")
        found = Counter(
            admonitions=len(article.select("div.admonition")),
            tabs=len(article.select("div.sd-tab-set > input")),
            dropdowns=len(article.select("details.sd-dropdown")),
        )
        assert found == expected, docname
        total += found
    assert total["admonitions"] >= 30 and total["tabs"] >= 20 and total["dropdowns"] >= 3


@pytest.mark.parametrize(("folder", "name"), [(LEGACY, "legacy"), (PARTIALS, "partials")])
def test_old_style_pages_and_partials_build_clean(tmp_path, folder, name):
    result = make_html(folder, tmp_path / name)
    assert result.returncode == 0, result.stderr
    assert warnings_in(result.stderr, folder) == set()
    pages = [p for p in folder.rglob("*") if p.suffix in (".md", ".mdx")]
    built = [p for p in (tmp_path / name / "html").rglob("index.html")
             if p.parent.name not in ("search", "genindex") and "tags" not in p.parts]
    assert len(built) == len(pages)
    for page in built:
        text = _article_text(page)
        assert not [leak for leak, rx in LEAKS.items() if rx.search(text)], page
