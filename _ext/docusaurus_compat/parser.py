"""The Markdown parser: MyST, plus Docusaurus front matter read by us.

The front matter is parsed and checked here (typed values, YAML's own line
numbers, one warning per problem), stored in the ``docusaurus`` domain, and
replaced by blank lines before MyST sees the text, so every body line keeps its
number. Keys that MyST itself consumes (``myst``, ``substitutions``...) are
handed on to it.

When the body has no H1 of its own, the front-matter ``title`` becomes the
page's H1 (as in Docusaurus): a heading token is added to MyST's token stream,
placed on the front matter's closing line.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from docutils import nodes
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig, TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings, create_warning

from .dialect import dialect_plugin, markdown_format
from .dialect.partials import PROPS
from .dialect.renderer import DocusaurusRenderer
from .frontmatter_loader import FrontMatterBlock, Problem
from .icons import resolve_icon
from .page_model import PageMeta, pages_of
from .page_sources import front_matter
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# HTML blocks that show nothing: comments and spacer line breaks.
_INVISIBLE_HTML = re.compile(r"^(?:\s|<!--.*?-->|<br\s*/?\s*>)*$", re.DOTALL | re.IGNORECASE)


class DocusaurusMarkdownParser(MystParser):
    """MyST with Docusaurus front matter (registered for ``.md`` and ``.mdx``)."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        is_page = _is_page_being_read(env, document)
        meta, text, title_line = self._take_front_matter(inputstring, env, is_page)
        if is_page:
            pages_of(env)[env.docname] = meta
        if meta.partial_category:
            # a partial built as a page of its own: show each prop's name, not '{props.x}'
            text = PROPS.sub(lambda match: f"`{match.group(1)}`", text)

        config: MdParserConfig = document.settings.env.myst_config  # MyST puts it on the environment
        try:
            topmatter = read_topmatter(text)
        except TopmatterReadError:
            topmatter = None
        if topmatter:
            def report(wtype: MystWarnings, msg: str) -> None:
                create_warning(document, msg, wtype, line=1, append_to=document)
            config = merge_file_level(config, topmatter, report)

        if env.config.docusaurus_dialect:
            md = create_md_parser(config, DocusaurusRenderer)
            fmt = markdown_format(env.config.docusaurus_markdown_format, str(document["source"]))
            md.use(dialect_plugin, markdown_format=fmt)
        else:
            md = create_md_parser(config, SphinxRenderer)
        md.options["document"] = document
        md_env: dict = {}
        tokens = md.parse(text, md_env)
        if is_page and meta.title and not _starts_with_h1(tokens):
            tokens = _title_tokens(md, meta.title, title_line) + tokens
        md.renderer.render(tokens, md.options, md_env)

        if is_page and meta.hide_title:
            _hide_first_title(document)

    def _take_front_matter(
        self, source: str, env: BuildEnvironment, report: bool
    ) -> tuple[PageMeta, str, int]:
        """Parse the front matter; return its meta, the text for MyST and the title line."""
        found = front_matter(source, frozenset(env.config.docusaurus_extra_keys))
        block = found.block
        if block is None:
            return PageMeta(), source, 1
        if isinstance(block, Problem):
            if report:
                _report(env, [block])
            # Keep every line but the lone '---', which would render as a rule.
            return PageMeta(), "\n" + source.split("\n", 1)[1], 1

        parsed = found.parsed
        assert parsed is not None
        problems = list(parsed.problems)
        meta = PageMeta.from_values(parsed.values, parsed.key_lines)
        if meta.icon is not None:
            aliases = env.config.docusaurus_icon_aliases
            resolved = resolve_icon(meta.icon, aliases)
            if resolved is None:
                line = parsed.key_lines.get("icon") or parsed.key_lines.get(
                    "sidebar_custom_props", block.first_line
                )
                problems.append(Problem(
                    line,
                    DocusaurusWarning.ICON_UNKNOWN,
                    f"unknown icon '{meta.icon}': use a Font Awesome Free icon name "
                    "(such as 'lock') or add an alias to docusaurus_icon_aliases in "
                    "conf.py (the page is shown without an icon)",
                ))
            meta.icon = resolved
        if report:
            _report(env, problems)
        return meta, _blank_front_matter(source, block, parsed.myst_data), block.last_line


def _is_page_being_read(env: BuildEnvironment, document: nodes.document) -> bool:
    """False when a Markdown file is parsed into another page (an include)."""
    docname = getattr(env, "docname", None)
    if not docname:
        return False
    source = document.get("source")
    return bool(source) and str(env.doc2path(docname)) == str(source)


def _report(env: BuildEnvironment, problems: list[Problem]) -> None:
    for problem in problems:
        warn(problem.message, problem.subtype, location=(env.docname, problem.line))


def _blank_front_matter(source: str, block: FrontMatterBlock, myst_data: dict) -> str:
    """Replace the front matter with as many lines, keeping only MyST's own keys."""
    line_count = block.last_line
    if myst_data and line_count >= 3:
        head = "---\n" + json.dumps(myst_data) + "\n---\n" + "\n" * (line_count - 3)
    else:
        head = "\n" * line_count
    return head + source[block.body_offset:]


def _starts_with_h1(tokens: list[Token]) -> bool:
    """Whether the first visible block is an H1 (Docusaurus' rule for a page title)."""
    for token in tokens:
        if token.type == "front_matter":
            continue
        if token.type == "html_block" and _INVISIBLE_HTML.match(token.content):
            continue
        return token.type == "heading_open" and token.tag == "h1"
    return False


def _title_tokens(md: MarkdownIt, title: str, line: int) -> list[Token]:
    escaped = _MD_PUNCTUATION.sub(r"\\\1", " ".join(title.split()))
    tokens = md.parse(f"# {escaped}\n", {})
    for token in tokens:
        token.map = [line - 1, line] if token.map is not None else None
    return tokens


def _hide_first_title(document: nodes.document) -> None:
    for section in document.findall(nodes.section):
        title = section[0]
        if isinstance(title, nodes.Element):
            title["classes"].append("visually-hidden")
        return


def setup_parser(app: Sphinx) -> None:
    """Register the parser for Markdown sources (replacing MyST's own)."""
    app.add_source_parser(DocusaurusMarkdownParser, override=True)
    app.add_source_suffix(".md", "markdown", override=True)
    app.add_source_suffix(".mdx", "markdown", override=True)
