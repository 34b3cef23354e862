"""The Markdown copy of a page (markdown_copy.py), construct by construct, and llms.txt's text.

Plain Markdown constructs are fixture cases (``tests/fixtures/markdown_copy.md``: a title,
the page's MyST source, the copy's body), parsed by MyST's docutils parser (no Sphinx);
what only a Sphinx build makes (sphinx-design tabs, dropdowns and cards, captioned code,
the bulletins' table rows, tooltips, unknown nodes) is built here as the doctree the
HTML builder resolves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docutils import nodes, utils
from docutils.core import publish_doctree
from markdown_it.utils import read_fixture_file
from myst_parser.parsers.docutils_ import Parser

from docusaurus_compat.llms_txt import Link, Section, llms_full, llms_txt, strip_front_matter
from docusaurus_compat.markdown_copy import MarkdownTranslator, front_matter
from llms_format import parse_llms_txt

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "markdown_copy.md"
MYST = {
    "myst_enable_extensions": ["colon_fence", "deflist", "strikethrough", "tasklist"],
    "myst_footnote_transition": False,
    "doctitle_xform": False,  # as in Sphinx: the page title stays a section
    "report_level": 5,
    "warning_stream": False,
}


def markdown_of(source: str) -> str:
    return MarkdownTranslator().translate(publish_doctree(source, parser=Parser(), settings_overrides=MYST))


@pytest.mark.parametrize(
    ("line", "title", "source", "expected"),
    read_fixture_file(FIXTURES),
    ids=[case[1] for case in read_fixture_file(FIXTURES)],
)
def test_fixture(line: int, title: str, source: str, expected: str) -> None:
    assert markdown_of(source) == expected


def test_output_is_stable_under_a_second_pass() -> None:
    """The copy read as MyST again gives the same copy: nothing in it is misread."""
    for _line, _title, source, _expected in read_fixture_file(FIXTURES):
        once = markdown_of(source)
        assert markdown_of(once) == once


# --- what a Sphinx build makes -----------------------------------------------------------------


def design(component: str, *children: nodes.Node, **attributes: object) -> nodes.container:
    return nodes.container("", *children, design_component=component, is_div=True, **attributes)


def para(*children: nodes.Node | str) -> nodes.paragraph:
    return nodes.paragraph("", "", *(nodes.Text(c) if isinstance(c, str) else c for c in children))


def new_document() -> nodes.document:
    return utils.new_document("<test>")


def render(*children: nodes.Node, link=None) -> str:
    document = new_document()
    document.extend(children)
    return MarkdownTranslator(link=link).translate(document)


def test_sphinx_design_tabs_become_labelled_parts() -> None:
    from sphinx_design.tabs import sd_tab_input, sd_tab_label

    tabs = design(
        "tab-set",
        sd_tab_input("", id="t0", type="radio"), sd_tab_label("", "Container image"),
        design("tab-content", nodes.literal_block("cosign verify", "cosign verify", language="shell")),
        sd_tab_input("", id="t1", type="radio"), sd_tab_label("", "Helm chart"),
        design("tab-content", para("Same way.")),
    )
    assert render(tabs) == (
        "**Container image**\n\n```shell\ncosign verify\n```\n\n**Helm chart**\n\nSame way.\n"
    )


def test_dropdowns_become_a_bold_summary_and_the_content() -> None:
    from sphinx_design.dropdown import dropdown_main, dropdown_title

    chevron = nodes.inline("", "", nodes.raw("", '<svg aria-hidden="true"><path d="M8"/></svg>', format="html"))
    box = dropdown_main(
        "", dropdown_title("", "", nodes.inline("", "What fails?"), chevron),
        design("dropdown-body", para("An error.")),
    )
    assert render(box) == "**What fails?**\n\nAn error.\n"


def test_card_grids_become_lists_of_links() -> None:
    icon = nodes.raw("", '<svg class="icon"><path d="M0"/></svg>', format="html")
    index_card = design("card", design("card-body",
        design("card-title", nodes.inline("", "", icon, nodes.reference("", "", nodes.inline("", "Core Principles"),
                                                                        internal=True, refuri="../core-principles/"))),
        para("Learn the principles."),
    ))
    simple_card = design("card", design("card-body",
        design("card-title", nodes.Text("Guide")),
        para("Read the guide."),
        para(nodes.reference("", "Learn more", refuri="https://example.com/guide")),
    ))
    row = design("grid-row", design("grid-item", index_card), design("grid-item", simple_card))
    grid = design("grid-container", row)
    absolute = {"../core-principles/": "/security/core-principles/"}
    assert render(grid, link=lambda uri: absolute.get(uri, uri)) == (
        "- [Core Principles](/security/core-principles/): Learn the principles.\n"
        "- [Guide](https://example.com/guide): Read the guide.\n"
    )


def test_internal_links_go_through_the_link_function() -> None:
    page = para("See ", nodes.reference("", "", nodes.inline("", "Lifecycle"), internal=True, refuri="../lifecycle/#x"),
                " and ", nodes.reference("", "", nodes.Text("here"), internal=True, refid="anchor"), ".")
    resolved = render(page, link=lambda uri: "/security/lifecycle/#x" if uri.startswith("..") else f"/page/{uri}")
    assert resolved == "See [Lifecycle](/security/lifecycle/#x) and [here](/page/#anchor).\n"


def test_code_with_a_title_keeps_it_in_the_info_string() -> None:
    wrapper = nodes.container("", nodes.caption("", "values.yaml"),
                              nodes.literal_block("a: 1", "a: 1", language="yaml"), literal_block=True)
    assert render(wrapper) == '```yaml title="values.yaml"\na: 1\n```\n'
    quoted = nodes.container("", nodes.caption("", 'say "hi"'),
                             nodes.literal_block("x", "x", language="text"), literal_block=True)
    assert render(quoted) == '**say "hi"**\n\n```\nx\n```\n'


def test_docusaurus_admonition_with_its_title() -> None:
    box = nodes.admonition("", nodes.title("", "Further reading"), para("Body."),
                           classes=["docusaurus-admonition", "further"])
    assert render(box) == "> **Further reading**\n>\n> Body.\n"
    assert render(nodes.warning("", para("Careful."))) == "> **Warning**\n>\n> Careful.\n"


def test_nested_admonition_in_a_list_item() -> None:
    item = nodes.list_item("", para("Step."), nodes.note("", para("A ", nodes.emphasis("", "note"), ".")))
    assert render(nodes.bullet_list("", item)) == "- Step.\n\n  > **Note**\n  >\n  > A *note*.\n"


def test_table_rows_of_subclasses_and_spanning_cells() -> None:
    class advisory_row(nodes.row):  # noqa: N801 - docutils names nodes in lower case
        pass

    def entry(text: str, **attributes: object) -> nodes.entry:
        return nodes.entry("", para(text), **attributes)

    table = nodes.table("", nodes.title("", "Bulletins"), nodes.tgroup(
        "", nodes.colspec(), nodes.colspec(), nodes.colspec(),
        nodes.thead("", nodes.row("", entry("ID"), entry("Title", morecols=1))),
        nodes.tbody("", advisory_row("", entry("CVE-1"), entry("a|b"), entry("x")), nodes.row("", entry("CVE-2"))),
        cols=3,
    ))
    assert render(table) == (
        "**Bulletins**\n\n| ID | Title |  |\n| --- | --- | --- |\n| CVE-1 | a\\|b | x |\n| CVE-2 |  |  |\n"
    )


def test_field_lists_tooltips_line_blocks_math() -> None:
    fields = nodes.field_list("", nodes.field("", nodes.field_name("", "Status"), nodes.field_body("", para("Open"))))
    tooltip = para(nodes.abbreviation("", "SBOM", explanation="Software bill of materials"), " lists parts.")
    lines = nodes.line_block("", nodes.line("", "first"), nodes.line("", "- second"))
    math = para("Area ", nodes.math("", "a^2"), ".")
    assert render(fields, tooltip, lines, math) == (
        "- **Status**: Open\n\nSBOM (Software bill of materials) lists parts.\n\nfirst\\\n\\- second\n\nArea $a^2$.\n"
    )


def test_figures_and_site_images() -> None:
    figure = nodes.figure("", nodes.image(uri="_static/images/a.webp", alt="Diagram"), nodes.caption("", "The flow"))
    translator = MarkdownTranslator(image=lambda node: "/_images/" + node["uri"].rsplit("/", 1)[-1])
    document = new_document()
    document += figure
    assert translator.translate(document) == "![Diagram](/_images/a.webp)\n\n*The flow*\n"


def test_unknown_nodes_keep_their_text_and_skipped_nodes_show_nothing() -> None:
    class site_widget(nodes.General, nodes.Element):  # noqa: N801
        pass

    class site_badge(nodes.Inline, nodes.TextElement):  # noqa: N801
        pass

    class advisory_filters(nodes.General, nodes.Element):  # noqa: N801 - the bulletins' filter form
        pass

    widget = site_widget("", para("Widget ", site_badge("", "badge"), " text."), nodes.comment("", "hidden"))
    assert render(widget, advisory_filters(html="<form>Product</form>"), nodes.target(ids=["x"])) == (
        "Widget badge text.\n"
    )
    sections = nodes.section()
    inner = sections
    for depth in range(1, 9):
        inner += nodes.title("", f"Level {depth}")
        child = nodes.section()
        inner += child
        inner = child
    assert render(sections).splitlines()[-1] == "###### Level 8"


# --- front matter -----------------------------------------------------------------------------

HOSTILE = [
    "Plain",
    "Two\nlines\r\nand\ttabs",
    "Brackets ] [ and ](x)",
    "---",
    "a\n---\nb: c",
    "<script>alert(1)</script> & \"quotes\" 'single'",
    "key: value # not a comment",
    "- list?",
    "{flow: mapping}",
    "ünïcödé — “quotes”",
    "trailing \\",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_front_matter_holds_exactly_the_title_and_description(text: str) -> None:
    head = front_matter(text, f"Description: {text}")
    lines = head.split("\n")
    assert lines[0] == "---" and lines[3] == "---" and lines[4] == "" and len(lines) == 5
    values = yaml.safe_load(head.strip().strip("-"))
    assert values == {"title": " ".join(text.split()), "description": " ".join(f"Description: {text}".split())}


def test_front_matter_without_a_description() -> None:
    assert front_matter("Title", None) == "---\ntitle: Title\n---\n"
    assert front_matter("Title", "  \n ") == "---\ntitle: Title\n---\n"


# --- llms.txt and llms-full.txt ---------------------------------------------------------------


def test_llms_txt_is_in_the_proposal_format_whatever_the_titles() -> None:
    sections = [
        Section("Home", [Link("Docs", "https://example.com/index.md", "Entry point.", "index")]),
        Section("Guides [beta]", [
            Link("Odd ] title\nwith a newline", "https://example.com/a.md", "Line one\nline two: *star*", "a"),
            Link("No description", "https://example.com/b.md", "", "b"),
        ]),
    ]
    optional = [Link("Tag: x", "https://example.com/tags/x/", "1 page tagged x")]
    text = llms_txt("My <Project>\n", "A summary\nover lines.", sections, optional, "https://example.com/llms-full.txt")
    parsed = parse_llms_txt(text)
    assert parsed.title == "My \\<Project>"
    assert parsed.summary == "A summary over lines."
    assert list(parsed.sections) == ["Home", "Guides \\[beta\\]", "Optional"]
    assert [url for _name, url, _notes in parsed.sections["Guides \\[beta\\]"]] == [
        "https://example.com/a.md", "https://example.com/b.md",
    ]
    assert parsed.sections["Guides \\[beta\\]"][0][0] == "Odd \\] title with a newline"
    assert parsed.sections["Guides \\[beta\\]"][0][2] == "Line one line two: \\*star\\*"
    assert parsed.sections["Guides \\[beta\\]"][1][2] == ""


def test_the_format_checker_refuses_what_the_proposal_does_not_allow() -> None:
    good = "# P\n\n> S\n\n## A\n\n- [x](https://e/x.md): d\n"
    parse_llms_txt(good)
    for bad in (
        good.replace("# P", "P"), good.replace("> S", "S"), good.replace("## A", "### A"),
        good.replace("- [x](https://e/x.md): d", "- x: d"), "# P\n\n> S\n\n## A\n",
    ):
        with pytest.raises(AssertionError):
            parse_llms_txt(bad)


def test_llms_full_drops_each_copys_front_matter() -> None:
    copy = front_matter("A ---", "d") + "\n# A\n\nBody.\n"
    assert strip_front_matter(copy) == "# A\n\nBody.\n"
    full = llms_full("P", "S", [("https://e/a/", copy)])
    assert full == "# P\n\n> S\n\n---\n\nSource: <https://e/a/>\n\n# A\n\nBody.\n"
