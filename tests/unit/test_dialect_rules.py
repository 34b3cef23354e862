"""The dialect's markdown-it rules, case by case, from fixture files (no Sphinx build).

Each ``tests/fixtures/<rule>.md`` holds cases in the format mdit-py-plugins uses for its
own tests: a title line, ``.``, the Markdown, ``.``, the expected output, ``.``. The
expected output is the token stream the parser gives, one token a line, indented by
nesting::

    type <tag> info='...' [attr='...'] meta_key=value hidden map=first:last 'content'

(only the parts a token has; meta entries that are None or empty are left out; an
``inline`` token whose only child is the same text is one line). The body of a
``docusaurus_admonition`` is parsed again, as the renderer does, and shown under it with
``| `` before each line. Token maps are 0-based, end exclusive, as markdown-it has them.

The parser is built as ``parser.DocusaurusMarkdownParser`` builds it: MyST's
``create_md_parser`` with this project's MyST settings (conf.py), then ``dialect_plugin``.
The renderer plays no part in a token stream, so markdown-it's HTML renderer stands in
for ours (which needs a Sphinx document).

A case where we differ from Docusaurus/MDX keeps the expected output Docusaurus would
give and is listed in ``XFAIL`` (strict: fixing the dialect turns it into a failure
until the entry is removed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import read_fixture_file
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.slugs import SLUG_PRESETS

from docusaurus_compat.dialect import dialect_plugin

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RULES = ("admonitions", "esm", "headings", "html", "jsx")

# conf.py: myst_enable_extensions, myst_heading_anchors, myst_heading_slug_func
MYST_CONFIG = MdParserConfig(
    enable_extensions={"colon_fence", "deflist", "strikethrough", "tasklist", "attrs_inline"},
    heading_anchors=6,
    heading_slug_func=SLUG_PRESETS["github"],
)

# (rule, case title) -> what Docusaurus/MDX does and what we do instead
XFAIL: dict[tuple[str, str], str] = {
    ("esm", "an import line in the middle of a paragraph stays text"): (
        "MDX: ESM cannot interrupt a paragraph (micromark-extension-mdxjs-esm refuses when "
        "interrupting), so the line is paragraph text; we drop it"
    ),
    ("esm", "a multi-line import is dropped whole"): (
        "MDX reads ESM up to the next blank line, so a multi-line import is one statement; "
        "we drop only one-line imports and show the rest as a paragraph"
    ),
    ("esm", "a multi-line export is dropped whole"): (
        "MDX reads ESM up to the next blank line; we drop only the first line of "
        "'export function ... {' and show its body as a paragraph"
    ),
    ("esm", "every export form MDX documents is dropped"): (
        "MDX accepts any export statement ('export var', 'export class', 'export * from'); "
        "our pattern knows only default/const/let/function/{...}, so these show as text"
    ),
    ("esm", "a fence line with an info string does not close a fence"): (
        "CommonMark: a closing fence has no info string, so '```js' inside a ``` fence is "
        "code and the import line after it too; we take '```js' as the closer and drop the import"
    ),
    ("headings", "an id right after inline code"): (
        "Docusaurus takes a trailing {#id} as the heading's id whatever precedes it; with "
        "MyST's attrs_inline the {#id} right after `code` becomes the code span's id"
    ),
    ("html", "JSX style on an inline element is dropped"): (
        "MDX renders <span style={{...}}> as a span; markdown-it does not see an HTML tag "
        "there, so '<span style={{...}}>' leaks into the page as text"
    ),
}


def _cases() -> list[object]:
    params: list[object] = []
    for rule in RULES:
        for line, title, source, expected in read_fixture_file(FIXTURES / f"{rule}.md"):
            reason = XFAIL.get((rule, title))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(rule, title, source, expected, id=f"{rule}:{line}", marks=marks))
    return params


@pytest.fixture(scope="module")
def md() -> MarkdownIt:
    parser = create_md_parser(MYST_CONFIG, RendererHTML)
    parser.use(dialect_plugin)
    return parser


def _describe(token: Token) -> str:
    parts = [token.type]
    if token.tag:
        parts.append(f"<{token.tag}>")
    if token.info:
        parts.append(f"info={token.info!r}")
    if token.attrs:
        parts.append("[" + " ".join(f"{key}={value!r}" for key, value in token.attrs.items()) + "]")
    for key, value in (token.meta or {}).items():
        if value is not None and value != {} and value != []:
            parts.append(f"{key}={value!r}")
    if token.hidden:
        parts.append("hidden")
    if token.map and token.type != "inline":
        parts.append(f"map={token.map[0]}:{token.map[1]}")
    if token.type == "text" or (token.content and token.type != "docusaurus_admonition"):
        parts.append(repr(token.content))
    return " ".join(parts)


def token_lines(md: MarkdownIt, tokens: list[Token], prefix: str = "") -> list[str]:
    """The compact form of a token stream (see the module docstring)."""
    lines: list[str] = []
    depth = 0
    for token in tokens:
        if token.nesting < 0:
            depth -= 1
        indent = prefix + "  " * depth
        children = token.children or []
        single_text = (
            token.type == "inline" and len(children) == 1
            and children[0].type == "text" and children[0].content == token.content
        )
        lines.append(indent + _describe(token))
        if children and not single_text:
            lines.extend(token_lines(md, children, indent + "  "))
        if token.type == "docusaurus_admonition":
            lines.extend(token_lines(md, md.parse(token.content, {}), indent + "| "))
        if token.nesting > 0:
            depth += 1
    return lines


@pytest.mark.parametrize(("rule", "title", "source", "expected"), _cases())
def test_dialect_fixture(md: MarkdownIt, rule: str, title: str, source: str, expected: str) -> None:
    got = "\n".join(token_lines(md, md.parse(source, {})))
    assert got.rstrip() == expected.rstrip(), f"{rule}: {title}\n{got}"


def test_dialect_fixture_files_have_cases() -> None:
    """Every rule has cases with distinct titles, and every XFAIL entry names one of them."""
    titles: list[tuple[str, str]] = []
    for rule in RULES:
        cases = read_fixture_file(FIXTURES / f"{rule}.md")
        assert cases, f"{rule}.md has no case"
        titles.extend((rule, title) for _line, title, _source, _expected in cases)
    assert len(titles) == len(set(titles)), "two cases share a title"
    assert set(XFAIL) <= set(titles), sorted(set(XFAIL) - set(titles))
