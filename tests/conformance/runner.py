"""Builds the conformance vectors through the extension and compares with what Docusaurus does.

One Sphinx build a category, one page a case (``tests/conformance/README.md`` has the
data format). A case agrees when the built page shows what the vector says Docusaurus
shows; :func:`run` returns every case's outcome. ``python tests/conformance/runner.py``
prints the agreement table; ``tests/test_conformance.py`` gates it.
"""

from __future__ import annotations

import dataclasses
import io
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "_ext"))
sys.path.insert(0, str(REPO / "tests"))

from sphinx.testing.util import SphinxTestApp  # noqa: E402

from docusaurus_compat.page_sources import front_matter  # noqa: E402

try:
    from docusaurus_compat.dialect.admonitions import ADMONITIONS
except ImportError:  # an older checkout, measured for the before/after table
    class _Fallback:
        _names = ("note", "tip", "info", "warning", "caution", "danger", "secondary", "important", "success")

        def names(self) -> tuple[str, ...]:
            return self._names

        def rendered_type(self, name: str) -> str:
            return name

        def default_title(self, name: str) -> str:
            return name.capitalize()

    ADMONITIONS = _Fallback()  # type: ignore[assignment]

CATEGORIES = ("frontmatter", "admonitions", "heading_ids", "code_blocks")
THRESHOLD = 0.97

CONF = f"""
import sys
sys.path.insert(0, {str(REPO / "_ext")!r})
extensions = ["docusaurus_compat"]
html_theme = "furo"
templates_path = [{str(REPO / "_templates")!r}]
myst_enable_extensions = ["colon_fence", "deflist", "strikethrough", "tasklist", "attrs_inline"]
myst_heading_anchors = 6
myst_heading_slug_func = "github"
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header", "toc.not_included"]
smartquotes = False
"""

_FRONT_MATTER_PROBLEMS = ("frontmatter_yaml", "frontmatter_type", "frontmatter_duplicate")


@dataclasses.dataclass
class Outcome:
    """One case: whether we agree, and what we did where we do not."""

    category: str
    case_id: str
    agrees: bool
    detail: str = ""


