"""Build time, memory and incremental rebuilds on realistic pages, against the targets.

    python bench/scale.py [--sizes 100 2000 10000] [--docusaurus-max 2000] [--pdf 2000]
                          [--json bench/scale-results.json] [--out bench/results.md]

Pages come from ``bench/corpus.py --realistic``: their structure is drawn from the shared
librarium pages' distributions (``bench/corpus-profile.json``), their prose from a Zipf
vocabulary. For each size:

* ours: a clean ``-j auto`` HTML build with our ``conf.py`` (wall time, peak memory of the
  process tree), then incremental builds after editing a leaf page's body, its title (it has
  no ``sidebar_label``, so the title is its label too), its ``sidebar_label``, and adding a page,
  with the count of pages written again;
* the MyST floor: MyST's parse of every page to a docutils tree, in one process, nothing else
  (a lower bound for any Sphinx build of these pages);
* Docusaurus 3, cold, on the same pages, up to ``--docusaurus-max`` pages (the classic preset,
  installed from the npm registry by bench/run.py's code);
* ``make pdf`` at the ``--pdf`` size.

Every target of the performance issue is printed as met or not met with its figure, and the
section "## Realistic pages (bench/scale.py)" of ``--out`` is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from corpus import write_site  # noqa: E402
from run import WORK, docusaurus_site, measure, sphinx  # noqa: E402

SECTION_START = "## Realistic pages (bench/scale.py)"
PROFILES = REPO / "bench" / "profiles"

MYST_FLOOR = r"""
import sys, time
from pathlib import Path
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser
files = sorted(Path(sys.argv[1]).rglob("*.md"))
settings = {"report_level": 5, "halt_level": 5, "warning_stream": False, "myst_enable_extensions": ["colon_fence"]}
start = time.perf_counter()
for path in files:
    publish_doctree(path.read_text(encoding="utf-8"), parser=Parser(), settings_overrides=settings)
