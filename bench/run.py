"""Benchmark our build against stock Sphinx + MyST + furo and against Docusaurus 3.

    python bench/run.py [--sizes 100 500 2000] [--runs 3] [--stock-max 500]
                        [--no-docusaurus] [--smoke] [--out bench/results.md]

For each size N a seeded synthetic site (bench/corpus.py) is built:

* ours: full HTML build at -j 1 and -j auto (wall time and peak memory of the
  whole process tree, medians of --runs runs); incremental rebuilds after
  editing one page's body, changing one page's sidebar_label, adding a page;
  output size, search index size, and the bytes a browser downloads for one
  page on a first visit (HTML, CSS, JS; icons are inline) plus the navigation
  file it fetches to expand a category.
* stock: the same pages as plain MyST with toctrees, extension off; sizes above
  --stock-max are extrapolated from the measured ones (said so in the report).
* Docusaurus 3: a minimal classic site installed from the npm registry into
  bench/.work (skipped, and said so, if it cannot be installed).

Figures are printed and written to --out as a Markdown report.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / ".work"
sys.path.insert(0, str(REPO / "bench"))

from corpus import write_site  # noqa: E402

STOCK_CONF = '''
project = "Stock"
extensions = ["myst_parser", "sphinx_design", "sphinx_copybutton"]
html_theme = "furo"
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
'''

DOCUSAURUS_PACKAGE = {
    "name": "bench-docusaurus",
    "private": True,
    "dependencies": {
        "@docusaurus/core": "^3",
        "@docusaurus/preset-classic": "^3",
        "@mdx-js/react": "^3",
        "clsx": "^2",
        "prism-react-renderer": "^2",
        "react": "^19",
        "react-dom": "^19",
    },
}
DOCUSAURUS_CONFIG = '''
module.exports = {
  title: "Bench", url: "http://localhost", baseUrl: "/",
  onBrokenLinks: "warn", onBrokenAnchors: "ignore",
  markdown: { hooks: { onBrokenMarkdownLinks: "warn" } },
  presets: [["classic", { docs: { routeBasePath: "/", sidebarPath: undefined }, blog: false, pages: false,
    theme: {} }]],
};
'''


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int


def measure(command: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Wall time and peak resident memory of the whole process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            parent = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            total = 0
            try:
                for proc in [parent, *parent.children(recursive=True)]:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        total += proc.memory_info().rss
            except psutil.NoSuchProcess:
                break
            peak = max(peak, total)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        sys.stderr.write(stderr.decode(errors="replace")[-3000:])
    return Run(elapsed, peak / 2**20, process.returncode)


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.peak_mb for r in runs),
        max(r.returncode for r in runs),
    )


def sphinx(source: Path, out: Path, conf: Path, jobs: str, fresh: bool = True) -> list[str]:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(conf), "-q", "-j", jobs, str(source), str(out)]
    if fresh:
        command.insert(5, "-E")
    return command


def folder_bytes(folder: Path, skip: tuple[str, ...] = (".doctrees",)) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not set(p.parts) & set(skip))


def first_visit_bytes(html_root: Path, page: Path) -> dict[str, int]:
    """HTML + CSS + JS one page loads, and the navigation file of its section."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    assets = 0
    for tag in soup.select("link[rel=stylesheet][href], script[src]"):
        url = tag.get("href") or tag.get("src")
        assert isinstance(url, str)  # the selector asks for one of them
        ref = url.split("?", 1)[0]
        path = (page.parent / ref).resolve()
        if path.is_file():
            assets += path.stat().st_size
    nav = 0
    lists = soup.select("ul[data-nav-file]")
    if lists:
        nav_file = html_root / "_static" / "docusaurus-nav" / f"{lists[0]['data-nav-file']}.json"
        nav = nav_file.stat().st_size if nav_file.is_file() else 0
    html = page.stat().st_size
    return {"html": html, "assets": assets, "nav_file": nav, "total": html + assets + nav}


def sidebar_bytes(page: Path) -> int:
    from bs4 import BeautifulSoup

    tree = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one(".sidebar-tree")
    return len(str(tree)) if tree else 0


GENERATED = ("tags", "genindex", "search", "_static", "404.html")  # pages Sphinx writes every build


def html_mtimes(root: Path) -> dict[Path, float]:
    """Modification times of the documents' pages (not the generated index pages)."""
    return {
        p: p.stat().st_mtime for p in root.rglob("*.html")
        if not set(p.relative_to(root).parts[:1]) & set(GENERATED)
    }


