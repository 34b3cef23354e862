"""Docusaurus code-fence info strings and magic comments (dialect/code_fences.py), table-driven.

What Docusaurus does is in ``@docusaurus/theme-common`` ``codeBlockUtils``: the title from
``title="..."``/``title='...'``, highlighted lines from ``{1,3-4}``, line numbers from
``showLineNumbers`` (``showLineNumbers=N`` starts at N), and the magic comments
``highlight-next-line``/``highlight-start``/``highlight-end`` in the comment syntaxes it
knows (``//``, ``/* */``, ``{/* */}``, ``#``, ``<!-- -->``, and ``--`` and others for
some languages). ``hideClipboard`` is this site's own flag. Cases where we differ are
strict xfails.
"""

from __future__ import annotations

import pytest

from docusaurus_compat.dialect.code_fences import HIGHLIGHT_CLASS, FenceInfo, parse_fence_info, strip_magic_comments

FENCE_INFO: list[tuple[str, str, FenceInfo]] = [
    # (id, info string, expected)
    ("empty", "", FenceInfo()),
    ("language only", "yaml", FenceInfo(language="yaml")),
    ("double-quoted title", 'yaml title="values.yaml"', FenceInfo(language="yaml", title="values.yaml")),
    ("single-quoted title", "yaml title='values.yaml'", FenceInfo(language="yaml", title="values.yaml")),
    ("title with spaces", 'shell title="Install the CLI"', FenceInfo(language="shell", title="Install the CLI")),
    ("title holding braces", 'js title="a {1} b"', FenceInfo(language="js", title="a {1} b")),
    ("title ends at its closing quote", 'js title="a"b"', FenceInfo(language="js", title="a")),
    ("empty title", 'sh title=""', FenceInfo(language="sh", title="")),
    # lenient: Docusaurus reads only quoted titles
    # Docusaurus reads only a quoted title (codeBlockUtils parseCodeBlockTitle)
    ("unquoted title", "js title=plain.js", FenceInfo(language="js")),
    ("single line", "js {2}", FenceInfo(language="js", highlight_lines=[2])),
    ("lines and ranges", "yaml {1,3-4}", FenceInfo(language="yaml", highlight_lines=[1, 3, 4])),
    ("two ranges", "yaml {1,4-6,11}", FenceInfo(language="yaml", highlight_lines=[1, 4, 5, 6, 11])),
    ("two brace groups", "js {1} {3}", FenceInfo(language="js", highlight_lines=[1, 3])),
    # lenient: Docusaurus's range pattern is [\d,-]+ (no spaces)
    # Docusaurus's range pattern ({[\d,-]+}) allows no spaces: nothing is highlighted
    ("spaces inside the braces", "js {1, 3 - 4}", FenceInfo(language="js")),
    ("a reversed range is empty", "js {2-1}", FenceInfo(language="js")),
    ("braces that are no ranges", "js {a,b}", FenceInfo(language="js")),
    ("ranges with no language", "{1,3}", FenceInfo(highlight_lines=[1, 3])),
    ("showLineNumbers", "js showLineNumbers", FenceInfo(language="js", line_numbers=True)),
    ("showLineNumbers=N turns numbers on", "js showLineNumbers=3", FenceInfo(language="js", line_numbers=True)),
    ("hideClipboard", "bash hideClipboard", FenceInfo(language="bash", hide_clipboard=True)),
    ("hideClipboard is case-sensitive", "bash hideclipboard", FenceInfo(language="bash")),
    (
        "everything, in the README's order",
        'yaml title="x.yaml" {1,3-4} showLineNumbers hideClipboard',
        FenceInfo(language="yaml", title="x.yaml", highlight_lines=[1, 3, 4], line_numbers=True, hide_clipboard=True),
    ),
    (
        "everything, in another order",
        'yaml hideClipboard showLineNumbers {1,3-4} title="x.yaml"',
        FenceInfo(language="yaml", title="x.yaml", highlight_lines=[1, 3, 4], line_numbers=True, hide_clipboard=True),
    ),
    (
        "odd spacing",
        "  yaml   title='a b.yaml'   {1,3}    showLineNumbers  ",
        FenceInfo(language="yaml", title="a b.yaml", highlight_lines=[1, 3], line_numbers=True),
    ),
    # Docusaurus takes the language from the first word: here there is none
    ("the title before the language", 'title="x.yaml" yaml', FenceInfo(title="x.yaml")),
    ("flags only: no language", "showLineNumbers hideClipboard", FenceInfo(line_numbers=True, hide_clipboard=True)),
]