print(time.perf_counter() - start)
"""


def written_pages(out: Path, since: float) -> int:
    """Pages of the documents written after ``since`` (the generated tag and index pages left out)."""
    skip = {"tags", "genindex", "search", "_static", "_search", "404.html"}
    return sum(1 for page in out.rglob("*.html")
               if not set(page.relative_to(out).parts[:1]) & skip and page.stat().st_mtime > since)


def incremental(source: Path, out: Path, edit: Any) -> dict[str, float]:
    """Apply ``edit``, build again, and time it."""
    since = time.time()
    time.sleep(0.05)
    edit()
    run = measure(sphinx(source, out, REPO, "auto", fresh=False), REPO)
    return {"seconds": run.seconds, "peak_mb": run.peak_mb, "pages": written_pages(out, since),
            "returncode": run.returncode}


def _set_key(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    line = f'{key}: "{value}"'
    new, count = re.subn(rf"^{key}: .*$", line, text, count=1, flags=re.MULTILINE)
    if not count:
        new = text.replace("---\n", f"---\n{line}\n", 1)
    path.write_text(new, encoding="utf-8")


def bench_ours(n: int) -> dict[str, Any]:
    source = WORK / f"real-{n}"
    pages = write_site(n, source, "ours", realistic=True)
    out = WORK / f"real-{n}-html"
    shutil.rmtree(out, ignore_errors=True)
    full = measure(sphinx(source, out, REPO, "auto"), REPO)
    result: dict[str, Any] = {"n": n, "full": full.__dict__}
    # the leaf deepest in the tree's last branch: its title shows in one branch of the sidebar
    leaf = max((p for p in pages if not p.folder_index), key=lambda p: (p.depth, p.path))
    leaf_file = source / f"{leaf.path}.md"
    text = leaf_file.read_text(encoding="utf-8")
    leaf_file.write_text(re.sub(r"^sidebar_label: .*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    result["prepare"] = incremental(source, out, lambda: None)
    counter = iter(range(1, 10**6))
    result["edit_body"] = incremental(source, out, lambda: leaf_file.write_text(
        leaf_file.read_text(encoding="utf-8") + f"\nOne more sentence, number {next(counter)}.\n", encoding="utf-8"))
    result["edit_title"] = incremental(source, out, lambda: _set_key(leaf_file, "title", f"Retitled {next(counter)}"))
    result["edit_label"] = incremental(
        source, out, lambda: _set_key(leaf_file, "sidebar_label", f"Relabelled {next(counter)}"))

    def add_page() -> None:
        number = next(counter)
        (leaf_file.parent / f"added-{number}.md").write_text(f"---\ntitle: Added {number}\n---\n\nNew page.\n")

    result["add_page"] = incremental(source, out, add_page)
    result["pages"] = len(pages)
    return result


def generated_profile(n: int) -> dict[str, Any]:
    """The distributions of the generated pages, measured as the real ones are."""
    from corpus_profile import profile_folder

    profile = profile_folder(WORK / f"real-{n}")
    return {key: value for key, value in profile.items() if key not in ("per_page", "per_item")}


def myst_floor(n: int) -> float:
    run = subprocess.run([sys.executable, "-c", MYST_FLOOR, str(WORK / f"real-{n}")],
                         capture_output=True, text=True, check=True)
    return float(run.stdout.strip().splitlines()[-1])


def bench_docusaurus(n: int) -> dict[str, Any] | None:
    site = docusaurus_site()
    if site is None:
        return None
    docs = site / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    write_site(n, WORK / f"real-docusaurus-{n}", "docusaurus", realistic=True)
    shutil.copytree(WORK / f"real-docusaurus-{n}" / "docs", docs)
    for cache in ("build", ".docusaurus", "node_modules/.cache"):
        shutil.rmtree(site / cache, ignore_errors=True)
    env = {**os.environ, "NODE_OPTIONS": "--max-old-space-size=8192"}
    return measure(["npx", "--no-install", "docusaurus", "build"], site, env).__dict__


def bench_pdf(n: int) -> dict[str, Any]:
    source = WORK / f"real-{n}"
    if not source.is_dir():
        write_site(n, source, "ours", realistic=True)
    builddir = WORK / f"real-pdf-{n}"
    shutil.rmtree(builddir, ignore_errors=True)
    env = {**os.environ, "PDFROOT": "index"}
    run = measure(["make", "pdf", f"SOURCEDIR={source}", f"BUILDDIR={builddir}"], REPO, env)
    result: dict[str, Any] = run.__dict__
    pdfs = sorted((builddir / "pdf").glob("*.pdf"))
    if pdfs:
        info = subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True, check=False).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        result["pdf_pages"] = int(found.group(1)) if found else None
        result["pdf_mb"] = pdfs[0].stat().st_size / 2**20
    log = next(iter(sorted((builddir / "latex").glob("*.log"))), None) if (builddir / "latex").is_dir() else None
    result["tex_capacity_error"] = bool(log and "TeX capacity exceeded" in log.read_text(errors="replace"))
    return result


def verdict(value: float | None, limit: float, unit: str) -> str:
    if value is None:
        return "not measured"
    return f"{value:.1f} {unit} (target {limit:g} {unit}: {'met' if value <= limit else 'not met'})"


def targets(results: dict[str, Any]) -> list[str]:
    """Each target of the issue, with its figure and whether it is met."""
    lines = []
    ours = results["ours"]
    if "2000" in ours:
        o = ours["2000"]
        docu = results["docusaurus"].get("2000")
        floor = results["floor"].get("2000")
        full = o["full"]["seconds"]
        ratio = full / docu["seconds"] if docu else None
        lines.append("N=2,000 full build / Docusaurus cold: "
                     + (f"{full:.1f} s / {docu['seconds']:.1f} s = {ratio:.2f} (target 0.25: "
                        f"{'met' if ratio <= 0.25 else 'not met'})" if ratio else "Docusaurus not measured"))
        if floor:
            lines.append(f"N=2,000 full build / MyST parse floor: {full:.1f} s / {floor:.1f} s = "
                         f"{full / floor:.2f} (target 3: {'met' if full / floor <= 3 else 'not met'})")
        lines.append("N=2,000 body edit: " + verdict(o["edit_body"]["seconds"], 3, "s"))
        lines.append("N=2,000 leaf title change: " + verdict(o["edit_title"]["seconds"], 8, "s"))
        lines.append("N=2,000 leaf sidebar_label change: " + verdict(o["edit_label"]["seconds"], 8, "s"))
    if "10000" in ours:
        o = ours["10000"]
        lines.append("N=10,000 full build: " + verdict(o["full"]["seconds"] / 60, 6, "min"))
        lines.append("N=10,000 peak memory: " + verdict(o["full"]["peak_mb"] / 1024, 2, "GB"))
        lines.append(f"N=10,000 body edit: {o['edit_body']['seconds']:.1f} s (no target)")
    return lines


def section(results: dict[str, Any]) -> str:
    out = [SECTION_START, "",
           "Pages from `bench/corpus.py --realistic` (structure drawn from the librarium pages, below); "
           "our `conf.py`, `-j auto`, this machine; one run each (a 10,000-page build takes minutes). "
           "Pages written: HTML pages of documents whose file changed.", "",
           "| N | full build s | peak MB | MyST floor s | Docusaurus cold s (peak MB) | body edit s / pages | "
           "leaf title s / pages | leaf label s / pages | add page s / pages |",
           "| ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- |"]
    for n, o in sorted(results["ours"].items(), key=lambda item: int(item[0])):
        docu = results["docusaurus"].get(n)
        floor = results["floor"].get(n)
        docu_cell = (f"{docu['seconds']:.1f} ({docu['peak_mb']:.0f})" if docu
                     else results["docusaurus_note"].get(n, "not run"))
        cells = [n, f"{o['full']['seconds']:.1f}", f"{o['full']['peak_mb']:.0f}",
                 f"{floor:.1f}" if floor else "not run", docu_cell]
        for key in ("edit_body", "edit_title", "edit_label", "add_page"):
            cells.append(f"{o[key]['seconds']:.1f} / {o[key]['pages']}")
        out.append("| " + " | ".join(cells) + " |")
    pdf = results.get("pdf")
    if pdf:
        out += ["", f"`make pdf` at N={pdf['n']}: {pdf['seconds']:.1f} s, peak {pdf['peak_mb']:.0f} MB, "
                f"{pdf.get('pdf_pages')} PDF pages ({pdf.get('pdf_mb', 0):.1f} MB), exit {pdf['returncode']}, "
                f"TeX capacity error: {'yes' if pdf['tex_capacity_error'] else 'no'}."]
    out += ["", "Targets:", ""] + [f"- {line}" for line in targets(results)]
    if results.get("notes"):
        out += ["", "Notes:", ""] + [f"- {note}" for note in results["notes"]]
    profiles = sorted(PROFILES.glob("*.txt"))
    if profiles:
        out += ["", "Profiles (cProfile of the main process, `bench/profile_build.py`): "
                + ", ".join(f"`bench/profiles/{p.name}`" for p in profiles) + "."]
    corpus = results.get("corpus_section")
    if corpus:
        out += ["", corpus.strip()]
    return "\n".join(out) + "\n"


def replace_section(text: str, new: str) -> str:
    """``text`` with its scale section replaced by ``new`` (placed before any later ``## `` section
    that other scripts own, or at the end)."""
    start = text.find(SECTION_START)
    if start < 0:
        search = text.find("## Search (bench/search.py)")
        if search < 0:
            return text.rstrip("\n") + "\n\n" + new
        return text[:search] + new + "\n" + text[search:]
    following = [m.start() for m in re.finditer(r"^## (?!#)", text[start + 1:], re.MULTILINE)]
    end = next((start + 1 + offset for offset in following
                if not text[start + 1 + offset:].startswith("## Corpus")), len(text))
    return text[:start] + new + ("\n" + text[end:] if end < len(text) else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000, 10000])
    parser.add_argument("--docusaurus-max", type=int, default=2000)
    parser.add_argument("--pdf", type=int, default=0, help="run make pdf at this size (0: not)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "scale-results.json")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.md")
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    try:
        results = json.loads(args.json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        results = {}
    for key in ("ours", "floor", "docusaurus", "docusaurus_note"):
        results.setdefault(key, {})
    if not args.report_only:
        for n in args.sizes:
            results["ours"][str(n)] = bench_ours(n)
            results["floor"][str(n)] = myst_floor(n)
            if n == 2000 or "generated_profile" not in results:
                results["generated_profile"] = {"n": n, **generated_profile(n)}
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
            print(json.dumps({"n": n, "ours": results["ours"][str(n)], "floor": results["floor"][str(n)]}), flush=True)
            if n <= args.docusaurus_max:
                docu = bench_docusaurus(n)
                if docu is not None:
                    results["docusaurus"][str(n)] = docu
                else:
                    results["docusaurus_note"][str(n)] = "could not be installed"
            else:
                results["docusaurus_note"][str(n)] = f"not run (over --docusaurus-max {args.docusaurus_max})"
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
        if args.pdf:
            results["pdf"] = {"n": args.pdf, **bench_pdf(args.pdf)}
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    try:
        from corpus_profile import profile_section
        real = json.loads((REPO / "bench" / "corpus-profile.json").read_text(encoding="utf-8"))
        generated = results.get("generated_profile")
        if generated is not None:
            results["corpus_section"] = profile_section(real, generated)
    except (ImportError, OSError, ValueError, KeyError):
        pass
    text = section(results)
    print(text)
    try:
        old = args.out.read_text(encoding="utf-8")
    except OSError:
        old = "# Benchmark results\n"
    args.out.write_text(replace_section(old, text), encoding="utf-8")


if __name__ == "__main__":
    main()