def load_cases(category: str) -> list[dict[str, Any]]:
    """The cases of one category, as written in ``<category>.yaml``."""
    with open(HERE / f"{category}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


def load_deviations() -> dict[str, str]:
    """case id -> why we keep disagreeing with Docusaurus on it."""
    path = HERE / "deviations.yaml"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return {entry["id"]: entry["reason"] for entry in yaml.safe_load(handle) or []}


# --- building -----------------------------------------------------------------------------


@dataclasses.dataclass
class Built:
    app: SphinxTestApp
    warnings: dict[str, list[str]]

    def doctree(self, docname: str) -> nodes.document:
        return self.app.env.get_doctree(docname)

    def html(self, docname: str) -> str:
        """The page as written (pretty URLs: ``name/index.html``)."""
        outdir = Path(self.app.outdir)
        path = outdir / "index.html" if docname == "index" else outdir / docname / "index.html"
        return path.read_text(encoding="utf-8")

    def all_warnings(self) -> list[str]:
        return [line for lines in self.warnings.values() for line in lines if "WARNING" in line]


def build(pages: dict[str, str], extra_conf: str = "", index: bool = True) -> Built:
    """Build ``{docname: Markdown}`` with the extension; warnings grouped by docname.

    ``index``: add a root page whose hidden toctree lists every page (else the tree is as given).
    The caller cleans up with ``built.app.cleanup()``.
    """
    root = Path(tempfile.mkdtemp(prefix="conformance-"))
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF + extra_conf, encoding="utf-8")
    if index:
        # files whose name starts with "_" are partials, never pages (as in Docusaurus)
        toctree = "\n".join(sorted(name for name in pages if not name.rsplit("/", 1)[-1].startswith("_")))
        root_page = f"---\ntitle: Conformance\n---\n\n# Conformance\n\n```{{toctree}}\n:hidden:\n\n{toctree}\n```\n"
        (src / "index.md").write_text(root_page, encoding="utf-8")
    for name, text in pages.items():
        (src / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    # SphinxTestApp, not Sphinx: its cleanup() unregisters the nodes and directives a build
    # adds to docutils, so other tests in this process build as if alone
    app = SphinxTestApp("html", srcdir=src, builddir=root / "_build", freshenv=True,
                        status=io.StringIO(), warning=warnings)
    app.build()
    grouped: dict[str, list[str]] = {}
    for line in warnings.getvalue().splitlines():
        match = re.search(r"/src/([^/:]+)\.md", line)
        grouped.setdefault(match.group(1) if match else "", []).append(line)
    return Built(app, grouped)


def _name(index: int) -> str:
    return f"case{index:04d}"


# --- front matter ---------------------------------------------------------------------------


def _front_matter_page(case: dict[str, Any]) -> str:
    return f"---\n{case['input'].rstrip()}\n---\n\n# Case\n\nBody.\n"


def _js_equal(ours: Any, theirs: Any) -> bool:
    if isinstance(theirs, float) and isinstance(ours, (int, float)) and not isinstance(ours, bool):
        return float(ours) == theirs
    if isinstance(theirs, dict) and isinstance(ours, dict):
        return set(ours) == set(theirs) and all(_js_equal(ours[key], theirs[key]) for key in theirs)
    if isinstance(theirs, list) and isinstance(ours, list):
        return len(ours) == len(theirs) and all(map(_js_equal, ours, theirs))
    if ours == theirs and type(ours) is type(theirs):
        return True
    return isinstance(ours, str) and not isinstance(theirs, (bool, type(None))) and ours == str(theirs)


def _tag_labels(value: Any) -> Any:
    """Docusaurus keeps tag objects; the extension keeps their labels."""
    if isinstance(value, list):
        return [item["label"] if isinstance(item, dict) and "label" in item else item for item in value]
    return value


def check_front_matter(case: dict[str, Any], built: Built, name: str) -> tuple[bool, str]:
    problems = [line for line in built.warnings.get(name, []) if any(kind in line for kind in _FRONT_MATTER_PROBLEMS)]
    if case["valid"] and problems:
        return False, "refused: " + problems[0].split("WARNING: ", 1)[-1]
    if not case["valid"] and not problems:
        return False, "accepted"
    if case["valid"] and case.get("expect"):
        values = front_matter(_front_matter_page(case)).values
        for key, expected in case["expect"].items():
            if key not in values:
                continue  # a key the extension reads differently (its checked value is elsewhere)
            theirs = _tag_labels(expected) if key == "tags" else expected
            if not _js_equal(values[key], theirs):
                return False, f"{key}: {values[key]!r}, Docusaurus {expected!r}"
    return True, ""


# --- admonitions ----------------------------------------------------------------------------


def _admonition_type(node: nodes.Element) -> str:
    for name in node["classes"]:
        if name in ADMONITIONS.names():
            return ADMONITIONS.rendered_type(name)
    return "?"


def _page_text(doctree: nodes.document) -> str:
    return " ".join(doctree.astext().split())


def check_admonition(case: dict[str, Any], built: Built, name: str) -> tuple[bool, str]:
    doctree = built.doctree(name)
    found = [
        node for node in doctree.findall(nodes.admonition)
        if "docusaurus-admonition" in node["classes"]
    ]
    expected = case.get("admonitions") or []
    if len(found) != len(expected):
        return False, f"{len(found)} admonitions, Docusaurus {len(expected)}"
    for node, want in zip(found, expected, strict=True):
        kind = _admonition_type(node)
        if kind != want["type"]:
            return False, f"type {kind}, Docusaurus {want['type']}"
        title = node[0].astext() if isinstance(node[0], nodes.title) else ""
        want_title = want.get("title")
        if want_title is None:
            want_title = ADMONITIONS.default_title(want["type"])
        if " ".join(title.split()) != " ".join(str(want_title).split()):
            return False, f"title {title!r}, Docusaurus {want_title!r}"
        for cls in want.get("classes") or []:
            if cls not in node["classes"]:
                return False, f"class {cls!r} missing"
        if want.get("id") and want["id"] not in node["ids"]:
            return False, f"id {want['id']!r} missing ({node['ids']})"
    text = _page_text(doctree)
    for wanted in case.get("text_contains") or []:
        if " ".join(str(wanted).split()) not in text:
            return False, f"text {wanted!r} missing"
    for unwanted in case.get("text_absent") or []:
        if " ".join(str(unwanted).split()) in text:
            return False, f"text {unwanted!r} shown"
    return True, ""


# --- heading ids ----------------------------------------------------------------------------


def _shown_text(node: nodes.Node) -> str:
    """The text a reader sees: raw HTML contributes the text between its tags."""
    if isinstance(node, nodes.raw):
        return re.sub(r"<[^>]*>", "", node.astext())
    if isinstance(node, nodes.Text):
        return str(node)
    return "".join(_shown_text(child) for child in node.children)


def _headings(doctree: nodes.document) -> Iterator[tuple[int, str, str]]:
    for node in doctree.findall(nodes.Element):
        if not isinstance(node, (nodes.section, nodes.rubric)):
            continue
        if isinstance(node, nodes.section):
            level = 0
            parent: nodes.Node | None = node
            while isinstance(parent, nodes.section):
                level += 1
                parent = parent.parent
            title = _shown_text(node[0]) if node.children and isinstance(node[0], nodes.title) else ""
        else:
            level = int(node.get("level", 0) or 0)
            title = _shown_text(node)
        yield level, " ".join(title.split()), node["ids"][0] if node["ids"] else ""


def check_heading(case: dict[str, Any], built: Built, name: str) -> tuple[bool, str]:
    found = list(_headings(built.doctree(name)))
    expected = case["headings"]
    if len(found) != len(expected):
        return False, f"headings {[text for _, text, _ in found]}, Docusaurus {[h.get('text') for h in expected]}"
    for (_, text, heading_id), want in zip(found, expected, strict=True):
        if want.get("id") is not None and heading_id != want["id"]:
            return False, f"id {heading_id!r}, Docusaurus {want['id']!r}"
        if want.get("text") is not None and text != " ".join(str(want["text"]).split()):
            return False, f"text {text!r}, Docusaurus {want['text']!r}"
    return True, ""


def _heading_page(case: dict[str, Any]) -> str:
    return case["input"]


# --- code blocks ----------------------------------------------------------------------------


def _fence(case: dict[str, Any]) -> str:
    code = case["code"]
    ticks = "`" * max(3, max((len(run) for run in re.findall(r"`+", code)), default=0) + 1)
    info = " ".join(part for part in (case.get("language") or "", case.get("meta") or "") if part)
    return f"# Case\n\n{ticks}{info}\n{code.rstrip(chr(10))}\n{ticks}\n"


def check_code_block(case: dict[str, Any], built: Built, name: str) -> tuple[bool, str]:
    warnings = [line for line in built.warnings.get(name, []) if "WARNING" in line]
    if warnings:
        return False, "warned: " + warnings[0].split("WARNING: ", 1)[-1]
    blocks = list(built.doctree(name).findall(nodes.literal_block))
    if len(blocks) != 1:
        return False, f"{len(blocks)} code blocks"
    block = blocks[0]
    shown = case.get("shown_code")
    if shown is None:
        shown = case["code"]
    if block.astext().rstrip("\n") != shown.rstrip("\n"):
        return False, f"code {block.astext()!r}, Docusaurus {shown!r}"
    classed: dict[int, list[str]] = block.get("docusaurus_line_classes", {})
    for number, classes in (case.get("line_classes") or {}).items():
        other = sorted(name for name in classes if name != "theme-code-block-highlighted-line")
        if other and classed.get(int(number)) != other:
            return False, f"line {number}: classes {classed.get(int(number))}, Docusaurus {other}"
    highlight_args: dict[str, Any] = block.get("highlight_args", {})
    lines = sorted(highlight_args.get("hl_lines", []))
    if lines != sorted(case.get("highlight_lines") or []):
        return False, f"highlighted {lines}, Docusaurus {case.get('highlight_lines')}"
    start = highlight_args.get("linenostart", 1) if block.get("linenos") else None
    if start != case.get("line_numbers_start"):
        return False, f"line numbers from {start}, Docusaurus {case.get('line_numbers_start')}"
    parent = block.parent
    caption = None
    if isinstance(parent, nodes.container) and parent.get("literal_block"):
        caption = next((child.astext() for child in parent.children if isinstance(child, nodes.caption)), None)
    if caption != case.get("title"):
        return False, f"title {caption!r}, Docusaurus {case.get('title')!r}"
    return True, ""


PAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "frontmatter": _front_matter_page,
    "admonitions": lambda case: "# Case\n\n" + case["input"],
    "heading_ids": _heading_page,
    "code_blocks": _fence,
}
CHECKS: dict[str, Callable[[dict[str, Any], Built, str], tuple[bool, str]]] = {
    "frontmatter": check_front_matter,
    "admonitions": check_admonition,
    "heading_ids": check_heading,
    "code_blocks": check_code_block,
}


