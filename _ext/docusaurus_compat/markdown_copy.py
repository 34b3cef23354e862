"""A page as plain Markdown, from its resolved doctree: the copy served beside each page.

The copy is made from the doctree Sphinx resolved for the page, never from its
source: partials are already in place, links are references, and admonitions,
tabs, dropdowns and cards are nodes. :class:`MarkdownTranslator` turns it into
CommonMark with the GFM extensions an assistant reads everywhere (pipe tables,
footnotes, ``~~strike~~``)::

    section (depth n)      -> "#"*n heading (the page title is the H1)
    admonition             -> > **Title** blockquote
    tab (sphinx-design)    -> **Label**, then the tab's content
    dropdown / <details>   -> **Summary**, then the content
    card grid              -> - [Title](url): description
    raw HTML               -> its text, if it has any
    anything else          -> its children (an unknown node never loses its text)

Text is escaped so that the copy reads as the page does; internal links are
made absolute from the site root by the caller's ``link`` function, images by
its ``image`` function. :func:`front_matter` is the copy's YAML header: the
title and description only.
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml
from docutils import nodes

Resolver = Callable[[str], str]
ImageResolver = Callable[[nodes.image], str]

# Specific admonition nodes (docutils' and Sphinx's) and the title they show.
ADMONITION_TITLES = {
    "attention": "Attention", "caution": "Caution", "danger": "Danger", "error": "Error", "hint": "Hint",
    "important": "Important", "note": "Note", "tip": "Tip", "warning": "Warning", "seealso": "See also",
    "todo_node": "Todo",
}
# Nodes that show nothing: targets, index entries, hidden toctrees, comments, the PDF's page summary, the
# extension's card placeholder, sphinx-design's tab radio buttons, the bulletins' filter form (a script's UI).
SKIPPED = frozenset({
    "comment", "substitution_definition", "system_message", "pending", "index", "toctree", "meta",
    "page_summary", "doc_card_list", "sd_tab_input", "advisory_filters", "tabular_col_spec", "start_of_file",
    "only_placeholder", "decoration",
})

_INLINE_SPECIAL = re.compile(r"([\\`*\[\]<~])")
_WORD_EDGE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(?:[#>+=-]|\d{1,9}[.)])")
_SPACES = re.compile(r"[ \t\r\n]+")
_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}
_STRIKE = re.compile(r"^\s*</?(?:s|del|strike)>\s*$", re.IGNORECASE)
_BR = re.compile(r"^\s*<br\s*/?>\s*$", re.IGNORECASE)


def escape_text(text: str) -> str:
    """Text as Markdown that shows it as written (whitespace collapsed to single spaces)."""
    text = _SPACES.sub(" ", text)
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _WORD_EDGE_UNDERSCORE.sub(r"\\_", text)
    return _ENTITY.sub(r"\\&", text)


def escape_line_start(line: str) -> str:
    """A line that would start a heading, quote, list or setext underline gets its first mark escaped."""
    match = _LINE_START.match(line)
    if match is None:
        return line
    mark = match.end() - 1
    return f"{line[:mark]}\\{line[mark:]}"


def one_line(text: str | None) -> str:
    """Front-matter text on one line, its whitespace collapsed."""
    return _SPACES.sub(" ", text or "").strip()


def front_matter(title: str, description: str | None) -> str:
    """The copy's front matter: ``title`` and ``description`` (when there is one), dumped as safe YAML."""
    values = {"title": one_line(title)}
    if one_line(description):
        values["description"] = one_line(description)
    dumped = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=1 << 30, default_flow_style=False)
    return f"---\n{dumped}---\n"


def url_text(url: str) -> str:
    """A URL that cannot end a Markdown link early (spaces, brackets and parentheses encoded)."""
    return "".join(_URL_UNSAFE.get(char, char) for char in url)