@pytest.mark.parametrize(("info", "expected"), [pytest.param(i, e, id=n) for n, i, e in FENCE_INFO])
def test_parse_fence_info(info: str, expected: FenceInfo) -> None:
    found = parse_fence_info(info)
    fields = ("language", "title", "highlight_lines", "line_numbers", "hide_clipboard")
    assert [getattr(found, name) for name in fields] == [getattr(expected, name) for name in fields]


def test_show_line_numbers_start() -> None:
    # Docusaurus starts line numbers at N for showLineNumbers=N (codeBlockUtils getLineNumbersStart)
    fence = parse_fence_info("js showLineNumbers=3")
    assert (fence.line_numbers, fence.line_numbers_start) == (True, 3)


MAGIC: list[tuple[str, str, str, list[int]]] = [
    # (id, code, code after stripping, highlighted 1-based lines of that code)
    ("no comments", "a\nb\n", "a\nb\n", []),
    ("empty", "", "", []),
    ("next line", "a\n// highlight-next-line\nb\nc\n", "a\nb\nc\n", [2]),
    ("start and end", "# highlight-start\nx\ny\n# highlight-end\nz", "x\ny\nz", [1, 2]),
    (
        "lines are numbered after the comments are removed",
        "// highlight-next-line\na\nb\n// highlight-start\nc\nd\n// highlight-end\ne\n",
        "a\nb\nc\nd\ne\n",
        [1, 3, 4],
    ),
    ("next line inside a block", "// highlight-start\n// highlight-next-line\na\nb\n// highlight-end\nc", "a\nb\nc",
     [1, 2]),
    ("two next-line comments in a row", "// highlight-next-line\n// highlight-next-line\ny\n", "y\n", [1]),
    ("an indented comment", "    // highlight-next-line\n    indented\n", "    indented\n", [1]),
    ("no space after the comment marker", "//highlight-next-line\ny\n", "y\n", [1]),
    ("a block start never ended runs to the end", "// highlight-start\na\nb\n", "a\nb\n", [1, 2]),
    ("HTML comment", "<!-- highlight-next-line -->\n<p>\n", "<p>\n", [1]),
    ("C block comment", "/* highlight-next-line */\nq\n", "q\n", [1]),
    ("no language: -- is not a comment", "-- highlight-next-line\nx;\n", "-- highlight-next-line\nx;\n", []),
    ("shell/YAML comment", "# highlight-next-line\nkey: value\n", "key: value\n", [1]),
    ("a comment after code is not a directive", "x // highlight-next-line\ny\n", "x // highlight-next-line\ny\n", []),
    ("directives are case-sensitive", "// HIGHLIGHT-NEXT-LINE\ny\n", "// HIGHLIGHT-NEXT-LINE\ny\n", []),
    ("an unknown directive stays", "// highlight-this\ny\n", "// highlight-this\ny\n", []),
    ("no trailing newline stays so", "a\n// highlight-next-line\nb", "a\nb", [2]),
]


@pytest.mark.parametrize(("code", "stripped", "lines"), [pytest.param(c, s, h, id=n) for n, c, s, h in MAGIC])
def test_strip_magic_comments(code: str, stripped: str, lines: list[int]) -> None:
    # no language: Docusaurus reads every comment syntax
    assert strip_magic_comments(code) == (stripped, {HIGHLIGHT_CLASS: lines})


def test_strip_magic_comments_jsx_comment() -> None:
    # Docusaurus reads {/* highlight-next-line */} for jsx/tsx/md and any language it does not know
    stripped = strip_magic_comments("{/* highlight-next-line */}\n<div />\n", "jsx")
    assert stripped == ("<div />\n", {HIGHLIGHT_CLASS: [1]})


@pytest.mark.parametrize(("language", "comment", "read"), [
    ("python", "# highlight-next-line", True),
    ("python", "// highlight-next-line", False),
    ("js", "// highlight-next-line", True),
    ("js", "# highlight-next-line", False),
    ("html", "<!-- highlight-next-line -->", True),
    ("tex", "% highlight-next-line", True),
    ("sql", "-- highlight-next-line", True),
    ("sql", "# highlight-next-line", False),
    ("yaml", "# highlight-next-line", True),
])
def test_magic_comments_follow_the_language(language: str, comment: str, read: bool) -> None:
    code, marked = strip_magic_comments(f"{comment}\nx\n", language)
    assert (code == "x\n", marked[HIGHLIGHT_CLASS] == [1]) == (read, read)


def test_a_range_in_the_metastring_is_read_and_flagged() -> None:
    fence = parse_fence_info("js {1,3-4} title='a.js'")
    assert (fence.has_ranges, fence.highlight_lines, fence.title) == (True, [1, 3, 4], "a.js")


def test_a_title_needs_matching_quotes() -> None:
    assert parse_fence_info("""js title="index.js'""").title is None
