"""Raw HTML in pages is allow-listed.

Markdown lets an author write HTML, and MyST passes it to the page unchanged:
``<script>``, ``onclick=``, ``javascript:`` URLs and third-party embeds would
all reach readers. Each raw HTML node is checked at read time against the
allow-list below (formatting and structure tags; ``class``, ``id``, ``title``,
``aria-*`` and a few per-tag attributes; links to http(s), mailto, site paths
and fragments; images, video and audio from this site or ``data:image/...``). No
inline styles either: the site runs under a Content-Security-Policy without
``'unsafe-inline'``.

A node with anything else never reaches the reader as markup. An ``<iframe>``
becomes a link to its ``src`` (its ``title``, or the host, as the text), and an
image from another site a link with its ``alt`` text: both are what the reader
would have opened, without a third-party request from this page. Anything else
refused gives a warning that names the file, the line and what is not allowed,
and the reader sees the fragment's text, without its tags.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .page_model import pages_domain
from .url_policy import is_web_url, raw_html_url_allowed, url_host
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "var", "wbr", "video", "audio", "source", "track", "picture",
})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role"})
TAG_ATTRIBUTES = {
    "a": frozenset({"href", "target", "rel", "hreflang", "name"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    # media from this site only (their src is checked like an image's)
    "video": frozenset({"src", "controls", "muted", "loop", "playsinline", "poster", "preload", "width", "height"}),
    "audio": frozenset({"src", "controls", "muted", "loop", "preload"}),
    "source": frozenset({"src", "type", "media"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "poster"})
_LOCAL_MEDIA = frozenset({"img", "video", "audio", "source", "track"})
_TAG_START = re.compile(r"<[a-zA-Z/!?]")


def _url_problem(tag: str, name: str, value: str) -> str | None:
    local = tag in _LOCAL_MEDIA and name in ("src", "poster")
    if raw_html_url_allowed(value, media=local):
        return None
    if local:
        return f"<{tag} {name}=\"{value}\">: images and media must come from this site (a path) or be data:image"
    return f"{name}=\"{value}\" on <{tag}>: only http(s), mailto, site paths and #anchors are allowed"


class _Checker(HTMLParser):
    """Collects what a fragment has that the allow-list does not."""

    def __init__(self) -> None:
        # charrefs stay out of the text, so a "<" in it can only be a tag left unfinished
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.text: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}> is not an allowed tag")
            return
        allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed and not name.startswith("aria-"):
                self.problems.append(f"attribute {name}= on <{tag}> is not allowed")
            elif name in URL_ATTRIBUTES and value is not None:
                problem = _url_problem(tag, name, value)
                if problem:
                    self.problems.append(problem)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"</{tag}> is not an allowed tag")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"<!{decl}> is not allowed")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"<?{data}> is not allowed")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"<![{data}]> is not allowed")


def html_problems(fragment: str) -> list[str]:
    """What in an HTML fragment is not on the allow-list (empty: it may be kept)."""
    checker = _Checker()
    checker.feed(fragment)
    checker.close()
    # a tag the parser could not finish (no ">") arrives as text; a browser may still read it as a tag
    text = "".join(checker.text)
    if match := _TAG_START.search(text):
        checker.problems.append(f"an unfinished tag: {text[match.start():match.start() + 40].strip()}")
    return list(dict.fromkeys(checker.problems))


class _Shown(HTMLParser):
    """What a reader gets from a refused fragment: its text, and links for frames and images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str | None]] = []  # (text, link or None)
        self.linked: set[str] = set()  # the refused tags a link stands for
        self._skip = 0  # inside an <iframe>

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        values = {name: value or "" for name, value in attrs}
        src = values.get("src", "").strip()
        if tag == "iframe" and is_web_url(src):
            self.pieces.append((values.get("title") or url_host(src), src))
            self.linked.add("iframe")
        elif tag == "img" and is_web_url(src):
            self.pieces.append((values.get("alt") or url_host(src), src))
            self.linked.add("img")
        elif tag == "img" and values.get("alt"):
            self.pieces.append((values["alt"], None))
        if tag == "iframe" and not closed:  # its fallback text: the link stands for it
            self._skip += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if tag == "iframe" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.pieces.append((data, None))


def _only_linked(problems: list[str], linked: set[str]) -> bool:
    """Whether every problem is a frame or an outside image that became a link."""
    def handled(problem: str) -> bool:
        return ("iframe" in linked and "iframe>" in problem) or (
            "img" in linked and problem.startswith("<img src=")
        )
    return all(handled(problem) for problem in problems)


_HEAD_BLOCK = re.compile(r"^\s*<head>.*</head>\s*$", re.DOTALL | re.IGNORECASE)
_CUSTOM_ELEMENT = re.compile(r"^</?([a-z][a-z0-9]*-[a-z0-9-]*)> is not an allowed tag$")


def _custom_elements(problems: list[str]) -> list[str]:
    """The custom elements (a hyphen in the name, as HTML defines them) among the problems."""
    return [match.group(1) for problem in problems if (match := _CUSTOM_ELEMENT.match(problem))]


class AllowListRawHtml(SphinxTransform):
    """Show raw HTML that is not on the allow-list as text, with a warning."""

    # after spacer-only HTML is removed (200)
    default_priority = 210

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            if _HEAD_BLOCK.match(raw.astext()):
                # MDX's <head> sets the page's <title> and meta tags: metadata, never page text
                raw.parent.remove(raw)
                continue
            problems = html_problems(raw.astext())
            if not problems:
                continue
            shown = _Shown()
            shown.feed(raw.astext())
            shown.close()
            custom = _custom_elements(problems)
            if custom and len(custom) == len(problems):
                self._note_custom_elements(raw, custom)
            elif not _only_linked(problems, shown.linked):
                warn(
                    f"raw HTML not allowed here ({'; '.join(problems)}): only its text is shown. "
                    "Use Markdown, or only allowed tags and attributes",
                    DocusaurusWarning.HTML_DISALLOWED,
                    location=raw,
                )
            raw.replace_self(self._replacement(raw, shown.pieces))

    def _note_custom_elements(self, raw: nodes.raw, names: list[str]) -> None:
        """A custom element (``<docgen-api>``) is a site component: its text is shown, and the
        build names it once (:mod:`.component_uses`), not at every use."""
        source, line = raw.source or str(self.env.doc2path(self.env.docname)), raw.line or 0
        uses = pages_domain(self.env).components.setdefault(self.env.docname, [])
        for name in dict.fromkeys(names):
            uses.append((name, str(source), line, True))

    @staticmethod
    def _replacement(raw: nodes.raw, pieces: list[tuple[str, str | None]]) -> nodes.Node:
        """The text and links, inline where the HTML was inline, else a paragraph."""
        inline = isinstance(raw.parent, nodes.TextElement)
        holder: nodes.Element = nodes.inline(classes=["docusaurus-disallowed-html"]) if inline else (
            nodes.paragraph(classes=["docusaurus-disallowed-html"])
        )
        for text, link in pieces:
            if link:
                holder += nodes.reference(text, text, refuri=link)
            elif text:
                holder += nodes.Text(text if inline else text.strip("\n"))
        holder.source, holder.line = raw.source, raw.line
        if not inline and not holder.astext().strip():
            return nodes.comment()  # nothing to show: no empty paragraph
        return holder


def setup_raw_html(app: Sphinx) -> None:
    """Register the allow-list transform."""
    app.add_transform(AllowListRawHtml)
