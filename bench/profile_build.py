"""Profile one Sphinx build of a corpus with cProfile and write a summary.

    python bench/profile_build.py SOURCE OUT SUMMARY.txt [--jobs auto] [--keep PROF]

cProfile sees the main process only: under ``-j`` that is the serial part of the build
(the front-matter scan, merging what the reading processes send back, resolving every
page, Sphinx's own search index, build-finished work), which is what bounds a parallel
build. The summary lists the functions with the most cumulative time (the project's own
and Sphinx's), then those with the most time of their own.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KEEP = ("_ext/", "sphinx/", "docutils/", "myst_parser/", "furo/", "yaml/", "pickle")


def _short(path: str) -> str:
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def summary(stats: pstats.Stats, wall: float, command: list[str], top: int = 40) -> str:
    """The profile's headline rows as text."""
    entries = []
    for (path, line, name), (_cc, calls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if any(part in path for part in KEEP) or path == "~":
            entries.append((cumulative, own, calls, f"{_short(path)}:{line}({name})"))
    out = [f"command: {' '.join(command)}", f"wall time under cProfile: {wall:.1f} s", "",
           f"{'cumulative s':>12} {'own s':>8} {'calls':>9}  function (by cumulative time)"]
    out += [f"{c:12.2f} {o:8.2f} {n:9d}  {f}" for c, o, n, f in sorted(entries, reverse=True)[:top]]
    out += ["", f"{'own s':>12} {'cum s':>8} {'calls':>9}  function (by own time)"]
    out += [f"{o:12.2f} {c:8.2f} {n:9d}  {f}" for c, o, n, f in sorted(entries, key=lambda e: -e[1])[:top]]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("summary", type=Path)
    parser.add_argument("--jobs", default="auto")
    parser.add_argument("--keep", type=Path, help="also keep the raw profile here")
    args = parser.parse_args()
    from sphinx.cmd.build import build_main

    command = ["-b", "html", "-c", str(REPO), "-q", "-j", args.jobs, str(args.source), str(args.out)]
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    code = build_main(command)
    profile.disable()
    wall = time.perf_counter() - start
    if args.keep:
        profile.dump_stats(args.keep)
    stats = pstats.Stats(profile, stream=io.StringIO())
    args.summary.parent.mkdir(parents=True, exist_ok=True)
    args.summary.write_text(summary(stats, wall, ["sphinx-build", *command]), encoding="utf-8")
    print(f"{args.summary}: {wall:.1f} s, exit {code}")
    sys.exit(code)


if __name__ == "__main__":
    main()
