"""How many processes each phase of a ``-j`` build uses: as many as are worth it.

Reading: Sphinx reads in worker processes whenever ``-j`` is above 1, however few pages
there are to read, and each worker sends back a pickle of the whole environment to merge:
at 2,000 pages that is about 2 s for a one-page edit, several times what reading the page
costs. So when the pages to read are few next to the site (fewer than one in
:data:`PAGES_PER_SERIAL_READ`, or than :data:`MIN_PARALLEL_READ`), they are read in the
main process. Otherwise ``-j`` reading processes run beside the main process, which is
busy merging what they send back (Sphinx's ``-j`` processes in all, so on two cores one
core waited while the main process merged).

Writing: Sphinx writes with ``-j`` minus one worker processes, the main process resolving
each page and feeding the search index meanwhile. On two cores that is one writer, and
the main process spent half the build waiting for it (bench/profiles/), so the writers
are as many as ``-j`` asks.

Both are done by setting ``app.parallel`` just before Sphinx reads it: at
``env-before-read-docs`` for reading, at ``env-updated`` (after reading, before Sphinx
decides how to write) for writing; it is put back when the build ends. The output is the
same either way: the incremental differential test builds both ways.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

PAGES_PER_SERIAL_READ = 40
MIN_PARALLEL_READ = 8
_ASKED = "_docusaurus_jobs"  # the -j this build was started with


def reads_serially(to_read: int, pages: int, jobs: int) -> bool:
    """Whether reading ``to_read`` of ``pages`` pages is quicker in the main process."""
    return jobs > 1 and to_read < max(MIN_PARALLEL_READ, pages // PAGES_PER_SERIAL_READ)


def write_processes(jobs: int) -> int:
    """The ``app.parallel`` that gives ``jobs`` writing processes (Sphinx starts one fewer)."""
    return jobs + 1 if jobs > 1 else jobs


def _asked(app: Sphinx) -> int:
    if not hasattr(app, _ASKED):
        setattr(app, _ASKED, app.parallel)
    return getattr(app, _ASKED)


def _before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    jobs = _asked(app)
    app.parallel = 1 if reads_serially(len(docnames), len(env.found_docs), jobs) else jobs + 1


def _before_writing(app: Sphinx, env: BuildEnvironment) -> None:
    app.parallel = write_processes(_asked(app))


def _put_back(app: Sphinx, exception: Exception | None) -> None:
    if hasattr(app, _ASKED):
        app.parallel = getattr(app, _ASKED)
        delattr(app, _ASKED)


def setup_parallel_jobs(app: Sphinx) -> None:
    """Read few pages serially; write with as many processes as ``-j`` asks."""
    app.connect("env-before-read-docs", _before_reading, priority=900)  # after handlers that add pages
    app.connect("env-updated", _before_writing, priority=100)
    app.connect("build-finished", _put_back, priority=900)
