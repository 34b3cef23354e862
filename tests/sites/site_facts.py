"""What a built Docusaurus site shows, as text the tests compare with committed expectations.

``python tests/sites/site_facts.py NAME`` builds ``../shared/corpus/docusaurus-sites/<site>`` with
``make html SITE=...`` and rewrites ``tests/sites/NAME/{urls,sidebars}.txt``: review the diff
against Docusaurus's rules before committing it. The warnings file is written as
``warnings.new.txt``: each line needs its reason (a defect of the source, or a deliberate
deviation) before it replaces ``warnings.txt``.
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SITES = REPO.parent / "shared" / "corpus" / "docusaurus-sites"
# name -> the folder of its docusaurus.config.*, under SITES
SITE_DIRS = {"jest": "jest/website", "react-redux": "react-redux/website", "capacitor": "capacitor"}
WARNING = re.compile(r"^(?P<path>/\S+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<type>[\w.]+)\]$")


def build(name: str, builddir: Path) -> subprocess.CompletedProcess[str]:
    """``make html SITE=...`` for one shared site, into ``builddir``."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        ["make", "--no-print-directory", "html", f"SITE={SITES / SITE_DIRS[name]}", f"BUILDDIR={builddir}"],
        cwd=REPO, capture_output=True, text=True, env=env, check=False,
    )


def out_dir(name: str, builddir: Path) -> Path:
    """Where ``make html SITE=`` put the site (``$(BUILDDIR)/<site>/``)."""
    return builddir / SITE_DIRS[name].split("/")[0]


def load_model(name: str, builddir: Path):
    """The site model the build computed (kept in Sphinx's saved environment)."""
    sys.path.insert(0, str(REPO / "_ext"))
    with (out_dir(name, builddir) / "doctrees" / "environment.pickle").open("rb") as handle:
        env = pickle.load(handle)
    return env, env.docusaurus_site


def urls(model) -> list[str]:
    """Every page's URL path, sorted (``/`` first)."""
    return sorted("/" + route for route in model.routes.routes.values())


def sidebar_lines(model) -> list[str]:
    """Each sidebar as an indented outline: ``label -> /route/``, ``label (category)``, ``label => URL``."""
    lines: list[str] = []
    for (version, name), sidebar in sorted(model.sidebars.items()):
        lines.append(f"[{version} {name}]")

        def walk(key: str, depth: int, sidebar=sidebar) -> None:
            item = sidebar.items[key]
            for child_key in item.children:
                child = sidebar.items[child_key]
                if child.is_page:
                    shown = f"{child.label} -> /{child.route}"
                elif child.href:
                    shown = f"{child.label} => {child.href}"
                else:
                    shown = f"{child.label} (category)"
                lines.append("  " * depth + shown)
                walk(child_key, depth + 1)

        walk(sidebar.root, 1)
    return lines


def warning_keys(output: str, site_root: Path) -> list[tuple[str, int, str, str]]:
    """``(path under the site's repository folder, line, type, message)`` of every warning."""
    found = []
    for line in output.splitlines():
        match = WARNING.match(line.strip())
        if match:
            path = Path(match["path"])
            shown = path.relative_to(site_root).as_posix() if path.is_relative_to(site_root) else path.as_posix()
            found.append((shown, int(match["line"]), match["type"], match["message"]))
    return sorted(found)


def read_expected_warnings(path: Path) -> list[tuple[str, int, str, str]]:
    """``path:line [type] reason`` lines (``#`` comments skipped); a line without a reason is an error."""
    rows = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip() or text.startswith("#"):
            continue
        match = re.fullmatch(r"(?P<path>\S+):(?P<line>\d+) \[(?P<type>[\w.]+)\] (?P<reason>\S.*)", text)
        assert match, f"{path.name}:{number}: write '<path>:<line> [<type>] <reason>'"
        rows.append((match["path"], int(match["line"]), match["type"], match["reason"]))
    return sorted(rows)


def main(name: str) -> int:
    """Build one site and rewrite its expectation files (review before committing)."""
    builddir = REPO / "_build" / "site-facts"
    result = build(name, builddir)
    _env, model = load_model(name, builddir)
    folder = HERE / name
    folder.mkdir(exist_ok=True)
    (folder / "urls.txt").write_text("\n".join(urls(model)) + "\n", encoding="utf-8")
    (folder / "sidebars.txt").write_text("\n".join(sidebar_lines(model)) + "\n", encoding="utf-8")
    site_root = SITES / SITE_DIRS[name].split("/")[0]
    warnings = warning_keys(result.stdout + result.stderr, site_root)
    (folder / "warnings.new.txt").write_text(
        "".join(f"{path}:{line} [{kind}] TODO {message}\n" for path, line, kind, message in warnings), encoding="utf-8"
    )
    print(f"{name}: {len(urls(model))} pages, {len(warnings)} warnings, exit status {result.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
