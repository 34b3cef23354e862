"""A checker of the llms.txt format (https://llmstxt.org/), for the tests.

The proposal's structure, in order: an H1 (the project's name), a blockquote (the
summary), optional prose of any kind but headings, then H2 sections, each a Markdown
list of ``- [name](url)`` or ``- [name](url): notes`` items; a section named
``Optional`` holds the links a reader may skip.
"""

from __future__ import annotations

import dataclasses
import re

ITEM = re.compile(r"- \[(?P<name>(?:[^\]\\]|\\.)+)\]\((?P<url>[^)\s]+)\)(?:: (?P<notes>\S.*))?")


@dataclasses.dataclass
class LlmsTxt:
    title: str
    summary: str
    prose: list[str]
    sections: dict[str, list[tuple[str, str, str]]]
    """H2 name -> its items: (name, url, notes)."""


def parse_llms_txt(text: str) -> LlmsTxt:
    """Parse llms.txt; an AssertionError names the first line that breaks the format."""
    assert text.endswith("\n") and not text.endswith("\n\n"), "the file ends in exactly one newline"
    lines = text.split("\n")[:-1]
    assert lines[0].startswith("# ") and lines[0][2:].strip(), f"line 1 is not an H1: {lines[0]!r}"
    assert lines[1] == "", "a blank line follows the H1"
    assert lines[2].startswith("> ") and lines[2][2:].strip(), f"line 3 is not the summary blockquote: {lines[2]!r}"
    result = LlmsTxt(lines[0][2:], lines[2][2:], [], {})
    current: list[tuple[str, str, str]] | None = None
    for number, line in enumerate(lines[3:], start=4):
        if line.startswith("#"):
            assert line.startswith("## ") and not line.startswith("###"), f"line {number}: only H2 sections: {line!r}"
            name = line[3:]
            assert name not in result.sections, f"line {number}: section {name!r} twice"
            current = result.sections[name] = []
            continue
        if not line:
            continue
        if current is None:
            result.prose.append(line)
            continue
        match = ITEM.fullmatch(line)
        assert match is not None, f"line {number}: not a `- [name](url): notes` item: {line!r}"
        current.append((match["name"], match["url"], match["notes"] or ""))
    for name, items in result.sections.items():
        assert items, f"section {name!r} has no links"
    return result