def code_span(text: str) -> str:
    """``text`` as a code span: fenced by one backtick more than its longest run of backticks."""
    text = _SPACES.sub(" ", text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_fence(code: str, info: str = "") -> str:
    """A fenced code block longer than any backtick fence inside it."""
    longest = max((len(run) for run in re.findall(r"^\s*(`{3,})", code, re.MULTILINE)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{code.rstrip(chr(10))}\n{fence}"


def prefix_lines(text: str, first: str, rest: str) -> str:
    """``text`` with ``first`` before its first line and ``rest`` before the others (blank lines stay blank)."""
    lines = text.split("\n")
    out = [first + lines[0]]
    out += [rest + line if line else rest.rstrip() for line in lines[1:]]
    return "\n".join(out)


def quote(text: str) -> str:
    """A blockquote of ``text``."""
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


class _HTMLText(html.parser.HTMLParser):
    """The text of an HTML fragment (scripts, styles and SVG left out); checkboxes as ``[ ]``/``[x]``."""

    HIDDEN = frozenset({"script", "style", "svg", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "input" and dict(attrs).get("type") == "checkbox" and not self.hidden:
            self.parts.append("\x00[x] " if "checked" in dict(attrs) else "\x00[ ] ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.HIDDEN:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The Markdown for a raw HTML fragment's text (escaped), or "" when it has none."""
    parser = _HTMLText()
    parser.feed(fragment)
    parser.close()
    out = []
    for part in parser.parts:
        out.append(part[1:] if part.startswith("\x00") else escape_text(part))
    return "".join(out)


def _is_inline(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.Text, nodes.Inline))


def _design(node: nodes.Node) -> str:
    return node.get("design_component", "") if isinstance(node, nodes.Element) else ""


class MarkdownTranslator:
    """Render a resolved doctree as Markdown.

    ``link`` maps a reference's ``refuri`` (relative to the page, as the HTML builder
    wrote it) to the URL the copy shows; ``image`` gives an image node's URL.
    Block nodes are rendered by ``block_<node class>`` methods (found along the class's
    MRO, so subclasses such as the bulletins' ``advisory_row`` are handled as their
    base), inline nodes by ``inline_<node class>``; a node with neither renders its children.
    """

    def __init__(self, link: Resolver | None = None, image: ImageResolver | None = None) -> None:
        self.link = link or (lambda uri: uri)
        self.image = image or (lambda node: str(node["uri"]))
        self.depth = 0

    # --- entry points -------------------------------------------------------------------------

    def translate(self, node: nodes.Node) -> str:
        """The Markdown of a doctree (or any node), ending in one newline ("" when it shows nothing)."""
        body = "\n\n".join(self.blocks(node)).strip("\n")
        return body + "\n" if body else ""

    def blocks(self, node: nodes.Node) -> list[str]:
        """The Markdown blocks a node renders as (each without surrounding blank lines)."""
        if isinstance(node, nodes.Element) and type(node).__name__ in SKIPPED:
            return []
        if _is_inline(node):
            return self._paragraph(self.inline(node))
        for cls in type(node).__mro__:
            method = getattr(self, f"block_{cls.__name__}", None)
            if method is not None:
                return [block for block in method(node) if block.strip()]
        if isinstance(node, nodes.TextElement):
            return self._paragraph(self.inline_children(node))
        return self.children_blocks(node)

    def children_blocks(self, node: nodes.Node, children: Iterable[nodes.Node] | None = None) -> list[str]:
        """The blocks of a node's children; runs of inline children form a paragraph."""
        out: list[str] = []
        pending: list[str] = []
        for child in node.children if children is None else children:
            if _is_inline(child):
                pending.append(self.inline(child))
                continue
            if pending:
                out += self._paragraph("".join(pending))
                pending = []
            out += self.blocks(child)
        if pending:
            out += self._paragraph("".join(pending))
        return out

    def inline(self, node: nodes.Node) -> str:
        """The Markdown of an inline node (or the inline content of a text element)."""
        if isinstance(node, nodes.Text):
            return escape_text(node.astext())
        if isinstance(node, nodes.Element) and type(node).__name__ in SKIPPED:
            return ""
        for cls in type(node).__mro__:
            method = getattr(self, f"inline_{cls.__name__}", None)
            if method is not None:
                return str(method(node))
        return self.inline_children(node)

    def inline_children(self, node: nodes.Node) -> str:
        parts = []
        for child in node.children:
            if _is_inline(child) or isinstance(child, nodes.TextElement):
                parts.append(self.inline(child))
            else:  # a block inside inline content (rare): its text, on the same line
                parts.append(" ".join(" ".join(self.blocks(child)).split("\n")))
        return "".join(parts)

    @staticmethod
    def _paragraph(text: str) -> list[str]:
        text = re.sub(r" {2,}", " ", text).strip(" ")
        if not text.strip():
            return []
        return ["\n".join(escape_line_start(line.strip(" ")) for line in text.split("\n"))]

    # --- structure ----------------------------------------------------------------------------

    def block_section(self, node: nodes.section) -> list[str]:
        self.depth += 1
        try:
            out = []
            children = list(node.children)
            if children and isinstance(children[0], nodes.title):
                heading = _SPACES.sub(" ", self.inline_children(children.pop(0))).strip()
                out.append(f"{'#' * min(self.depth, 6)} {heading}" if heading else "")
            return out + self.children_blocks(node, children)
        finally:
            self.depth -= 1

    def block_title(self, node: nodes.title) -> list[str]:  # a title outside a section
        return self._strong_line(node)

    def block_rubric(self, node: nodes.rubric) -> list[str]:
        return self._strong_line(node)

    def _strong_line(self, node: nodes.Element) -> list[str]:
        text = _SPACES.sub(" ", self.inline_children(node)).strip()
        return [f"**{text}**"] if text else []

    def block_transition(self, node: nodes.transition) -> list[str]:
        return ["---"]

    def block_paragraph(self, node: nodes.paragraph) -> list[str]:
        return self._paragraph(self.inline_children(node))

    def block_line_block(self, node: nodes.line_block) -> list[str]:
        lines = []
        for line in node.findall(nodes.line):
            text = _SPACES.sub(" ", self.inline_children(line)).strip()
            lines.append(escape_line_start(text) if text else "")
        while lines and not lines[-1]:
            lines.pop()
        # a hard line break between lines; an empty line keeps its place as a lone break
        return ["\\\n".join(line or "" for line in lines)] if lines else []

    def block_block_quote(self, node: nodes.block_quote) -> list[str]:
        inner = self.children_blocks(node)
        return [quote("\n\n".join(inner))] if inner else []

    def block_attribution(self, node: nodes.attribution) -> list[str]:
        text = self.inline_children(node).strip()
        return [f"— {text}"] if text else []

    # --- lists --------------------------------------------------------------------------------

    def _list(self, node: nodes.Element, markers: Iterable[str]) -> list[str]:
        items = [(marker, self.children_blocks(item)) for marker, item in zip(markers, node.children, strict=False)]
        # tight (no blank lines) when no item holds more than one paragraph-like block
        loose = any(sum(1 for block in blocks if not _is_list_block(block)) > 1 for _marker, blocks in items)
        inner = "\n\n" if loose else "\n"
        rendered = []
        for marker, blocks in items:
            text = inner.join(blocks)
            rendered.append(prefix_lines(text, marker, " " * len(marker)) if text else marker.rstrip())
        return [("\n\n" if loose else "\n").join(rendered)]

    def block_bullet_list(self, node: nodes.bullet_list) -> list[str]:
        return self._list(node, ("- " for _ in node.children))

    def block_enumerated_list(self, node: nodes.enumerated_list) -> list[str]:
        start = int(node.get("start", 1))
        return self._list(node, (f"{start + index}. " for index in range(len(node.children))))

    def block_definition_list(self, node: nodes.definition_list) -> list[str]:
        out = []
        for item in node.children:
            terms = []
            for child in item.children:
                if isinstance(child, nodes.term):
                    terms.append(escape_line_start(_SPACES.sub(" ", self.inline_children(child)).strip()))
                elif isinstance(child, nodes.classifier) and terms:
                    terms[-1] += f" *({_SPACES.sub(' ', self.inline_children(child)).strip()})*"
            definitions = []
            for child in item.children:
                if isinstance(child, nodes.definition):
                    text = "\n\n".join(self.children_blocks(child))
                    definitions.append(prefix_lines(text, ": ", "  ") if text else ":")
            out.append("\n".join([*terms, *definitions]))
        return ["\n\n".join(out)]

    def block_field_list(self, node: nodes.field_list) -> list[str]:
        items = []
        for field in node.children:
            name = next((child for child in field.children if isinstance(child, nodes.field_name)), None)
            body = next((child for child in field.children if isinstance(child, nodes.field_body)), None)
            label = _SPACES.sub(" ", self.inline_children(name)).strip() if name is not None else ""
            blocks = self.children_blocks(body) if body is not None else []
            first = f"**{label}**:" if label else ""
            if blocks and "\n" not in blocks[0] and not _is_list_block(blocks[0]):
                first = f"{first} {blocks.pop(0)}".strip()
            text = "\n\n".join([first, *blocks]) if first else "\n\n".join(blocks)
            items.append(prefix_lines(text, "- ", "  "))
        return ["\n".join(items)]

    # --- code, math, tables, images -----------------------------------------------------------

    def block_literal_block(self, node: nodes.literal_block, title: str = "") -> list[str]:
        language = node.get("language") or ""
        classes: list[str] = node.get("classes", [])
        if not language and len(classes) > 1 and classes[0] == "code":  # docutils' own code blocks
            language = classes[1]
        if language in ("default", "none", "text", "plaintext"):
            language = ""
        info = language
        if title and '"' not in title and "`" not in title:
            info = f'{language} title="{title}"'.lstrip()
        elif title:
            return [f"**{escape_text(title)}**", code_fence(node.astext(), language)]
        return [code_fence(node.astext(), info)]

    def block_doctest_block(self, node: nodes.doctest_block) -> list[str]:
        return [code_fence(node.astext(), "pycon")]

    def block_math_block(self, node: nodes.math_block) -> list[str]:
        return [f"$$\n{node.astext().strip()}\n$$"]

    def inline_math(self, node: nodes.math) -> str:
        return f"${node.astext().strip()}$"

    def block_table(self, node: nodes.table) -> list[str]:
        out = []
        title = next((child for child in node.children if isinstance(child, nodes.title)), None)
        if title is not None:
            out += self._strong_line(title)
        header: list[list[str]] = []
        body: list[list[str]] = []
        for group in node.findall(nodes.tgroup):
            for part in group.children:
                if isinstance(part, (nodes.thead, nodes.tbody)):
                    rows = [self._row(row) for row in part.children if isinstance(row, nodes.row)]
                    (header if isinstance(part, nodes.thead) else body).extend(rows)
            break  # one tgroup: docutils tables have one
        if not header and body:
            header = [body.pop(0)]
        if not header:
            return out
        width = max(len(row) for row in [*header, *body])
        first, body = header[0], [*header[1:], *body]  # Markdown has one header row: the first
        lines = [_pipe_row(first + [""] * (width - len(first))), _pipe_row(["---"] * width)]
        lines += [_pipe_row(row + [""] * (width - len(row))) for row in body]
        return [*out, "\n".join(lines)]

    def _row(self, row: nodes.row) -> list[str]:
        cells = []
        for entry in row.children:
            if not isinstance(entry, nodes.entry):
                continue
            text = " ".join(self.children_blocks(entry))
            cells.append(_SPACES.sub(" ", text).strip().replace("|", "\\|"))
            cells += [""] * int(entry.get("morecols", 0))
        return cells

    def inline_image(self, node: nodes.image) -> str:
        alt = escape_text(node.get("alt", "")).strip()
        return f"![{alt}]({url_text(self.image(node))})"

    def block_figure(self, node: nodes.figure) -> list[str]:
        out = []
        for child in node.children:
            if isinstance(child, nodes.caption):
                out += self._paragraph(f"*{self.inline_children(child).strip()}*")
            else:
                out += self.blocks(child)
        return out

    # --- admonitions, topics, sphinx-design ---------------------------------------------------

    def block_Admonition(self, node: nodes.Element) -> list[str]:  # noqa: N802 - docutils' class name
        children = list(node.children)
        if children and isinstance(children[0], nodes.title):
            title = _SPACES.sub(" ", self.inline_children(children.pop(0))).strip()
        else:
            name = type(node).__name__
            title = ADMONITION_TITLES.get(name, name.replace("_", " ").capitalize())
        body = "\n\n".join(self.children_blocks(node, children))
        text = f"**{title}**" + (f"\n\n{body}" if body else "")
        return [quote(text)]

    def block_topic(self, node: nodes.Element) -> list[str]:
        children = list(node.children)
        first = children[0] if children else None
        if not isinstance(first, nodes.title):
            return self.children_blocks(node)
        return self._strong_line(first) + self.children_blocks(node, children[1:])

    block_sidebar = block_topic

    def block_sd_tab_label(self, node: nodes.Element) -> list[str]:
        return self._strong_line(node)

    def block_dropdown_title(self, node: nodes.Element) -> list[str]:
        return self._strong_line(node)

    def block_container(self, node: nodes.container) -> list[str]:
        if node.get("literal_block"):  # a code block with its caption (```lang title="...")
            caption = next((child for child in node.children if isinstance(child, nodes.caption)), None)
            code = next((child for child in node.children if isinstance(child, nodes.literal_block)), None)
            if code is not None:
                title = _SPACES.sub(" ", caption.astext()).strip() if caption is not None else ""
                return self.block_literal_block(code, title)
        component = _design(node)
        if component in ("grid-row", "grid-container") and any(_design(card) == "card" for card in node.findall()):
            return ["\n".join(self._card(card) for card in node.findall(nodes.container) if _design(card) == "card")]
        if component == "card":
            return [self._card(node)]
        return self.children_blocks(node)

    def _card(self, card: nodes.Element) -> str:
        """A card as one list item: ``- [title](url): description``."""
        titles = [child for child in card.findall(nodes.Element) if _design(child) in ("card-title", "card-header")]
        title_node = titles[0] if titles else None
        links = [ref for ref in card.findall(nodes.reference) if ref.get("refuri") or ref.get("refid")]
        link = links[0] if links else None
        title = visible_text(title_node) if title_node is not None else ""
        described = []
        for paragraph in card.findall(nodes.paragraph):
            inside_title = title_node is not None and any(a is title_node for a in _ancestors(paragraph))
            if inside_title:
                continue
            only_link = link is not None and title and visible_text(paragraph) == visible_text(link)
            if only_link and any(ref is link for ref in paragraph.findall(nodes.reference)):
                continue  # the card's button: its URL is the title's link
            described.append(_SPACES.sub(" ", self.inline_children(paragraph)).strip())
        if not title and link is not None:
            title = visible_text(link)
        label = escape_text(title)
        head = f"[{label}]({url_text(self._href(link))})" if link is not None else f"**{label}**"
        description = " ".join(part for part in described if part)
        return f"- {head}: {description}" if description else f"- {head}"

    # --- inline -------------------------------------------------------------------------------

    def inline_emphasis(self, node: nodes.Element) -> str:
        return _wrap("*", self.inline_children(node))

    def inline_strong(self, node: nodes.Element) -> str:
        return _wrap("**", self.inline_children(node))

    def inline_title_reference(self, node: nodes.Element) -> str:
        return _wrap("*", self.inline_children(node))

    def inline_literal(self, node: nodes.Element) -> str:
        return code_span(node.astext())

    def inline_abbreviation(self, node: nodes.Element) -> str:
        text = self.inline_children(node)
        explanation = one_line(node.get("explanation"))
        if explanation and explanation != one_line(node.astext()):
            return f"{text} ({escape_text(explanation)})"
        return text

    def inline_raw(self, node: nodes.raw) -> str:
        if "html" not in node.get("format", "").split():
            return ""
        if _BR.match(node.astext()):
            return "\\\n"
        if _STRIKE.match(node.astext()):  # MyST's ~~strikethrough~~ in HTML
            return "~~"
        return html_text(node.astext())

    def block_raw(self, node: nodes.raw) -> list[str]:
        return self._paragraph(self.inline_raw(node))

    def inline_footnote_reference(self, node: nodes.Element) -> str:
        return f"[^{_label(node.astext())}]"

    inline_citation_reference = inline_footnote_reference

    def block_footnote(self, node: nodes.Element) -> list[str]:
        children = list(node.children)
        label = _label(children.pop(0).astext()) if children and isinstance(children[0], nodes.label) else "note"
        text = "\n\n".join(self.children_blocks(node, children))
        return [prefix_lines(text, f"[^{label}]: ", "    ")]

    block_citation = block_footnote

    def inline_target(self, node: nodes.Element) -> str:
        return self.inline_children(node)

    def block_target(self, node: nodes.Element) -> list[str]:
        return self._paragraph(self.inline_children(node))

    def inline_reference(self, node: nodes.Element) -> str:
        url = self._href(node)
        text = self.inline_children(node).strip()
        plain = one_line(node.astext())
        if not text:
            return f"<{url_text(url)}>" if url else ""
        if not url:
            return text
        if plain and (plain == url or f"mailto:{plain}" == url) and re.fullmatch(r"[^\s<>]+", url):
            return f"<{url}>"
        return f"[{text}]({url_text(url)})"

    def _href(self, node: nodes.Element | None) -> str:
        if node is None:
            return ""
        if node.get("refuri") is not None:
            return self.link(node["refuri"])
        if node.get("refid"):
            return self.link(f"#{node['refid']}")
        return ""


def visible_text(node: nodes.Node) -> str:
    """A node's text as a reader sees it: raw markup (an icon's SVG) left out, whitespace collapsed."""
    parts = [
        text.astext() for text in node.findall(nodes.Text)
        if not any(isinstance(ancestor, nodes.raw) for ancestor in _ancestors(text))
    ]
    return one_line("".join(parts))


def _wrap(mark: str, text: str) -> str:
    """Emphasis around ``text``, its outer spaces kept outside (``* a*`` would not be emphasis)."""
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _label(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_-]+", "-", text.strip()).strip("-") or "note"


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _is_list_block(block: str) -> bool:
    return bool(re.match(r"(?:- |\d+\. )", block))


def _ancestors(node: Any) -> Iterable[Any]:
    while node.parent is not None:
        node = node.parent
        yield node
