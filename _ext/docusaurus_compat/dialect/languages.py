"""Prism language names (what Docusaurus sites write after the fence) as Pygments lexers.

Prism and Pygments mostly share names; where they differ the name is mapped
(``jsonc`` -> ``json``, ``hbs`` -> Handlebars). A name Pygments has no lexer for
is shown as plain text, as Prism shows it, without a warning; the page records
the name and the build prints one summary line (:func:`report_plain_languages`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

PLAIN = "text"
PLAIN_LANGUAGES_KEY = "docusaurus_plain_languages"
"""``env.metadata[docname]`` key: the fence languages shown as plain text on that page."""

# Prism name -> Pygments name, where the two differ
PRISM_TO_PYGMENTS = {
    "plaintext": PLAIN, "plain": PLAIN, "txt": PLAIN, "none": PLAIN, "text": PLAIN,
    "jsonc": "json", "json5": "javascript", "hbs": "handlebars", "handlebars": "handlebars",
    "shell-session": "console", "sh-session": "console", "shellsession": "console",
    "dockerfile": "docker", "gitignore": PLAIN, "ignore": PLAIN, "env": "bash", "dotenv": "bash",
    "mdx": "markdown", "svelte": "html", "vue": "html", "graphql": "graphql", "gql": "graphql",
    "hcl": "terraform", "tf": "terraform", "ps1": "powershell", "pwsh": "powershell",
    "cmd": "batch", "bat": "batch", "proto": "protobuf", "jsx": "jsx", "tsx": "tsx",
    "log": PLAIN, "regex": PLAIN, "csv": PLAIN, "mermaid": PLAIN,
}


@functools.cache
def _known(name: str) -> bool:
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return False
    return True


def pygments_language(name: str | None) -> str:
    """The Pygments lexer for a fence's language; ``text`` when Pygments has none."""
    if not name:
        return PLAIN
    lowered = name.lower()
    mapped = PRISM_TO_PYGMENTS.get(lowered, lowered)
    if mapped == PLAIN:
        return PLAIN
    return mapped if _known(mapped) else PLAIN


def is_plain_fallback(name: str | None) -> bool:
    """Whether ``name`` is a language the reader will see as plain text (not one they asked for)."""
    if not name:
        return False
    lowered = name.lower()
    return PRISM_TO_PYGMENTS.get(lowered, lowered) != PLAIN and pygments_language(name) == PLAIN


def report_plain_languages(app: Sphinx, exception: BaseException | None) -> None:
    """One line for the build: the fence languages shown as plain text, and where."""
    if exception is not None:
        return
    pages: dict[str, set[str]] = {}
    for docname, metadata in app.env.metadata.items():
        for language in metadata.get(PLAIN_LANGUAGES_KEY, ()):
            pages.setdefault(language, set()).add(docname)
    if pages:
        summary = ", ".join(f"{language} ({len(docs)} pages)" for language, docs in sorted(pages.items()))
        logger.info("code blocks shown as plain text (Pygments has no lexer for): %s", summary)


def _quiet_relaxed_highlighting(app: Sphinx, config: object) -> None:
    # Prism highlights what it can and never complains; Pygments, on a block it cannot
    # lex strictly (JSX in js, "..." elisions in JSON), warns and then highlights it
    # relaxed. The relaxed block is what the reader gets either way, so that warning
    # (this subtype only) is not one an author can act on.
    suppressed = list(getattr(config, "suppress_warnings", []))
    if "misc.highlighting_failure" not in suppressed:
        suppressed.append("misc.highlighting_failure")
        config.suppress_warnings = suppressed  # type: ignore[attr-defined]


def setup_languages(app: Sphinx) -> None:
    """Quiet Pygments' relaxed-mode warning and report plain-text fences once a build."""
    app.connect("config-inited", _quiet_relaxed_highlighting)
    app.connect("build-finished", report_plain_languages)
