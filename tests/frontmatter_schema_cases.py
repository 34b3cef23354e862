"""One hostile-input case per front-matter key: a value of the wrong type (tests/test_hostile_input.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))

from docusaurus_compat.frontmatter import MYST_KEYS, SCHEMA  # noqa: E402

# A value each kind of key refuses: a mapping is never a string, a bool, a number or a list.
WRONG = "{nested: [1, 2]}"
WRONG_FOR_MAPPING = "just text"


def wrong_type_cases(case: Callable[..., Any], fm: Callable[[str, str], str]) -> list[Any]:
    """A case per schema key (MyST's own keys excepted): the key is ignored with a typed warning."""
    cases = []
    for key, spec in sorted(SCHEMA.items()):
        if key in MYST_KEYS or key == "title":
            continue
        value = WRONG_FOR_MAPPING if "mapping" in spec.expected else WRONG
        cases.append(case(
            f"wrong-type-{key}",
            {"bad.md": fm(f"Body with a bad {key}.", f"title: Typed\n{key}: {value}")},
            [("bad.md", 3, "docusaurus.frontmatter_type", f"'{key}' must be")],
            [("bad/index.html", f"Body with a bad {key}.")],
        ))
    return cases
