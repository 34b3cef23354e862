"""A root page for a docs tree that has none.

Docusaurus serves the doc whose ``slug`` is ``/`` at the docs root, and
:func:`.navigation._choose_root_doc` otherwise takes the first top-level page.
A tree whose top folder holds only folders has neither. Then the root is
generated: a page titled with the project's name, whose contents are the
top-level sections (the folder toctree and index cards every index page gets).
The page is written into the build's own folder, never into the sources, and
is added to Sphinx's list of documents before anything is read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

GENERATED_FOLDER = "docusaurus-generated"


def markdown_literal(text: str) -> str:
    """``text`` as Markdown that shows it as written: Markdown's, MDX's and the dialect's
    punctuation backslash-escaped (CommonMark lets any ASCII punctuation be)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~&:\"'$%=@^])", r"\\\1", text)


def _root_source(title: str) -> str:
    # a JSON string is a YAML string, so the title cannot break the front matter
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        "custom_edit_url: null\n"
        "pagination_prev: null\n"
        "pagination_next: null\n"
        "---\n\n"
        f"# {markdown_literal(title)}\n"
    )


def generated_root_path(app: Sphinx) -> Path:
    """Where the generated root page's source is kept (inside the build, not the sources)."""
    return Path(app.doctreedir) / GENERATED_FOLDER / f"{app.config.root_doc}.md"


def _needs_root(app: Sphinx) -> bool:
    srcdir = Path(app.srcdir)
    suffixes = list(app.config.source_suffix)
    return not any((srcdir / f"{app.config.root_doc}{suffix}").is_file() for suffix in suffixes)


def write_if_changed(path: Path, text: str) -> bool:
    """Write the file unless it holds this text already (its date then tells what changed); True if written."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def put_generated_page(
    env: BuildEnvironment, docname: str, path: Path, text: str, added: set[str], removed: set[str]
) -> bool:
    """Keep a page whose source is generated (at ``path``, outside the sources) among the documents.

    The file is rewritten only when ``text`` changes; returns whether it was. Call it at
    ``env-get-outdated``: a new page joins ``added``, and one Sphinx found gone is not removed.
    """
    written = write_if_changed(path, text)
    project: Any = env.project
    # Sphinx finds documents in the source folder only; a generated one is registered
    # the way its discovery registers a file (Project keeps both directions of the map)
    project.docnames.add(docname)
    project._docname_to_path[docname] = path
    project._path_to_docname[path] = docname
    removed.discard(docname)
    if docname not in env.all_docs:
        added.add(docname)
    return written


def drop_generated_page(env: BuildEnvironment, docname: str) -> None:
    """Take a page :func:`put_generated_page` registered out of the documents again."""
    project: Any = env.project
    project.docnames.discard(docname)
    path = project._docname_to_path.pop(docname, None)
    if path is not None:
        project._path_to_docname.pop(path, None)


def add_generated_root(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Put the generated root among the documents when the tree has no root page."""
    root = app.config.root_doc
    if not _needs_root(app):
        return []
    path = generated_root_path(app)
    text = _root_source(app.config.project or "Documentation")
    if put_generated_page(env, root, path, text, added, removed):
        changed.add(root)
    logger.info("no root page in the docs tree: %s is generated (the top-level sections)", root)
    return [root] if root in changed else []


def setup_generated_root(app: Sphinx) -> None:
    """Register the generated root before the navigation plan is made (it lists the root)."""
    app.connect("env-get-outdated", add_generated_root, priority=400)
