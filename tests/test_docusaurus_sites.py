"""Whole Docusaurus sites (``make html SITE=...``): the three real sites in ../shared/corpus/docusaurus-sites.

Each is built once, as an author would build it, and checked for what its readers see:
every page of every version at its Docusaurus URL (``tests/sites/<site>/urls.txt``), the
sidebars in the site's order (``sidebars.txt``), prev/next following them, every imported
Markdown file's text on the page that imports it, no MDX or JSX left as text, and exactly
the warnings ``warnings.txt`` lists, each with its reason. ``python tests/sites/site_facts.py
<site>`` rewrites the first two after a reviewed change of behaviour.
"""

from __future__ import annotations

import itertools
import posixpath
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sites.site_facts import (
    HERE,
    SITE_DIRS,
    SITES,
    build,
    load_model,
    out_dir,
    read_expected_warnings,
    sidebar_lines,
    urls,
    warning_keys,
)

pytestmark = [
    pytest.mark.site,
    pytest.mark.skipif(not SITES.is_dir(), reason="../shared/corpus/docusaurus-sites is not beside the checkout"),
]

NAMES = sorted(SITE_DIRS)
_IMPORT = re.compile(r"""^import\s+(\w+)\s+from\s+['"](\.[^'"]+\.mdx?)['"];?\s*$""", re.MULTILINE)
# a component tag with attributes or self-closed, a closing tag, an ESM line (a type such as
# ReadableStream<R>, written &lt;R&gt; in the source, is text)
_RAW_JSX = re.compile(
    r"<[A-Z][A-Za-z]+(?:\s+\w+=|\s*/>)|</[A-Z][A-Za-z]{2,}>|^\s*(?:import|export)\s.+\bfrom\s+['\"]",
    re.MULTILINE,
)


class Built:
    def __init__(self, name: str, builddir: Path) -> None:
        self.name = name
        self.result = build(name, builddir)
        self.out = out_dir(name, builddir) / "html"
        self.env, self.model = load_model(name, builddir)
        self.site_root = SITES / SITE_DIRS[name].split("/")[0]

    def page(self, route: str) -> BeautifulSoup:
        path = self.out / route.strip("/") / "index.html" if route.strip("/") else self.out / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module", params=NAMES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(request.param, tmp_path_factory.mktemp(request.param))


def expected(name: str, file: str) -> list[str]:
    return (HERE / name / file).read_text(encoding="utf-8").splitlines()


def test_every_page_of_every_version_is_at_its_docusaurus_url(site: Built) -> None:
    assert urls(site.model) == expected(site.name, "urls.txt")
    for route in urls(site.model):
        assert (site.out / route.strip("/") / "index.html").is_file() or route == "/", route


def test_urls_follow_the_rules_docusaurus_documents(site: Built) -> None:
    found = set(urls(site.model))
    if site.name == "jest":
        # versions.json lists 30.4 first: the last version is served at /docs/, the docs folder
        # ("current") at /docs/next/, each older version at /docs/<name>/; `id:` names the page
        assert {"/docs/getting-started/", "/docs/next/getting-started/", "/docs/29.7/getting-started/"} <= found
        assert {"/docs/cli/", "/docs/next/cli/"} <= found  # CLI.md with `id: cli`
    elif site.name == "react-redux":
        # routeBasePath "/", no versions.json: versioned_docs/ is not built; include globs apply
        assert "/api/provider/" in found and not any("version" in url for url in found)
    else:
        # lastVersion names a version the copy lacks, so versions.json's v7 is the last (at the root),
        # and the current docs, labelled v9, are at /next/
        assert {"/", "/next/", "/cli/commands/add/", "/next/cli/commands/add/"} <= found


def test_underscore_files_are_never_pages(site: Built) -> None:
    partials = [path for path in site.site_root.rglob("_*.md*") if path.name != "_category_.json"]
    assert all("/_" not in url for url in urls(site.model))
    assert not any(site.env.path2doc(str(path)) in site.env.all_docs for path in partials)
    if site.name == "jest":
        assert partials  # the site has such files: the test has something to check


