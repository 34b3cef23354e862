"""MyST's renderer, taught the Docusaurus dialect's tokens.

Every construct becomes ordinary Sphinx/docutils nodes (admonitions,
sphinx-design tab sets, dropdowns and cards, literal blocks with captions and
emphasized lines), so the HTML and LaTeX writers both know them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import json5
from docutils import nodes
from myst_parser.mdit_to_docutils.base import clean_astext, token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from sphinx import addnodes
from sphinx_design.shared import create_component

from ..doc_nodes import doc_card_list
from ..heading_ids import HEADING_ID, Slugger
from ..missing_files import note_missing
from ..page_model import pages_domain
from ..toc_inline import InlineTableOfContents
from ..url_policy import has_scheme
from ..warning_types import DocusaurusWarning, warn
from .admonitions import ADMONITIONS
from .code_fences import (
    DEFAULT_MAGIC_COMMENTS,
    HIGHLIGHT_CLASS,
    LINE_CLASSES,
    MagicComment,
    magic_comments_from_config,
    parse_fence_info,
    strip_magic_comments,
)
from .components import COMPONENTS
from .esm import EXPORTS, IMPORTS
from .expressions import literal_value
from .jsx import Expression
from .languages import PLAIN_LANGUAGES_KEY, is_plain_fallback, pygments_language
from .mdx_modules import Rendering, parse_rendering, resolve_markdown_import
from .partials import find_partial, render_partial_text

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

PREVIEW_TEXT = (
    "This feature is a tech preview: it may change or be removed in a later release, "
    "and an upgrade path is not guaranteed. Keep it out of production workloads."
)
_TAGS = re.compile(r"<[^>]*>")
_SIZE_HINT = re.compile(r"#?(width|height)=([\d.]+(?:px|%|em|rem)?)")
_EAGER = re.compile(r"\beager-load\b")
_TOC_SLICE = re.compile(r"toc\.slice\((\d+)\)")


def _attr_text(value: object) -> str | None:
    """A string attribute, or the text of a simple ``{"..."}``/JSX expression."""
    if isinstance(value, str):
        return value
    if isinstance(value, Expression):
        source = value.source.strip()
        if len(source) >= 2 and source[0] == source[-1] and source[0] in "\"'`":
            return source[1:-1]
        return " ".join(_TAGS.sub(" ", source).split()) or None
    return None


class DocusaurusRenderer(SphinxRenderer):
    """Renders admonitions, components and Docusaurus code fences."""

    # --- helpers -----------------------------------------------------------

    def _location(self, line: int | None) -> Any:
        """Where a line of the text being rendered is: the page, or the partial it came from."""
        frames = self.md_env.get("docusaurus_partial_frames")
        if frames and line:
            path, offset = frames[-1]
            return f"{path}:{line - offset}"
        return (self.sphinx_env.docname, line or None)

    def _warn(self, message: str, subtype: DocusaurusWarning, token: SyntaxTreeNode) -> None:
        warn(message, subtype, location=self._location(token_line(token, 0)))

    def add_line_and_source_path(self, node: nodes.Node, token: SyntaxTreeNode) -> None:
        super().add_line_and_source_path(node, token)
        frames = self.md_env.get("docusaurus_partial_frames")
        if frames and node.line:
            # nodes from a partial point at the partial's file and line, for every later warning
            path, offset = frames[-1]
            node.source, node.line = str(path), node.line - offset

    def _component_name(self, token: SyntaxTreeNode) -> str:
        return token.meta.get("name", "") if token.meta else ""

    def _opening(self, token: SyntaxTreeNode) -> Any:
        """The opening token of a paired node (its meta carries name and attrs)."""
        return token.nester_tokens.opening if token.nester_tokens else token

    # --- headings ------------------------------------------------------------

    def render_heading(self, token: SyntaxTreeNode) -> None:
        """A heading with the id Docusaurus gives it (see :mod:`..heading_ids`)."""
        parent = self.current_node
        super().render_heading(token)
        node = self.current_node if self.current_node is not parent else parent.children[-1]
        if not isinstance(node, nodes.Element):
            return
        slugger = self.md_env.setdefault("docusaurus_slugger", Slugger())
        custom = token.meta.get("docusaurus_id") if token.meta else None
        inline = token.to_tokens()[1]
        text = "".join(
            child.content for child in inline.children or []
            if child.type in ("text", "code_inline", "mdx_comment", "mdx_expression")
        )
        heading_id = slugger.unique(custom) if custom else slugger.slug(text)
        old = node.get("slug")
        entry = self._heading_slugs.pop(old, None) if old else None
        if not heading_id:
            node.attributes.pop("slug", None)
            return
        shown = node[0] if isinstance(node, nodes.section) and isinstance(node[0], nodes.Element) else node
        title = entry[2] if entry else clean_astext(shown)
        node["slug"] = heading_id
        node[HEADING_ID] = heading_id
        self._heading_slugs[heading_id] = (node.line, heading_id, title)

    def _magic_comments(self) -> tuple[MagicComment, ...]:
        """The site's magic comments (``docusaurus_magic_comments``), read once a page."""
        if "docusaurus_magic_comments" not in self.md_env:
            configured = magic_comments_from_config(self.sphinx_env.config.docusaurus_magic_comments)
            self.md_env["docusaurus_magic_comments"] = configured or DEFAULT_MAGIC_COMMENTS
        return self.md_env["docusaurus_magic_comments"]

    def render_docusaurus_directive(self, token: SyntaxTreeNode) -> None:
        """``::name[label]`` or ``:name[label]``: no plugin renders it; its label is kept."""
        meta = token.meta
        colons = "::" if meta["kind"] == "leaf" else ":"
        kept = f"its label {meta['label']!r} is shown" if meta["label"] else "nothing is shown"
        self._warn(
            f"'{colons}{meta['name']}' is a directive nothing renders: use Markdown ({kept})",
            DocusaurusWarning.ADMONITION_UNKNOWN, token,
        )
        if not meta["label"]:
            return
        if isinstance(self.current_node, nodes.TextElement):
            self.current_node.append(nodes.Text(meta["label"]))
        else:
            self.current_node.append(nodes.paragraph("", meta["label"]))

    def render_mdx_expression(self, token: SyntaxTreeNode) -> None:
        """``{"text"}`` or ``{42}`` is its text; any other expression needs JavaScript."""
        value = literal_value(token.content)
        name = token.content.strip()
        if value is None and name in self.md_env.get(EXPORTS, {}):
            value = literal_value(self.md_env[EXPORTS][name])  # `export const name = "text"` in the page
        if value is None and name.startswith("frontMatter."):
            front = self.sphinx_env.metadata.get(self.sphinx_env.docname, {})
            found = front.get(name.removeprefix("frontMatter."))
            value = str(found) if isinstance(found, (str, int, float)) else None
        if value is not None:
            self.current_node.append(nodes.Text(value))
            return
        shown = " ".join(token.content.split())
        self._warn(
            f"MDX expression {{{shown[:60]}}} needs the site's JavaScript, which this build does not "
            "run: write its value, or escape the brace as \\{ (it is left out)",
            DocusaurusWarning.COMPONENT_UNKNOWN, token,
        )

    def render_mdx_comment(self, token: SyntaxTreeNode) -> None:
        """``{/* ... */}``: nothing to show."""

    # --- admonitions -------------------------------------------------------

    def render_docusaurus_admonition(self, token: SyntaxTreeNode) -> None:
        kind = token.meta["type"]
        line = token_line(token, 0)
        entry = ADMONITIONS.get(kind)
        if entry is None:
            self._warn(
                f"':::{token.info}' is not an admonition type: use one of "
                f"{', '.join(ADMONITIONS.names())} (its text is shown without a box)",
                DocusaurusWarning.ADMONITION_UNKNOWN, token,
            )
        if token.meta["stranded_offset"] is not None:
            warn(
                f"':::' that closes the ':::{token.info}' admonition stands at the end of a text "
                "line: put it on a line of its own (it was read as the closer)",
                DocusaurusWarning.ADMONITION_CLOSER,
                location=self._location(line + token.meta["stranded_offset"]),
            )
        if not token.meta["closed"]:
            self._warn(
                f"':::{token.info}' admonition is never closed: add a line ':::' after its "
                "text (it runs to the end of the enclosing block)",
                DocusaurusWarning.ADMONITION_CLOSER, token,
            )
        if entry is None:
            # Docusaurus renders a directive no plugin knows as a bare <div> of its body
            container = nodes.container(classes=["docusaurus-directive", *token.meta.get("classes", [])])
            self.add_line_and_source_path(container, token)
            self.current_node.append(container)
            with self.current_node_context(container):
                self.nested_render_text(token.content, line)
            return
        admonition = self._admonition(
            token, kind, token.meta["title"] or entry.title, token.meta.get("classes", []), line
        )
        if token.meta.get("element_id"):
            admonition["ids"].append(token.meta["element_id"])
        with self.current_node_context(admonition):
            body = token.content
            if kind == "preview" and not body.strip():
                body = PREVIEW_TEXT
            self.nested_render_text(body, line)

    def _admonition(
        self, token: SyntaxTreeNode, kind: str, title: str, classes: list[str], line: int
    ) -> nodes.admonition:
        """An admonition node of a known ``kind`` with its title, appended to the page."""
        shown = ADMONITIONS.rendered_type(kind)
        admonition = nodes.admonition(classes=["docusaurus-admonition", kind, *classes])
        if shown != kind:
            admonition["classes"].insert(2, shown)
        if shown in ("note", "tip", "warning", "caution", "danger"):
            admonition["classes"].insert(0, shown)
        self.add_line_and_source_path(admonition, token)
        title_node = nodes.title(title, "")
        with self.current_node_context(title_node):
            self.nested_render_text(title, line, inline=True)
        admonition += title_node
        self.current_node.append(admonition)
        return admonition

    def _block_admonition(self, token: SyntaxTreeNode, attrs: dict) -> None:
        """``<Admonition type="tip" title="...">`` from ``@theme/Admonition``: as ``:::tip[...]``."""
        kind = (_attr_text(attrs.get("type")) or "note").lower()
        if ADMONITIONS.get(kind) is None:
            self._warn(
                f"<Admonition type={kind!r}> is not an admonition type: use one of "
                f"{', '.join(ADMONITIONS.names())} (shown as a note)",
                DocusaurusWarning.ADMONITION_UNKNOWN, token,
            )
            kind = "note"
        title = _attr_text(attrs.get("title")) or ADMONITIONS.default_title(kind)
        admonition = self._admonition(token, kind, title, [], token_line(token, 0))
        with self.current_node_context(admonition):
            self.render_children(token)

    # --- images ----------------------------------------------------------------

    def render_image(self, token: SyntaxTreeNode) -> None:
        src = str(token.attrGet("src") or "")
        title = str(token.attrGet("title") or "")
        hint = _SIZE_HINT.findall(title)
        if hint:
            for key, value in hint:
                token.attrs[key] = value
            title = _SIZE_HINT.sub("", title).strip(" #")
            if title:
                token.attrs["title"] = title
            else:
                token.attrs.pop("title", None)
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src):
            found = self._find_image(src)
            if found is None:
                alt = _EAGER.sub("", self.renderInlineAsText(token.children or [])).strip()
                image_dirs = self.sphinx_env.config.docusaurus_image_dirs
                looked_in = ", ".join(image_dirs) if src.startswith("/") else "the page folder"
                self._warn(
                    f"image '{src}' not found (looked in {looked_in}"
                    "): add the file or fix the path (its alt text is shown instead)",
                    DocusaurusWarning.IMAGE_MISSING, token,
                )
                self.current_node.append(nodes.inline(alt, alt, classes=["docusaurus-missing-image"]))
                return
            token.attrs["src"] = found
        super().render_image(token)
        image = self.current_node.children[-1]
        if isinstance(image, nodes.image):
            image["alt"] = _EAGER.sub("", image.get("alt", "")).strip()

    def _find_image(self, src: str) -> str | None:
        """A site-absolute path (``/x.webp``) in the image folders, or a path from the page."""
        env = self.sphinx_env
        path = src.split("#", 1)[0].split("?", 1)[0]
        srcdir = Path(env.srcdir)
        if path.startswith("/"):
            candidates = [srcdir / folder / path.lstrip("/") for folder in env.config.docusaurus_image_dirs]
            for candidate in candidates:
                if candidate.is_file():
                    return "/" + candidate.relative_to(srcdir).as_posix()
            note_missing(env, candidates)
            return None
        candidate = (Path(env.doc2path(env.docname)).parent / path).resolve()
        if candidate.is_file():
            return path
        note_missing(env, [candidate])
        return None

    # --- code fences -------------------------------------------------------

    def render_fence(self, token: SyntaxTreeNode) -> None:
        info = (token.info or "").strip()
        if info.startswith("{") and not re.match(r"^\{[\d,\s-]+\}", info):
            return super().render_fence(token)  # a MyST directive
        fence = parse_fence_info(info)
        config = self.sphinx_env.config
        marked: dict[str, list[int]] = {}
        if fence.has_ranges:
            # Docusaurus: a {range} in the metastring switches magic comments off
            text, emphasized = token.content, sorted(set(fence.highlight_lines))
        else:
            text, marked = strip_magic_comments(token.content, fence.language, self._magic_comments())
            # the theme's highlight class is the one a literal block can show (emphasized lines)
            emphasized = marked.pop(HIGHLIGHT_CLASS, [])
        language = pygments_language(fence.language or config.highlight_language)
        if is_plain_fallback(fence.language):
            plain = self.sphinx_env.metadata[self.sphinx_env.docname].setdefault(PLAIN_LANGUAGES_KEY, [])
            if fence.language not in plain:
                plain.append(fence.language)
        node = self.create_highlighted_code_block(
            text, language, number_lines=fence.line_numbers, lineno_start=fence.line_numbers_start,
            source=self.document["source"], line=token_line(token, 0) or None,
        )
        if emphasized:
            line_count = len(text.splitlines())
            highlight_args: dict[str, Any] = node.setdefault("highlight_args", {})
            highlight_args["hl_lines"] = [n for n in emphasized if n <= line_count]
        classed: dict[int, list[str]] = {}
        for name in sorted(marked):  # the other magic comments' classes, line by line
            for number in marked[name]:
                classed.setdefault(number, []).append(name)
        if classed:
            node[LINE_CLASSES] = dict(sorted(classed.items()))  # written by the HTML translator
        if fence.hide_clipboard:
            node["classes"].append("no-copybutton")
        if not fence.title:
            self.current_node.append(node)
            return
        wrapper = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
        caption = nodes.caption(fence.title, fence.title)
        self.add_line_and_source_path(caption, token)
        wrapper += caption
        wrapper += node
        self.current_node.append(wrapper)

    # --- JSX components ------------------------------------------------------

    def render_jsx(self, token: SyntaxTreeNode) -> None:
        """A paired block component: ``<Name ...>children</Name>``."""
        opening = self._opening(token)
        name = opening.meta["name"]
        if self._imported_markdown(name, token, opening.meta["attrs"]):
            return
        component = COMPONENTS.get(name)
        if component is None and self._mapped_component(name, token, opening.meta["attrs"]):
            return
        if component is not None and component.paired is not None:
            component.paired(self, token, opening.meta["attrs"])
            return
        if component is not None and component.single is not None:
            component.single(self, token, opening.meta["attrs"])  # <Video ...></Video>
            self.render_children(token)
            return
        self._unknown_component(name, token, has_text=True)
        self.render_children(token)

    def render_jsx_tag(self, token: SyntaxTreeNode) -> None:
        """A self-closing block component, or a tag that could not be paired."""
        name, kind = token.meta["name"], token.meta["kind"]
        if kind == "self":
            if self._imported_markdown(name, token, token.meta["attrs"]):
                return
            component = COMPONENTS.get(name)
            if component is not None and component.single is not None:
                component.single(self, token, token.meta["attrs"])
                return
            if component is None and self._mapped_component(name, token, token.meta["attrs"]):
                return
            self._unknown_component(name, token, has_text=False)
            return
        self._warn(
            f"<{'/' if kind == 'close' else ''}{name}> has no matching "
            f"{'opening' if kind == 'close' else 'closing'} tag: add it "
            "(the tag is ignored, the text around it is kept)",
            DocusaurusWarning.COMPONENT_UNCLOSED, token,
        )

    def render_jsx_inline(self, token: SyntaxTreeNode) -> None:
        opening = self._opening(token)
        name = opening.meta["name"]
        component = COMPONENTS.get(name)
        if component is not None and component.inline_paired is not None:
            component.inline_paired(self, token, opening.meta["attrs"])
            return
        if component is None and self._mapped_component(name, token, opening.meta["attrs"]):
            return
        self._unknown_component(name, token, has_text=True)
        self.render_children(token)

    def render_jsx_inline_tag(self, token: SyntaxTreeNode) -> None:
        name, kind = token.meta["name"], token.meta["kind"]
        component = COMPONENTS.get(name) if kind == "self" else None
        if component is not None and component.inline_single is not None:
            component.inline_single(self, token, token.meta["attrs"])
            return
        if kind == "self":
            if component is None and self._mapped_component(name, token, token.meta["attrs"]):
                return
            self._unknown_component(name, token, has_text=False)
            return
        self._warn(
            f"<{'/' if kind == 'close' else ''}{name}> has no matching tag in this paragraph: "
            "fix the nesting (the tag is ignored, its text is kept)",
            DocusaurusWarning.COMPONENT_UNCLOSED, token,
        )

    def _current_file(self) -> Path:
        """The file being rendered: the page, or the Markdown file it includes here."""
        frames = self.md_env.get("docusaurus_partial_frames")
        if frames:
            return Path(frames[-1][0])
        return Path(self.sphinx_env.doc2path(self.sphinx_env.docname))

    def _imported_markdown(self, name: str, token: SyntaxTreeNode, attrs: dict) -> bool:
        """``<Name />`` where the page imports Name from a Markdown file: that file's text, here."""
        imported = self.md_env.get(IMPORTS, {}).get(name)
        if imported is None:
            return False
        specifier = imported[0]
        path = resolve_markdown_import(specifier, self._current_file(), self.sphinx_env.config.docusaurus_site_dir)
        if path is None:
            return False
        if not path.is_file():
            self._warn(
                f"<{name}> shows '{specifier}', imported on line {imported[1]}, and there is no such file: "
                "correct the import's path (nothing is shown)",
                DocusaurusWarning.PARTIAL_MISSING, token,
            )
            return True
        self._include_markdown(path, attrs, token, f"'{specifier}'")
        return True

    def _mapped_component(self, name: str, token: SyntaxTreeNode, attrs: dict) -> bool:
        """A site component ``docusaurus_components`` says how to draw."""
        mapping = self.sphinx_env.config.docusaurus_components
        value = mapping.get(name) if isinstance(mapping, dict) else None
        if not isinstance(value, str):
            return False
        rendering = parse_rendering(name, value)  # checked when the config was read
        self._draw_mapped(rendering, token, attrs)
        return True

    def _draw_mapped(self, rendering: Rendering, token: SyntaxTreeNode, attrs: dict) -> None:
        kind, argument = rendering.kind, rendering.argument
        if kind == "none":
            return
        if kind == "children":
            self.render_children(token)
            return
        if kind == "link":
            url = _attr_text(attrs.get(argument)) or ""
            text = (token.children and clean_astext(self._render_to_node(token))) or url
            if url:
                node = self._link(text, url, token)
                target = self.current_node if isinstance(self.current_node, nodes.TextElement) else None
                (target or self.current_node).append(node if target else nodes.paragraph("", "", node))
            return
        if kind == "admonition":
            line = token_line(token, 0)
            box: nodes.Element = self._admonition(token, argument, ADMONITIONS.default_title(argument), [], line)
            with self.current_node_context(box):
                self.render_children(token)
            return
        if kind == "dropdown":
            title = _attr_text(attrs.get(argument)) or "Details"
            box = create_component(
                "dropdown", opened=False, type="dropdown", has_title=True,
                icon=None, chevron=None, container_classes=["sd-mb-3"], title_classes=[], body_classes=[],
            )
            box += nodes.rubric(title, title, classes=["docusaurus-summary"])
        else:  # container
            box = nodes.container(classes=[argument])
        self.add_line_and_source_path(box, token)
        self.current_node.append(box)
        with self.current_node_context(box):
            self.render_children(token)

    def _single_tocinline(self, token: SyntaxTreeNode, attrs: dict) -> None:
        """``<TOCInline toc={toc} />`` (``@theme/TOCInline``): the headings below it, as docutils'
        own ``contents`` builds them (levels ``minHeadingLevel``..``maxHeadingLevel``, 2..3 by default)."""
        low = literal_value(_attr_text(attrs.get("minHeadingLevel")) or "") or "2"
        high = literal_value(_attr_text(attrs.get("maxHeadingLevel")) or "") or "3"
        toc = _attr_text(attrs.get("toc")) or "toc"
        sliced = _TOC_SLICE.fullmatch(toc.replace(" ", ""))
        details = {
            "low": int(low) if low.isdigit() else 2,
            "high": int(high) if high.isdigit() else 3,
            "skip": int(sliced.group(1)) if sliced else 0,
        }
        topic = nodes.topic(classes=["contents", "docusaurus-toc-inline"])
        pending = nodes.pending(InlineTableOfContents, details=details)
        self.document.note_pending(pending)
        topic += pending
        self.add_line_and_source_path(topic, token)
        self.current_node.append(topic)

    def _render_to_node(self, token: SyntaxTreeNode) -> nodes.Element:
        holder = nodes.paragraph()
        with self.current_node_context(holder):
            self.render_children(token)
        return holder

    def _unknown_component(self, name: str, token: SyntaxTreeNode, has_text: bool) -> None:
        """A component the site does not know: its children are kept; the build reports each name
        once (:mod:`..component_uses`), not once per use."""
        location = self._location(token_line(token, 0))
        if isinstance(location, tuple):
            path, line = self.sphinx_env.doc2path(location[0]).as_posix(), location[1] or 0
        else:
            path, _, number = location.rpartition(":")
            line = int(number) if number.isdigit() else 0
        uses = pages_domain(self.sphinx_env).components.setdefault(self.sphinx_env.docname, [])
        uses.append((name, path, line, has_text))

    # Tabs ------------------------------------------------------------------

    def _block_tabs(self, token: SyntaxTreeNode, attrs: dict) -> None:
        tab_set = create_component("tab-set", classes=["sd-tab-set"])
        self.add_line_and_source_path(tab_set, token)
        group = _attr_text(attrs.get("groupId")) or _attr_text(attrs.get("queryString"))
        self.current_node.append(tab_set)
        with self.current_node_context(tab_set):
            self.render_children(token)
        items = [
            child for child in tab_set.children
            if isinstance(child, nodes.Element) and child.get("design_component") == "tab-item"
        ]
        if items and not any(item.get("selected") for item in items):
            items[0]["selected"] = True
        for item in items:
            label = item.children[0]
            if not isinstance(label, nodes.Element):
                continue
            if group and "sync_id" in label:
                label["sync_group"] = group
            elif "sync_id" in label and not group:
                del label["sync_id"]
        stray = [child for child in tab_set.children if child not in items]
        for child in stray:
            if isinstance(child, (nodes.target, nodes.comment)):
                continue
            tab_set.remove(child)
            tab_set.parent.insert(tab_set.parent.index(tab_set), child)

    def _block_tabitem(self, token: SyntaxTreeNode, attrs: dict) -> None:
        value = _attr_text(attrs.get("value"))
        label_text = _attr_text(attrs.get("label")) or value or "Tab"
        item = create_component(
            "tab-item", classes=["sd-tab-item"], selected=bool(attrs.get("default"))
        )
        self.add_line_and_source_path(item, token)
        label = nodes.rubric(label_text, label_text, classes=["sd-tab-label"])
        if value:
            label["sync_id"] = value
        item += label
        content = create_component("tab-content", classes=["sd-tab-content"])
        item += content
        self.current_node.append(item)
        with self.current_node_context(content):
            self.render_children(token)

    # details / summary -------------------------------------------------------

    def _block_details(self, token: SyntaxTreeNode, attrs: dict) -> None:
        dropdown = create_component(
            "dropdown", opened=bool(attrs.get("open")), type="dropdown", has_title=False,
            icon=None, chevron=None, container_classes=["sd-mb-3"], title_classes=[], body_classes=[],
        )
        self.add_line_and_source_path(dropdown, token)
        self.current_node.append(dropdown)
        with self.current_node_context(dropdown):
            self.render_children(token)
        summaries = [
            child for child in dropdown.children
            if isinstance(child, nodes.Element) and "docusaurus-summary" in child.get("classes", [])
        ]
        if summaries:
            dropdown["has_title"] = True
            title = summaries[0]
            dropdown.remove(title)
            dropdown.insert(0, title)
        elif _attr_text(attrs.get("summary")):  # @theme/Details: <Details summary="...">
            text = _attr_text(attrs.get("summary")) or ""
            dropdown["has_title"] = True
            dropdown.insert(0, nodes.rubric(text, text, classes=["docusaurus-summary"]))

    def _single_summary(self, token: SyntaxTreeNode, attrs: dict) -> None:
        text = token.meta.get("text") or "Details"
        rubric = nodes.rubric(text, "", classes=["docusaurus-summary"])
        self.add_line_and_source_path(rubric, token)
        with self.current_node_context(rubric):
            self.nested_render_text(text, token_line(token, 0), inline=True)
        self.current_node.append(rubric)

    def _block_summary(self, token: SyntaxTreeNode, attrs: dict) -> None:
        rubric = nodes.rubric("", "", classes=["docusaurus-summary"])
        self.add_line_and_source_path(rubric, token)
        self.current_node.append(rubric)
        holder = nodes.container()
        with self.current_node_context(holder):
            self.render_children(token)
        for paragraph in holder.findall(nodes.paragraph):
            rubric.extend(paragraph.children)
            break

    # partials ------------------------------------------------------------------

    def _single_partialscomponent(self, token: SyntaxTreeNode, attrs: dict) -> None:
        category = _attr_text(attrs.get("category")) or ""
        name = _attr_text(attrs.get("name")) or ""
        env = self.sphinx_env
        path = find_partial(env, category, name)
        if path is None:
            self._warn(
                f"no partial with category '{category}' and name '{name}' in "
                f"'{env.config.docusaurus_partials_dir}': check the names, or add a partial "
                "with that partial_category and partial_name",
                DocusaurusWarning.PARTIAL_MISSING, token,
            )
            return
        self._include_markdown(path, attrs, token, f"partial '{category}/{name}'")

    def _include_markdown(self, path: Path, attrs: dict, token: SyntaxTreeNode, what: str) -> None:
        """Show a Markdown file here, ``{props.x}`` filled from the tag's attributes."""
        env = self.sphinx_env
        stack: list[str] = self.md_env.setdefault("docusaurus_partials", [])
        if str(path) in stack:
            self._warn(
                f"{what} includes itself: remove the cycle (not included again)",
                DocusaurusWarning.PARTIAL_MISSING, token,
            )
            return
        env.note_dependency(str(path))
        props = {key: _attr_text(value) or "" for key, value in attrs.items()}
        text = render_partial_text(path, props)
        frames: list[tuple[str, int]] = self.md_env.setdefault("docusaurus_partial_frames", [])
        offset = token_line(token, 0)
        stack.append(str(path))
        frames.append((str(path), offset))
        try:
            self.nested_render_text(text, offset)
        finally:
            stack.pop()
            frames.pop()

    # links, cards, media ---------------------------------------------------------

    def _link(self, text: str, url: str, token: SyntaxTreeNode) -> nodes.Element:
        node: nodes.Element
        if has_scheme(url):
            node = nodes.reference(text, text, refuri=url)
        else:
            node = addnodes.pending_xref(
                refdomain=None, reftype="myst", reftarget=url, refdoc=self.sphinx_env.docname,
                refexplicit=True,
            )
            node += nodes.inline(text, text)
        self.add_line_and_source_path(node, token)
        return node

    def _single_versionedlink(self, token: SyntaxTreeNode, attrs: dict) -> None:
        url = _attr_text(attrs.get("url")) or ""
        text = _attr_text(attrs.get("text")) or url
        node = self._link(text, url, token)
        if isinstance(self.current_node, nodes.TextElement):
            self.current_node.append(node)
        else:
            self.current_node.append(nodes.paragraph("", "", node))

    def _palette_vertex_link(self, token: SyntaxTreeNode, attrs: dict) -> None:
        """The Palette docs' ``<PaletteVertexUrlMapper edition text url>``: a link into the
        self-hosted Palette (``/enterprise-version``) or the VerteX (``/vertex``) docs."""
        edition = (_attr_text(attrs.get("edition")) or "").lower()
        url = _attr_text(attrs.get("url")) or ""
        mapped = ("/enterprise-version" if edition == "palette" else "/vertex") + url
        self._single_versionedlink(token, {"url": mapped, "text": _attr_text(attrs.get("text")) or mapped})

    def _single_doccardlist(self, token: SyntaxTreeNode, attrs: dict) -> None:
        placeholder = doc_card_list()
        self.add_line_and_source_path(placeholder, token)
        self.current_node.append(placeholder)

    def _single_simplecardgrid(self, token: SyntaxTreeNode, attrs: dict) -> None:
        cards = attrs.get("cards")
        try:
            parsed = json5.loads(cards.source) if isinstance(cards, Expression) else None
        except ValueError:
            parsed = None
        if not isinstance(parsed, list):
            self._warn(
                "<SimpleCardGrid> needs cards={[{title, description, buttonText, url}, ...]}: "
                "fix the cards list (nothing is shown)",
                DocusaurusWarning.COMPONENT_UNKNOWN, token,
            )
            return
        # sphinx-design's grid and cards (as `{grid} 1 1 2 2` with `:gutter: 3` makes them),
        # built as nodes: a card's text is never read again as Markdown
        grid = create_component("grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"])
        row = create_component("grid-row", [
            "sd-row", "sd-row-cols-1", "sd-row-cols-xs-1", "sd-row-cols-sm-1", "sd-row-cols-md-2",
            "sd-row-cols-lg-2", "sd-g-3", "sd-g-xs-3", "sd-g-sm-3", "sd-g-md-3", "sd-g-lg-3",
        ])
        grid += row
        for card in parsed:
            if isinstance(card, dict):
                row += self._card(card, token)
        self.add_line_and_source_path(grid, token)
        self.current_node.append(grid)

    def _card(self, card: dict, token: SyntaxTreeNode) -> nodes.Element:
        """One card of a ``<SimpleCardGrid>``: title, description, button link."""
        column = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
        box = create_component("card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"])
        body = create_component("card-body", ["sd-card-body"])
        title = " ".join(str(card.get("title", "")).split())
        if title:
            heading = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
            heading += nodes.Text(title)
            body += heading
        if card.get("description"):
            body += nodes.paragraph("", str(card["description"]), classes=["sd-card-text"])
        if card.get("url"):
            button = str(card.get("buttonText") or "Learn more")
            body += nodes.paragraph("", "", self._link(button, str(card["url"]), token), classes=["sd-card-text"])
        box += body
        column += box
        return column

    def _media_link(self, token: SyntaxTreeNode, attrs: dict) -> None:
        url = _attr_text(attrs.get("url")) or _attr_text(attrs.get("src")) or ""
        title = _attr_text(attrs.get("title")) or "Watch the video"
        if not url:
            self._unknown_component(token.meta["name"], token, has_text=False)
            return
        paragraph = nodes.paragraph(classes=["docusaurus-video"])
        paragraph += nodes.Text("Video: ")
        paragraph += self._link(title, url, token)
        self.current_node.append(paragraph)


    def _single_redirect(self, token: SyntaxTreeNode, attrs: dict) -> None:
        target = _attr_text(attrs.get("to")) or ""
        pages_domain(self.sphinx_env).redirects[self.sphinx_env.docname] = target
        paragraph = nodes.paragraph(classes=["docusaurus-redirect"])
        paragraph += nodes.Text("This page has moved: ")
        paragraph += self._link(target, target, token)
        self.current_node.append(paragraph)

    def _inline_tooltip(self, token: SyntaxTreeNode, attrs: dict) -> None:
        trigger = _attr_text(attrs.get("trigger")) or ""
        holder = nodes.inline()
        with self.current_node_context(holder):
            self.render_children(token)
        explanation = " ".join(holder.astext().split())
        node = nodes.abbreviation(trigger or explanation, trigger or explanation, explanation=explanation)
        node["classes"].append("docusaurus-tooltip")
        self.current_node.append(node)

    def _inline_link(self, token: SyntaxTreeNode, attrs: dict) -> None:
        """``<Link to="/path">text</Link>`` (``@docusaurus/Link``): a link as Markdown writes it."""
        url = _attr_text(attrs.get("to")) or _attr_text(attrs.get("href")) or ""
        holder = nodes.inline()
        with self.current_node_context(holder):
            self.render_children(token)
        if not url:
            self.current_node.extend(holder.children)
            return
        if has_scheme(url):
            node: nodes.Element = nodes.reference("", "", *holder.children, refuri=url)
        else:
            node = addnodes.pending_xref(
                refdomain=None, reftype="myst", reftarget=url, refdoc=self.sphinx_env.docname, refexplicit=True,
            )
            node += nodes.inline("", "", *holder.children)
        self.add_line_and_source_path(node, token)
        self.current_node.append(node)

    def _block_link(self, token: SyntaxTreeNode, attrs: dict) -> None:
        paragraph = nodes.paragraph()
        self.current_node.append(paragraph)
        with self.current_node_context(paragraph):
            self._inline_link(token, attrs)



