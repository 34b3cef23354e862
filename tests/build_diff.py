"""Build a source folder in a subprocess and compare two HTML outputs file for file.

Shared by the incremental, parallel and reproducibility tests. An output is compared
as a map ``relative path -> sha256`` of every file under it, leaving out Sphinx's own
bookkeeping (``.doctrees/``, ``.buildinfo`` and its ``.bak``), which is not served.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WARNING_LINE = re.compile(r"^(?P<location>.*?): (?:WARNING|ERROR|CRITICAL): (?P<message>.*)$")


def build(
    srcdir: Path,
    outdir: Path,
    *options: str,
    strict: bool = True,
    jobs: str = "1",
    partials: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """``python -m sphinx -b html -c <repo> [-W] --keep-going -n -j <jobs>``, as `make html` runs it.

    ``strict`` adds ``-W`` (a warning fails the build). PARTIALSDIR is the absolute
    partials folder (``srcdir/_partials`` unless given), as the Makefile passes it;
    BUILDDIR points at an empty folder so that a PDF another `make pdf` left in the
    repository's ``_build/`` never becomes part of the output.
    """
    environ = dict(os.environ)
    environ.pop("FORCE_COLOR", None)
    environ.update({
        "NO_COLOR": "1",
        "PARTIALSDIR": str((partials or srcdir / "_partials").resolve()),
        "BUILDDIR": str(outdir.parent / ".no-pdf"),
    })
    environ.update(env or {})
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO)]
    command += ["-W"] if strict else []
    command += ["--keep-going", "-n", "-j", jobs, *options, str(srcdir), str(outdir)]
    return subprocess.run(command, capture_output=True, text=True, check=False, env=environ)


def warnings_in(result: subprocess.CompletedProcess) -> list[str]:
    """The build's warning lines (``path:line: WARNING: message [type]``)."""
    return [line for line in result.stderr.splitlines() if WARNING_LINE.match(line)]


def is_bookkeeping(relative: Path) -> bool:
    """Sphinx's own state in the output folder: never served, never compared."""
    return relative.parts[0] == ".doctrees" or relative.name.startswith(".buildinfo")


def digests(root: Path) -> dict[str, str]:
    """relative path -> sha256 of every served file under ``root``."""
    result = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not is_bookkeeping(relative):
            result[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def _lines(path: Path) -> list[str]:
    """A file's lines for a readable diff: long HTML lines are broken between tags."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return [f"<binary file, sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}>\n"]
    lines = []
    for line in text.splitlines(keepends=True):
        if len(line) <= 200:
            lines.append(line)
            continue
        # between tags, and after each comma of one-line JSON such as searchindex.js
        pieces = [piece for piece in re.split(r"(?<=>)(?=\s*<)|(?<=,)", line) if piece]
        lines.extend(piece if piece.endswith("\n") else piece + "\n" for piece in pieces)
    return lines


def compare_outputs(expected: Path, actual: Path, *, max_diff_lines: int = 80) -> str | None:
    """None when both folders hold the same files with the same bytes; else a report.

    The report lists the files only in one folder and the files that differ, and a
    unified diff of the first differing file (``expected`` is the ``---`` side).
    """
    want, got = digests(expected), digests(actual)
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    differing = sorted(name for name in set(want) & set(got) if want[name] != got[name])
    if not (missing or extra or differing):
        return None
    report = [f"outputs differ: {expected} (expected) vs {actual}"]
    if missing:
        report.append(f"  only in expected ({len(missing)}): {', '.join(missing)}")
    if extra:
        report.append(f"  only in actual ({len(extra)}): {', '.join(extra)}")
    if differing:
        report.append(f"  different ({len(differing)}): {', '.join(differing)}")
        first = differing[0]
        diff = list(difflib.unified_diff(
            _lines(expected / first), _lines(actual / first),
            fromfile=f"expected/{first}", tofile=f"actual/{first}", n=2,
        ))
        if len(diff) > max_diff_lines:
            diff = [*diff[:max_diff_lines], f"... ({len(diff) - max_diff_lines} more diff lines)\n"]
        report.append("".join(diff).rstrip("\n"))
    return "\n".join(report)


def code_digest() -> str:
    """A digest of everything besides the sources that shapes the output: conf.py, the
    extension and the templates (a test that compares two builds says when it changed)."""
    digest = hashlib.sha256()
    files = [REPO / "conf.py", *sorted((REPO / "_ext").rglob("*.py")), *sorted((REPO / "_templates").rglob("*"))]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