def test_the_sidebars_are_the_sites_in_its_order(site: Built) -> None:
    assert sidebar_lines(site.model) == expected(site.name, "sidebars.txt")


def test_prev_and_next_follow_the_sidebar(site: Built) -> None:
    checked = 0
    for (version, name), sidebar in site.model.sidebars.items():
        pages = [item.docname for item in sidebar.items.values() if item.is_page]
        order = [doc for doc in _reading_order(sidebar) if site.model.sidebar_of.get(doc) == (version, name)]
        assert set(order) <= set(pages)
        for current, following in itertools.pairwise(order):
            route = site.model.routes.routes[current]
            link = site.page(route).select_one(".related-pages a.next-page")
            assert link is not None, route
            target = posixpath.normpath(posixpath.join("/" + route, str(link["href"]))) + "/"
            assert target == "/" + site.model.routes.routes[following], (route, link["href"])
            checked += 1
    assert checked > 10


def _reading_order(sidebar) -> list[str]:
    order: list[str] = []

    def walk(key: str) -> None:
        for child in sidebar.items[key].children:
            if sidebar.items[child].is_page:
                order.append(child)
            walk(child)

    walk(sidebar.root)
    return order


def test_imported_markdown_shows_on_its_host_page(site: Built) -> None:
    shown = 0
    for docname in sorted(site.env.all_docs):
        source = Path(site.env.doc2path(docname))
        if not source.is_file():
            continue
        for _name, specifier in _IMPORT.findall(source.read_text(encoding="utf-8")):
            imported = (source.parent / specifier).resolve()
            # the imported file's first line of prose, as the reader should see it
            prose = next(line.strip() for line in imported.read_text(encoding="utf-8").splitlines()
                         if re.match(r"^[A-Z][\w ,']{20,}", line.strip()))
            article = site.page(site.model.routes.routes[docname]).select_one("article")
            assert article is not None, docname
            assert " ".join(prose.split()[:6]) in " ".join(article.get_text(" ").split()), (docname, specifier)
            shown += 1
    if site.name == "jest":
        assert shown >= 20


def test_no_mdx_or_jsx_is_left_as_text(site: Built) -> None:
    for route in urls(site.model):
        article = site.page(route).select_one("article")
        text = "\n".join(
            element.get_text() for element in article.find_all(string=True)
            if not element.find_parent(["pre", "code"])
        ) if article else ""
        assert not _RAW_JSX.search(text), (route, _RAW_JSX.search(text))


def test_the_warnings_are_the_expected_ones(site: Built) -> None:
    found = [(path, line, kind) for path, line, kind, _message in warning_keys(
        site.result.stdout + site.result.stderr, site.site_root)]
    rows = read_expected_warnings(HERE / site.name / "warnings.txt")
    listed = [(path, line, kind) for path, line, kind, _reason in rows]
    assert found == listed


def test_the_sites_broken_link_policy_decides_the_exit_status(site: Built) -> None:
    # capacitor's onBrokenLinks is 'throw' and its pages have broken links: the build fails, as
    # Docusaurus's would, after writing every page; jest's is 'warn'; react-redux has none
    if site.name == "capacitor":
        assert site.result.returncode != 0
        assert "policy (onBrokenLinks/onBrokenAnchors) is 'throw'" in site.result.stderr + site.result.stdout
    else:
        assert site.result.returncode == 0, site.result.stderr[-2000:]


def test_livehtml_serves_the_site_from_its_source_folder() -> None:
    # `make -n`: the command `make livehtml SITE=...` runs, without serving anything
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "livehtml", f"SITE={SITES / SITE_DIRS['capacitor']}"],
        cwd=HERE.parents[1], capture_output=True, text=True, check=True,
    )
    assert "sphinx-autobuild" in result.stdout and f'--watch "{SITES / "capacitor"}"' in result.stdout
    assert "site_files srcdir" in result.stdout and "_build/capacitor/livehtml" in result.stdout
