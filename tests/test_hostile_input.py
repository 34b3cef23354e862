"""Hostile and broken input, one case per row: the build finishes, without a traceback, with
exactly the expected `file:line: WARNING: ... [docusaurus.<subtype>]` lines, every other page
unchanged, and what the author wrote still on the page (or the warning says it was left out).

Each case copies tests/roots/test-hostile, adds its files and builds. "Every other page
unchanged" compares the article and the head of the good pages with a build without the
case's files (the sidebar and prev/next of a page legitimately list a new neighbour).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, build_html, warnings_of
from frontmatter_schema_cases import wrong_type_cases

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

WARNING = re.compile(r"^(?P<path>.+?):(?P<line>\d+)?:? ?WARNING: (?P<message>.*) \[(?P<type>[\w.]+)\]$")
GOOD_PAGES = ["good/one/index.html", "good/two/index.html"]


@dataclasses.dataclass
class Case:
    id: str
    files: dict[str, bytes | str]
    warnings: list[tuple[str, int, str, str]]  # (file, line, type, a fragment of the message)
    kept: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (output page, text it shows)


def fm(body: str, front: str) -> str:
    return f"---\n{front}\n---\n\n{body}\n"


# What the YAML loader and the schema decide on their own (aliases, nesting, tags, dates, shapes, every key's
# wrong type) is unit-tested in tests/unit/test_frontmatter_{loader,schema}.py; here each warning subtype keeps
# at least one case, to prove the whole path through Sphinx (file:line, the page still built).
CASES = [
    Case("yaml-invalid", {"bad.md": fm("Body survives.", 'title: "unterminated')},
         [("bad.md", 2, "docusaurus.frontmatter_yaml", "invalid YAML")], [("bad/index.html", "Body survives.")]),
    Case("duplicate-keys", {"bad.md": fm("Twice body.", "title: First\ntitle: Second")},
         [("bad.md", 3, "docusaurus.frontmatter_duplicate", "delete one")], [("bad/index.html", "First")]),
    Case("unknown-key", {"bad.md": fm("Typo body.", "title: Typo\nsidebar_positon: 3")},
         [("bad.md", 3, "docusaurus.frontmatter_unknown", "did you mean 'sidebar_position'")],
         [("bad/index.html", "Typo body.")]),
    Case("bom", {"bad.md": b"\xef\xbb\xbf" + fm("Bom body.", "title: With BOM").encode()},
         [], [("bad/index.html", "With BOM"), ("bad/index.html", "Bom body.")]),
    Case("crlf", {"bad.md": fm("Crlf body.", "title: With CRLF\nsidebar_label: Crlf").replace("\n", "\r\n")},
         [], [("bad/index.html", "With CRLF"), ("bad/index.html", "Crlf body.")]),
    Case("not-utf8", {"bad.md": fm("caf\xe9 body", "title: Latin").encode("latin-1")},
         [("bad.md", 5, "docusaurus.source_encoding", "save it as UTF-8")]),
    Case("empty-file", {"bad.md": ""}, [], []),
    Case("front-matter-only", {"bad.md": "---\ntitle: Only Front Matter\n---\n"},
         [], [("bad/index.html", "Only Front Matter")]),
    Case("unterminated-fm", {"bad.md": "---\ntitle: Never closed\n\nBody after.\n"},
         [("bad.md", 1, "docusaurus.frontmatter_yaml", "never closed")], [("bad/index.html", "Body after.")]),
    Case("huge-title", {"bad.md": fm("Huge body.", "title: " + "T" * 10_000)},
         [], [("bad/index.html", "T" * 10_000)]),
    Case("nul-byte", {"bad.md": fm("Nul\x00 body.", "title: Nul")},
         [], [("bad/index.html", "body.")]),
    Case("unclosed-admonition", {"bad.md": fm("Before.\n\n:::note\n\nInside the note.\n", "title: Unclosed")},
         [("bad.md", 7, "docusaurus.admonition_closer", "never closed")], [("bad/index.html", "Inside the note.")]),
    Case("unclosed-tabs", {"bad.md": fm('<Tabs>\n\n<TabItem value="a" label="A">\n\nTab text.\n', "title: Tabs")},
         [("bad.md", 5, "docusaurus.component_unclosed", "<Tabs>"),
          ("bad.md", 7, "docusaurus.component_unclosed", "<TabItem>")],
         [("bad/index.html", "Tab text.")]),
    Case("missing-page-link", {"bad.md": fm("See [nothing](/good/nothing).", "title: Link")},
         [("bad.md", 5, "docusaurus.link_missing", "not a page of this site")], [("bad/index.html", "nothing")]),
    Case("missing-anchor-link", {"bad.md": fm("See [a part](/good/one#no-such-part).", "title: Anchor")},
         [("bad.md", 5, "docusaurus.link_missing", "no heading or anchor '#no-such-part'")],
         [("bad/index.html", "a part")]),
    Case("missing-image", {"bad.md": fm("![A chart](/no-such.png)", "title: Image")},
         [("bad.md", 5, "docusaurus.image_missing", "")], [("bad/index.html", "A chart")]),
    Case("same-slug", {"bad.md": fm("One.", "title: Slug A\nslug: /same"),
                       "bad2.md": fm("Two.", "title: Slug B\nslug: /same")},
         [("bad2.md", 3, "docusaurus.route_conflict", "")], [("same/index.html", "One.")]),
    Case("same-id", {"sub/bad.md": fm("One.", "title: Id A\nid: twin"),
                     "sub/bad2.md": fm("Two.", "title: Id B\nid: twin")},
         [("sub/bad2.md", 3, "docusaurus.route_conflict", "already used by")], [("sub/twin/index.html", "One.")]),
    Case("slug-traversal", {"bad.md": fm("Traversal.", "title: Up\nslug: /../../outside")},
         [], [("outside/index.html", "Traversal.")]),
    Case("slug-relative-traversal", {"sub/bad.md": fm("Relative.", "title: Up\nslug: ../../../outside-relative")},
         [], [("outside-relative/index.html", "Relative.")]),
    Case("pagination-target", {"bad.md": fm("Paged.", "title: Paged\npagination_next: no/such/page")},
         [("bad.md", 3, "docusaurus.pagination_target", "names no page")], [("bad/index.html", "Paged.")]),
    Case("unknown-icon", {"bad.md": fm("Icon body.", "title: Icon\nicon: not-an-icon")},
         [("bad.md", 3, "docusaurus.icon_unknown", "")], [("bad/index.html", "Icon body.")]),
    Case("odd-tags", {"bad.md": fm("Tagged.", 'title: Tags\ntags: ["with space", "a/b", "ünï cödé", "../../etc"]')},
         [], [("bad/index.html", "with space"), ("bad/index.html", "a/b"), ("bad/index.html", "ünï cödé")]),
    Case("partial-cycle", {
        "_partials/_loop-a.md": "---\npartial_category: loop\npartial_name: a\n---\n\nA says hi.\n\n"
                               '<PartialsComponent category="loop" name="b" />\n',
        "_partials/_loop-b.md": "---\npartial_category: loop\npartial_name: b\n---\n\nB says hi.\n\n"
                               '<PartialsComponent category="loop" name="a" />\n',
        "bad.md": fm('<PartialsComponent category="loop" name="a" />', "title: Cycle"),
    }, [("_partials/_loop-b.md", 8, "docusaurus.partial_missing", "includes itself")],
        [("bad/index.html", "A says hi."), ("bad/index.html", "B says hi.")]),
    Case("raw-script", {"bad.md": fm("<script>alert(1)</script>\n\nAfter.", "title: Script")},
         [("bad.md", 5, "docusaurus.html_disallowed", "<script>")], [("bad/index.html", "alert(1)")]),
    # a refused fragment shows its text, never its tags or attributes
    Case("raw-event-handler", {"bad.md": fm('<div onclick="steal()">Click me</div>', "title: Handler")},
         [("bad.md", 5, "docusaurus.html_disallowed", "onclick")], [("bad/index.html", "Click me")]),
    Case("raw-javascript-url", {"bad.md": fm('<img src="javascript:alert(1)" alt="A described picture" />',
                                             "title: Js img")},
         [("bad.md", 5, "docusaurus.html_disallowed", "img")], [("bad/index.html", "A described picture")]),
    # markdown-it itself refuses the URL: the link stays text, as written
    Case("markdown-javascript-link", {"bad.md": fm("[click](javascript:alert(1))", "title: Js link")},
         [], [("bad/index.html", "[click](javascript:alert(1))")]),
    # a frame becomes a link to what it would have shown (no request to another site, no warning)
    Case("raw-iframe", {"bad.md": fm('<iframe src="https://evil.example/"></iframe>', "title: Frame")},
         [], [("bad/index.html", "evil.example")]),
    Case("unknown-admonition", {"bad.md": fm(":::mystery\n\nMystery text.\n\n:::", "title: Mystery")},
         [("bad.md", 5, "docusaurus.admonition_unknown", "")], [("bad/index.html", "Mystery text.")]),
    Case("unknown-component", {"bad.md": fm("<Fancy>Fancy text.</Fancy>", "title: Fancy")},
         [("bad.md", 5, "docusaurus.component_unknown", "")], [("bad/index.html", "Fancy text.")]),
    *wrong_type_cases(Case, fm),
]


def build_case(tmp_path: Path, files: dict[str, bytes | str]) -> SphinxTestApp:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    for name, content in files.items():
        target = srcdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_bytes(content.encode("utf-8"))
        else:
            target.write_bytes(content)
    return build_html(srcdir)


def fingerprint(outdir: Path, page: str) -> str:
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "lxml")
    assert soup.head is not None, page
    head = [str(soup.title), *(str(m) for m in soup.head.find_all("meta"))]
    return "\n".join([*head, str(soup.select_one("article"))])


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    app = build_case(tmp_path_factory.mktemp("clean"), {})
    assert warnings_of(app) == []
    return {page: fingerprint(Path(app.outdir), page) for page in GOOD_PAGES}


def parsed_warnings(app) -> list[tuple[str, int, str, str]]:
    found = []
    srcdir = Path(app.srcdir).resolve()
    for line in warnings_of(app):
        match = WARNING.match(line)
        assert match, f"not in the file:line: WARNING: ... [type] form: {line}"
        path = Path(match["path"]).resolve()
        relative = path.relative_to(srcdir).as_posix() if path.is_relative_to(srcdir) else match["path"]
        found.append((relative, int(match["line"] or 0), match["type"], match["message"]))
    return found


def test_every_warning_subtype_goes_through_a_build():
    from docusaurus_compat.warning_types import DocusaurusWarning

    built = {kind.removeprefix("docusaurus.") for case in CASES for _, _, kind, _ in case.warnings}
    # site_config needs a whole Docusaurus site: tests/test_docusaurus_site_build.py builds one
    # (and tests/test_docusaurus_sites.py the shared ones) with that warning at its file and line
    assert built | {DocusaurusWarning.SITE_CONFIG.value} == {subtype.value for subtype in DocusaurusWarning}
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(tmp_path, clean, case):
    app = build_case(tmp_path, case.files)
    assert "Traceback" not in app.status.getvalue() + app.warning.getvalue()
    found = parsed_warnings(app)
    assert [(f, line, kind) for f, line, kind, _ in found] == [(f, line, kind) for f, line, kind, _ in case.warnings]
    for (_, _, _, message), (_, _, _, fragment) in zip(found, case.warnings, strict=True):
        assert fragment in message
        # each message tells the author what to do or what happened to the content
        assert re.search(r":|\(|use |add |fix |delete |save |put |check |replace |close", message), message
    outdir = Path(app.outdir)
    for page in GOOD_PAGES:
        assert fingerprint(outdir, page) == clean[page], page
    for page, text in case.kept:
        article = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "lxml")
        assert text in article.get_text(), (page, text)
    # nothing is written outside the output folder, whatever a slug or tag says
    assert not list(Path(app.outdir).parent.parent.glob("outside*"))
