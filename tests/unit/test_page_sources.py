"""page_sources: one decoding rule for every reader, front matter parsed once per distinct block."""

from __future__ import annotations

from pathlib import Path

import pytest

from docusaurus_compat.frontmatter_loader import FrontMatterBlock, Problem
from docusaurus_compat.page_sources import NotUtf8Error, body_of, decode_source, front_matter, read_source
from docusaurus_compat.warning_types import DocusaurusWarning

BOM = b"\xef\xbb\xbf"

DECODED = {
    "utf-8": ("café ✓\n".encode(), "café ✓\n"),
    "byte-order-mark-dropped": (BOM + b"---\ntitle: x\n", "---\ntitle: x\n"),
    "only-the-first-mark-dropped": (BOM + BOM + b"x", "\ufeffx"),
    "crlf-to-lf": (b"a\r\nb\r\n", "a\nb\n"),
    "lone-cr-to-lf": (b"a\rb\r", "a\nb\n"),
    "mixed-line-ends": (b"a\r\n\rb\nc", "a\n\nb\nc"),
    "nul-kept": (b"a\x00b", "a\x00b"),
    "empty": (b"", ""),
}


@pytest.mark.parametrize(("data", "text"), DECODED.values(), ids=DECODED.keys())
def test_decode_source(data: bytes, text: str) -> None:
    assert decode_source(data) == text


# (bytes, line, column): where the text stops being UTF-8, counted as an editor shows the file
NOT_UTF8 = {
    "first-byte": (b"\xff", 1, 1),
    "after-ascii": (b"abc\xff", 1, 4),
    "third-line": (b"ab\ncd\n\xe9", 3, 1),
    "latin-1-page": (b"---\ntitle: Latin\n---\n\ncaf\xe9 body\n", 5, 4),
    "crlf-lines": (b"a\r\nb\r\nxy\xff", 3, 3),
    "lone-cr-lines": (b"a\rb\rxy\xff", 3, 3),
    "truncated-sequence-at-end": (b"ok\n\xc3", 2, 1),
    "after-a-byte-order-mark": (BOM + b"ab\xff", 1, 3),
    "second-line-after-a-byte-order-mark": (BOM + b"ab\n\xff", 2, 1),
}


@pytest.mark.parametrize(("data", "line", "column"), NOT_UTF8.values(), ids=NOT_UTF8.keys())
def test_not_utf8_says_where(data: bytes, line: int, column: int) -> None:
    with pytest.raises(NotUtf8Error) as caught:
        decode_source(data)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert str(caught.value) == f"line {line}, column {column}"


def test_read_source_decodes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(BOM + b"---\r\ntitle: x\r\n---\r\n")
    assert read_source(path) == "---\ntitle: x\n---\n"


def test_read_source_of_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError, match=r"nothing\.md"):
        read_source(tmp_path / "nothing.md")


# --- front_matter -------------------------------------------------------------------------------------------


def test_text_without_front_matter() -> None:
    found = front_matter("# Title\n")
    assert (found.block, found.parsed, found.values) == (None, None, {})


def test_unclosed_front_matter_is_its_problem_and_no_values() -> None:
    found = front_matter("---\ntitle: x\n")
    assert isinstance(found.block, Problem)
    assert (found.block.line, found.block.subtype) == (1, DocusaurusWarning.FRONTMATTER_YAML)
    assert (found.parsed, found.values) == (None, {})


def test_front_matter_values_are_checked() -> None:
    found = front_matter("---\ntitle: Typed\nsidebar_position: 3\ndraft: false\n---\nBody\n")
    assert isinstance(found.block, FrontMatterBlock)
    assert found.values == {"title": "Typed", "sidebar_position": 3, "draft": False}


def test_the_same_block_is_parsed_once() -> None:
    text = "---\ntitle: Parsed once (page_sources cache)\n---\n"
    first = front_matter(text)
    again = front_matter(text)
    assert first.parsed is not None
    assert again.parsed is first.parsed


def test_the_body_does_not_matter_for_the_cache() -> None:
    head = "---\ntitle: Shared head (page_sources cache)\n---\n"
    assert front_matter(head + "One.\n").parsed is front_matter(head + "Two.\n").parsed


def test_other_extra_keys_give_another_result() -> None:
    text = "---\ntitle: Extra keys (page_sources cache)\nteam: security\n---\n"
    plain = front_matter(text)
    with_extra = front_matter(text, frozenset({"team"}))
    assert plain.parsed is not None and with_extra.parsed is not None
    assert with_extra.parsed is not plain.parsed
    assert [problem.subtype for problem in plain.parsed.problems] == [DocusaurusWarning.FRONTMATTER_UNKNOWN]
    assert with_extra.parsed.problems == []
    assert front_matter(text, frozenset({"team"})).parsed is with_extra.parsed


def test_line_ends_do_not_change_the_values() -> None:
    lf = front_matter("---\ntitle: Line ends\nsidebar_position: 2\n---\n")
    crlf = front_matter("---\r\ntitle: Line ends\r\nsidebar_position: 2\r\n---\r\n")
    assert lf.values == crlf.values == {"title": "Line ends", "sidebar_position": 2}


# --- body_of ------------------------------------------------------------------------------------------------

BODIES = {
    "no-front-matter": ("# Title\n\nText.\n", "# Title\n\nText.\n"),
    "front-matter": ("---\ntitle: x\n---\n\nText.\n", "\nText.\n"),
    "byte-order-mark": ("\ufeff---\ntitle: x\n---\nText.\n", "Text.\n"),
    "crlf": ("---\r\ntitle: x\r\n---\r\nText.\r\n", "Text.\r\n"),
    "front-matter-only": ("---\ntitle: x\n---", ""),
    "unclosed-keeps-everything": ("---\ntitle: x\n\nText.\n", "---\ntitle: x\n\nText.\n"),
}


@pytest.mark.parametrize(("text", "body"), BODIES.values(), ids=BODIES.keys())
def test_body_of(text: str, body: str) -> None:
    assert body_of(text) == body