def changed_outputs(root: Path, before: dict[Path, float]) -> int:
    after = html_mtimes(root)
    return sum(1 for p, mtime in after.items() if before.get(p) != mtime)


def bench_ours(n: int, runs: int) -> dict:
    source = WORK / f"ours-{n}"
    pages = write_site(n, source, "ours")
    out = WORK / f"ours-{n}-html"
    result: dict = {"n": n}
    for jobs in ("1", "auto"):
        timings = []
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            timings.append(measure(sphinx(source, out, REPO, jobs), REPO))
        result[f"full_j{jobs}"] = median_run(timings).__dict__
    leaf = next(p for p in reversed(pages) if not p.folder_index)
    leaf_file = source / f"{leaf.path}.md"

    def incremental(edit) -> dict:
        times, rewritten = [], []
        for _ in range(runs):
            before = html_mtimes(out)
            time.sleep(0.01)
            edit()
            run = measure(sphinx(source, out, REPO, "auto", fresh=False), REPO)
            times.append(run)
            rewritten.append(changed_outputs(out, before))
        return {**median_run(times).__dict__, "pages_rewritten": statistics.median(rewritten)}

    counter = iter(range(10**6))
    result["edit_body"] = incremental(
        lambda: leaf_file.write_text(leaf_file.read_text() + f"\nOne more sentence {next(counter)}.\n")
    )
    result["edit_sidebar_label"] = incremental(
        lambda: leaf_file.write_text(
            leaf_file.read_text().replace("sidebar_label: \"", f"sidebar_label: \"{next(counter)} ", 1)
        )
    )
    folder = leaf_file.parent

    def add_page() -> None:
        number = next(counter)
        (folder / f"added-{number}.md").write_text(f"---\ntitle: Added {number}\n---\n\nNew page.\n")

    result["add_page"] = incremental(add_page)
    page = out / leaf.path / "index.html"
    if n == 100:
        result["pdf"] = bench_pdf(source)
    result["output_bytes"] = folder_bytes(out)
    result["searchindex_bytes"] = (out / "searchindex.js").stat().st_size
    result["first_visit"] = first_visit_bytes(out, page)
    result["sidebar_bytes"] = sidebar_bytes(page)
    return result


def bench_pdf(source: Path) -> dict | None:
    """``make pdf`` on the site, when the Makefile has that target (None until it does)."""
    makefile = (REPO / "Makefile").read_text()
    if "\npdf:" not in makefile:
        return None
    builddir = WORK / "pdf-100"
    shutil.rmtree(builddir, ignore_errors=True)
    env = {**os.environ, "PDFROOT": "index"}  # the synthetic site starts at its home page
    return measure(["make", "pdf", f"SOURCEDIR={source}", f"BUILDDIR={builddir}"], REPO, env).__dict__


def bench_stock(n: int, runs: int) -> dict:
    source = WORK / f"stock-{n}"
    write_site(n, source, "stock")
    conf = WORK / "stock-conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "conf.py").write_text(STOCK_CONF)
    out = WORK / f"stock-{n}-html"
    timings = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        timings.append(measure(sphinx(source, out, conf, "auto"), REPO))
    return {"n": n, "full_jauto": median_run(timings).__dict__, "output_bytes": folder_bytes(out)}


def docusaurus_site() -> Path | None:
    site = WORK / "docusaurus"
    if (site / "node_modules" / "@docusaurus" / "core").is_dir():
        return site
    if not shutil.which("npm"):
        return None
    site.mkdir(parents=True, exist_ok=True)
    (site / "package.json").write_text(json.dumps(DOCUSAURUS_PACKAGE, indent=2))
    (site / "docusaurus.config.js").write_text(DOCUSAURUS_CONFIG)
    install = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=site,
        capture_output=True, text=True, check=False,
    )
    if install.returncode != 0:
        sys.stderr.write(install.stderr[-2000:])
        return None
    return site


def bench_docusaurus(site: Path, n: int, runs: int) -> dict:
    docs = site / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    write_site(n, WORK / f"docusaurus-{n}", "docusaurus")
    shutil.copytree(WORK / f"docusaurus-{n}" / "docs", docs)
    timings = []
    env = {**os.environ, "NODE_OPTIONS": "--max-old-space-size=8192"}
    for _ in range(runs):
        # a cold build: no output, no generated files, no webpack cache
        for cache in ("build", ".docusaurus", "node_modules/.cache"):
            shutil.rmtree(site / cache, ignore_errors=True)
        timings.append(measure(["npx", "--no-install", "docusaurus", "build"], site, env))
    return {"n": n, "full": median_run(timings).__dict__, "output_bytes": folder_bytes(site / "build")}


