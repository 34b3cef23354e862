"""Rewrite tests/html-ids-baseline.txt: the ids that deep links can target on every page.

    .venv/bin/python tests/update_ids_baseline.py            # builds the site into a temp folder
    .venv/bin/python tests/update_ids_baseline.py _build/html  # or reads a built site

(``UPDATE_IDS_BASELINE=1 .venv/bin/pytest tests/test_html_validity.py`` does the same from the
test's own build.) tests/test_html_validity.py fails when an id of the baseline disappears,
unless tests/html-ids-removed.txt lists it with a reason: a link into the docs from anywhere
(another site, a bookmark, a ticket) stops landing where it should. New ids are fine.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
BASELINE = Path(__file__).resolve().parent / "html-ids-baseline.txt"

HEADER = """\
# The HTML ids that deep links can target: every id inside each page's <article> (headings,
# sections, their Docusaurus-style anchors, and other elements), one `<page URL path> <id>` a line.
# A test fails when one disappears (a deep link would break), unless tests/html-ids-removed.txt
# lists `<page> <id>  # reason`. New ids are fine. After an intended change, regenerate with
#   .venv/bin/python tests/update_ids_baseline.py   (or UPDATE_IDS_BASELINE=1 when running the test)
"""


def url_path(root: Path, file: Path) -> str:
    """The URL path a built file is served at: ``a/b/index.html`` is ``/a/b/``."""
    rel = file.relative_to(root).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def page_ids(root: Path) -> dict[str, set[str]]:
    """URL path -> the ids inside the page's <article> (the main content), for every page."""
    result = {}
    for file in sorted(root.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        article = soup.find("article")
        ids = {str(tag["id"]) for tag in article.find_all(id=True)} if article else set()  # `id` is one value
        if article is not None and article.get("id"):
            ids.add(str(article["id"]))
        result[url_path(root, file)] = ids
    return result


def read_baseline(path: Path = BASELINE) -> set[tuple[str, str]]:
    pairs = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split()
        if len(fields) != 2 or not fields[0].startswith("/"):
            raise ValueError(f"{path.name}:{number}: expected '<page URL path> <id>', got {line!r}")
        pairs.add((fields[0], fields[1]))
    return pairs


def write_baseline(ids: dict[str, set[str]], path: Path = BASELINE) -> int:
    lines = [f"{page} {id_}" for page in sorted(ids) for id_ in sorted(ids[page])]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def build_site(outdir: Path) -> None:
    """Build the real site as `make html` does (-W --keep-going -n)."""
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-W", "--keep-going", "-n", "-q",
         "-j", "auto", str(REPO / "source"), str(outdir)],
        check=True,
    )


def main(argv: list[str]) -> int:
    if argv:
        count = write_baseline(page_ids(Path(argv[0])))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build_site(Path(tmp) / "html")
            count = write_baseline(page_ids(Path(tmp) / "html"))
    print(f"{BASELINE.relative_to(REPO)}: {count} ids written; review the diff (git diff) before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