def _site_options(case: dict[str, Any]) -> str:
    """The conf.py lines a case needs beyond the defaults."""
    lines = []
    if case.get("magic_comments"):
        lines.append(f"docusaurus_magic_comments = {case['magic_comments']!r}")
    if case.get("format") == "md":
        lines.append('docusaurus_markdown_format = "md"')
    return "".join(line + "\n" for line in lines)


def run(category: str) -> list[Outcome]:
    """Build every case of ``category`` and compare each with Docusaurus."""
    cases = load_cases(category)
    # cases that need a site-wide option (custom magic comments, markdown.format) are built
    # with it, one build per set of options
    groups: dict[str, dict[str, str]] = {}
    for index, case in enumerate(cases):
        groups.setdefault(_site_options(case), {})[_name(index)] = PAGES[category](case)
    built_for: dict[str, Built] = {}
    for options, pages in groups.items():
        built = build(pages, options)
        built_for.update(dict.fromkeys(pages, built))
    outcomes = []
    try:
        for index, case in enumerate(cases):
            try:
                agrees, detail = CHECKS[category](case, built_for[_name(index)], _name(index))
            except Exception as error:  # a case that breaks the check is a disagreement, not a crash
                agrees, detail = False, f"{type(error).__name__}: {error}"
            outcomes.append(Outcome(category, case["id"], agrees, detail))
    finally:
        for built in {id(b): b for b in built_for.values()}.values():
            built.app.cleanup()
    return outcomes


def table(results: dict[str, list[Outcome]]) -> str:
    """The agreement table, a row a category."""
    deviations = load_deviations()
    rows = ["| category | cases | agree | agreement | listed deviations |", "|---|---|---|---|---|"]
    for category, outcomes in results.items():
        agree = sum(outcome.agrees for outcome in outcomes)
        listed = sum(1 for outcome in outcomes if not outcome.agrees and outcome.case_id in deviations)
        rows.append(f"| {category} | {len(outcomes)} | {agree} | {agree / len(outcomes):.1%} | {listed} |")
    return "\n".join(rows)


def main() -> None:
    results = {category: run(category) for category in (sys.argv[1:] or CATEGORIES)}
    print(table(results))
    deviations = load_deviations()
    for outcomes in results.values():
        for outcome in outcomes:
            if not outcome.agrees:
                mark = "listed" if outcome.case_id in deviations else "NEW"
                print(f"{mark:6} {outcome.category}/{outcome.case_id}: {outcome.detail}")


if __name__ == "__main__":
    main()
