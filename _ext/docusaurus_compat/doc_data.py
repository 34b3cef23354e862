"""Per-document data kept on the environment, correct under ``-j`` and incremental builds.

A module that records something while a page is read keeps it in a dict on the
environment (docname -> value). :func:`keep_per_document` drops a page's entry when
Sphinx purges the page, and copies the entries of the pages a parallel reader process
read into the main environment, so the module itself only reads and writes the dict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def doc_data(env: BuildEnvironment, name: str) -> dict[str, Any]:
    """The environment's dict ``name`` (docname -> value), created empty the first time."""
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


def keep_per_document(app: Sphinx, name: str) -> None:
    """Purge and merge the environment's dict ``name`` per document."""

    def forget(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        doc_data(env, name).pop(docname, None)

    def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        theirs = getattr(other, name, {})
        ours = doc_data(env, name)
        for docname in docnames:
            if docname in theirs:
                ours[docname] = theirs[docname]

    app.connect("env-purge-doc", forget)
    app.connect("env-merge-info", merge)