# name -> how it is drawn (dialect/components.py); a site's own components are added the same way
COMPONENTS.register("Admonition", paired=DocusaurusRenderer._block_admonition)
COMPONENTS.register("Tabs", paired=DocusaurusRenderer._block_tabs)
COMPONENTS.register("TabItem", paired=DocusaurusRenderer._block_tabitem)
COMPONENTS.register("details", paired=DocusaurusRenderer._block_details)
COMPONENTS.register("summary", paired=DocusaurusRenderer._block_summary, single=DocusaurusRenderer._single_summary)
COMPONENTS.register("PartialsComponent", single=DocusaurusRenderer._single_partialscomponent)
COMPONENTS.register(
    "VersionedLink",
    single=DocusaurusRenderer._single_versionedlink, inline_single=DocusaurusRenderer._single_versionedlink,
)
COMPONENTS.register(
    "PaletteVertexUrlMapper",
    single=DocusaurusRenderer._palette_vertex_link, inline_single=DocusaurusRenderer._palette_vertex_link,
)
COMPONENTS.register("DocCardList", single=DocusaurusRenderer._single_doccardlist)
COMPONENTS.register("TOCInline", single=DocusaurusRenderer._single_tocinline)
COMPONENTS.register("SimpleCardGrid", single=DocusaurusRenderer._single_simplecardgrid)
COMPONENTS.register("YouTube", single=DocusaurusRenderer._media_link)
COMPONENTS.register("Video", single=DocusaurusRenderer._media_link)
COMPONENTS.register("Redirect", single=DocusaurusRenderer._single_redirect)
COMPONENTS.register("Tooltip", inline_paired=DocusaurusRenderer._inline_tooltip)
COMPONENTS.register("Link", paired=DocusaurusRenderer._block_link, inline_paired=DocusaurusRenderer._inline_link)
