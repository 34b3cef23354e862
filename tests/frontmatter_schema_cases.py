"""Front-matter keys with a value of the wrong type, as hostile-input build cases (tests/test_hostile_input.py).

Every key's wrong-type check is a unit test (tests/unit/test_frontmatter_schema.py); the build keeps a few,
to prove the path from the schema to a ``file:line: WARNING`` through Sphinx and that the page is still built.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))

from docusaurus_compat.frontmatter_schema import SCHEMA

# A value each kind of key refuses: a mapping is never a string, a bool, a number or a list.
WRONG = "{nested: [1, 2]}"
WRONG_FOR_MAPPING = "just text"

# draft: a wrong-typed flag read by the navigation scan must not drop the page;
# slug: a wrong-typed URL leaves the page at its default URL.
BUILD_KEYS = ("draft", "slug")


def wrong_type_cases(
    case: Callable[..., Any], fm: Callable[[str, str], str], keys: tuple[str, ...] = BUILD_KEYS
) -> list[Any]:
    """A case per key: the key is ignored with a typed warning, the page is built at its default URL."""
    cases = []
    for key in keys:
        value = WRONG_FOR_MAPPING if "mapping" in SCHEMA[key].expected else WRONG
        cases.append(case(
            f"wrong-type-{key}",
            {"bad.md": fm(f"Body with a bad {key}.", f"title: Typed\n{key}: {value}")},
            [("bad.md", 3, "docusaurus.frontmatter_type", f"'{key}' must be")],
            [("bad/index.html", f"Body with a bad {key}.")],
        ))
    return cases