def extrapolate(points: dict[int, float], n: int) -> float:
    """Fit t = a*n + b*n^2 through the two largest measured sizes (stock grows quadratically)."""
    (n1, t1), (n2, t2) = sorted(points.items())[-2:]
    b = (t2 / n2 - t1 / n1) / (n2 - n1)
    a = t1 / n1 - b * n1
    return a * n + b * n * n


def versions() -> dict[str, str]:
    import docutils
    import furo
    import myst_parser
    import sphinx

    found = {
        "python": platform.python_version(), "sphinx": sphinx.__version__, "myst-parser": myst_parser.__version__,
        "furo": furo.__version__, "docutils": docutils.__version__,
    }
    core = WORK / "docusaurus" / "node_modules" / "@docusaurus" / "core" / "package.json"
    if core.is_file():
        found["docusaurus"] = json.loads(core.read_text())["version"]
    node = shutil.which("node")
    if node:
        found["node"] = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    return found


def fmt_ratio(ours: float, other: float | None) -> str:
    return f"{ours / other:.2f}" if other else "n/a"


def report(results: dict, args: argparse.Namespace) -> str:
    lines = ["# Benchmark results", ""]
    lines.append(f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
                 f"{psutil.virtual_memory().total / 2**30:.0f} GiB; {platform.platform()}")
    lines.append(f"Versions: {', '.join(f'{k} {v}' for k, v in results['versions'].items())}")
    lines.append(f"Command: `{' '.join(results['command'])}`; medians of {args.runs} runs; "
                 "synthetic site from `bench/corpus.py` (seed 1).")
    lines.append("")
    lines.append("## Full HTML build")
    lines.append("")
    lines.append("| N | ours -j 1 (s) | ours -j auto (s) | ours peak MB | stock (s) | stock peak MB | "
                 "Docusaurus (s) | Docusaurus peak MB | ours/stock time | ours/Docusaurus time | "
                 "ours/Docusaurus memory |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        ours = results["ours"][str(n)]
        stock = results["stock"].get(str(n))
        docu = results["docusaurus"].get(str(n))
        stock_s = stock["full_jauto"]["seconds"] if stock else None
        stock_note = "" if not stock or not stock.get("extrapolated") else " (extrapolated)"
        docu_s = docu["full"]["seconds"] if docu else None
        ours_s = ours["full_jauto"]["seconds"]
        ours_mb = max(ours["full_j1"]["peak_mb"], ours["full_jauto"]["peak_mb"])
        stock_mb = "n/a" if not stock or stock.get("extrapolated") else f"{stock['full_jauto']['peak_mb']:.0f}"
        docu_mb = docu["full"]["peak_mb"] if docu else None
        cells = [
            str(n), f"{ours['full_j1']['seconds']:.1f}", f"{ours_s:.1f}", f"{ours_mb:.0f}",
            (f"{stock_s:.1f}" if stock_s else "n/a") + stock_note, stock_mb,
            f"{docu_s:.1f}" if docu_s else "n/a", f"{docu_mb:.0f}" if docu_mb else "n/a",
            fmt_ratio(ours_s, stock_s), fmt_ratio(ours_s, docu_s), fmt_ratio(ours_mb, docu_mb),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Incremental rebuilds, sizes and first visit (ours, -j auto)", ""]
    lines.append(
        "| N | edit body (s / doc pages rewritten) | change sidebar_label (s / pages) | add page (s / pages) | "
        "output MB | search index KB | sidebar KB | first visit KB (HTML + CSS/JS + nav file) |"
    )
    lines.append("|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        ours = results["ours"][str(n)]
        visit = ours["first_visit"]
        lines.append(
            f"| {n} | {ours['edit_body']['seconds']:.1f} / {ours['edit_body']['pages_rewritten']:.0f} | "
            f"{ours['edit_sidebar_label']['seconds']:.1f} / {ours['edit_sidebar_label']['pages_rewritten']:.0f} | "
            f"{ours['add_page']['seconds']:.1f} / {ours['add_page']['pages_rewritten']:.0f} | "
            f"{ours['output_bytes'] / 2**20:.1f} | {ours['searchindex_bytes'] / 1024:.0f} | "
            f"{ours['sidebar_bytes'] / 1024:.1f} | {visit['total'] / 1024:.0f} "
            f"({visit['html'] / 1024:.0f} + {visit['assets'] / 1024:.0f} + {visit['nav_file'] / 1024:.0f}) |"
        )
    pdf = results["ours"].get("100", {}).get("pdf")
    if pdf:
        lines += ["", f"`make pdf` at N=100: {pdf['seconds']:.1f} s, peak {pdf['peak_mb']:.0f} MB."]
    notes = results.get("notes", [])
    if notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def with_search_section(text: str, out: Path) -> str:
    """The report, followed by the sections other scripts own in the file it replaces
    (bench/scale.py's realistic pages, bench/search.py's search)."""
    from scale import SECTION_START as SCALE_START
    from search import SECTION_START

    try:
        old = out.read_text(encoding="utf-8")
    except OSError:
        return text
    starts = [found for marker in (SCALE_START, SECTION_START) if (found := old.find(marker)) >= 0]
    return text if not starts else text.rstrip("\n") + "\n\n" + old[min(starts):]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stock-max", type=int, default=500, help="largest N built with stock Sphinx")
    parser.add_argument("--no-docusaurus", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="tiny run: N=20, one run, ours only")
    parser.add_argument(
        "--report-only", action="store_true", help="write the report from bench/.work/results.json, measure nothing"
    )
    parser.add_argument(
        "--resume", type=Path,
        help="a results JSON (bench/.work/results.json) whose figures are kept; only missing ones are measured",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.md")
    args = parser.parse_args()
    if args.smoke:
        args.sizes, args.runs, args.stock_max, args.no_docusaurus = [20], 1, 0, True
    WORK.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        text = report(json.loads((WORK / "results.json").read_text()), args)
        args.out.write_text(with_search_section(text, args.out))
        print(args.out.read_text())
        return
    results: dict = {"ours": {}, "stock": {}, "docusaurus": {}, "notes": [], "command": sys.argv}
    if args.resume:
        previous = json.loads(args.resume.read_text())
        for key in ("ours", "stock", "docusaurus"):
            kept = {n: v for n, v in previous.get(key, {}).items() if not v.get("extrapolated")}
            results[key].update(kept)
            if kept:
                results["notes"].append(
                    f"{key} figures for N={', '.join(kept)} come from an earlier run of this script on the same "
                    f"machine (kept with --resume {args.resume.name})"
                )
    save = WORK / ("smoke.json" if args.smoke else "results.json")
    for n in args.sizes:
        if str(n) not in results["ours"]:
            results["ours"][str(n)] = bench_ours(n, args.runs)
            save.write_text(json.dumps(results, indent=2))
        print(json.dumps({"ours": results["ours"][str(n)]}), flush=True)
    stock_points = {}
    for n in args.sizes:
        if n <= args.stock_max:
            if str(n) not in results["stock"]:
                results["stock"][str(n)] = bench_stock(n, args.runs)
                save.write_text(json.dumps(results, indent=2))
            stock_points[n] = results["stock"][str(n)]["full_jauto"]["seconds"]
            print(json.dumps({"stock": results["stock"][str(n)]}), flush=True)
    if len(stock_points) >= 2:
        for n in args.sizes:
            if n > args.stock_max:
                seconds = extrapolate(stock_points, n)
                results["stock"][str(n)] = {"n": n, "extrapolated": True,
                                            "full_jauto": {"seconds": seconds, "peak_mb": 0}}
                results["notes"].append(
                    f"stock at N={n} is extrapolated from N={', '.join(map(str, stock_points))} "
                    f"with t = a*n + b*n^2 (a full stock build at that size takes tens of minutes)"
                )
    if not args.no_docusaurus:
        site = docusaurus_site()
        if site is None:
            results["notes"].append("Docusaurus could not be installed from the npm registry: its columns are n/a")
        else:
            for n in args.sizes:
                if str(n) not in results["docusaurus"]:
                    results["docusaurus"][str(n)] = bench_docusaurus(site, n, args.runs)
                    save.write_text(json.dumps(results, indent=2))
                print(json.dumps({"docusaurus": results["docusaurus"][str(n)]}), flush=True)
    results["versions"] = versions()
    save.write_text(json.dumps(results, indent=2))
    text = report(results, args)
    if not args.smoke:
        args.out.write_text(with_search_section(text, args.out))
    print(text)


if __name__ == "__main__":
    main()
