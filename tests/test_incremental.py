"""Incremental builds are correct: after every edit, an incremental build equals a clean build.

A seeded differential test. A small synthetic Docusaurus site (nested folders, a
``_category_.json``, a partial used through ``<PartialsComponent>``, links in both
Docusaurus forms, images) is built once; then each of 42 random edits from
``random.Random(SEED)`` (every kind of :class:`Site`'s ``edit_*`` twice, each problem
fixed a few edits after it is made) is applied to the sources, the same output folder
is rebuilt incrementally, the sources are built from scratch in a fresh folder, and the
two outputs must hold the same files with the same bytes. The clean build must give
exactly the warnings the edits call for (none: it runs with -W), and the incremental
build must report every new one. Set DOCUSAURUS_INCREMENTAL_SEED to replay another
sequence.

Also here: the environment version follows the extension's source (an old pickled
environment is discarded when the code changes), and a changed setting rebuilds
exactly what a clean build with that setting gives.
"""

from __future__ import annotations

import dataclasses
import json
import os
import posixpath
import random
import re
import shutil
import struct
import sys
import time
import zlib
from collections.abc import Callable, Set
from pathlib import Path
from typing import Any

import pytest

from build_diff import REPO, build, code_digest, compare_outputs, digests, warnings_in

SEED = int(os.environ.get("DOCUSAURUS_INCREMENTAL_SEED", "20251123"))
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1700000000", "DOCS_OWNED_PATHS": "/"}  # every site path is ours

WORDS = (
    "alpha bravo cedar delta ember falcon granite harbor iris juniper kestrel lumen "
    "meadow nimbus orchid pebble quartz raven summit tundra umber velvet willow zephyr"
).split()
ICONS = ("lock", "book", "gear", "server", "shield-halved", "fa-key", "admin", "rocket")
TAGS = ("security", "operations", "api", "beta")
PARTIAL = "_partials/_shared.md"  # demo/shared; a file that sorts first and has the same names wins
IMAGES = {"diagram.png": (200, 40, 40), "chart.png": (40, 40, 200)}  # file name -> its one pixel


def png(rgb: tuple[int, int, int]) -> bytes:
    """A valid one-pixel PNG of that colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(bytes([0, *rgb]))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@dataclasses.dataclass
class Link:
    """A link from one page to another (``target`` is the target's source path)."""

    text: str
    target: str
    style: str  # "site": /folder/page#anchor; "relative": ../folder/page.md#anchor
    anchor: str | None = None
    broken: bool = False


@dataclasses.dataclass
class Page:
    """One page of the synthetic site, rendered to Markdown by :meth:`Site.render`."""

    front: dict[str, Any]
    paragraphs: list[str]
    links: list[Link] = dataclasses.field(default_factory=list)
    partial: str | None = None  # the product prop of a <PartialsComponent>, if the page uses one
    extra_partial: str | None = None  # the name of a second partial it uses (it may not exist yet)
    image: str | None = None  # the file name of an image it shows
    heading: str = "Details"  # its second heading; links with #details need it


def is_index(path: str) -> bool:
    """``index.md`` and ``<folder>/<folder>.md`` are their folder's page."""
    parts = path.removesuffix(".md").split("/")
    return parts[-1] == "index" or (len(parts) > 1 and parts[-1] == parts[-2])


class Site:
    """The synthetic site: a model of every source file, and the edits applied to it."""

    def __init__(self, src: Path, rng: random.Random) -> None:
        self.src = src
        self.rng = rng
        self.counter = 0
        self.category = {"label": "Reference", "position": 2}
        self.partial_text = "install the agent, then register the cluster."
        self.extra_partials: set[str] = set()  # the names of the partials created after the first
        self.shared_file = PARTIAL  # the file demo/shared resolves to
        self.may_not_show = False  # set by an edit whose effect may leave the output as it was
        self.pages: dict[str, Page] = {}
        pages: dict[str, tuple[str, int | None, dict[str, Any]]] = {
            "index.md": ("Home", None, {"description": "The synthetic test site."}),
            "loose.md": ("Loose Page", 9, {}),
            "guide/guide.md": ("Guide", 1, {"icon": "book", "description": "Everything about guides."}),
            "guide/install.md": ("Install", 1, {"tags": ["security"], "description": "Install it."}),
            "guide/configure.md": ("Configure", 2, {"description": "Configure it."}),
            "guide/advanced/advanced.md": ("Advanced", 3, {"icon": "gear"}),
            "guide/advanced/tuning.md": ("Tuning", 1, {"description": "Tune it."}),
            "guide/advanced/scaling.md": ("Scaling", None, {"tags": ["operations"]}),
            "ref/index.md": ("Reference Index", None, {}),  # label and position from _category_.json
            "ref/api.md": ("API", 1, {"tags": ["api"], "description": "The API."}),
            "ref/cli.md": ("CLI", 2, {"tags": ["api", "operations"]}),
            "ops/ops.md": ("Operations", 3, {"icon": "server", "description": "Run it."}),
            "ops/backup.md": ("Backup", 1, {"description": "Back it up."}),
            "ops/restore.md": ("Restore", 2, {}),
            "ops/monitor/monitor.md": ("Monitoring", 3, {"sidebar_label": "Monitor"}),
            "ops/monitor/alerts.md": ("Alerts", 1, {"tags": ["operations"], "icon": "lock"}),
        }
        for path, (title, position, extra) in pages.items():
            front: dict[str, Any] = {"title": title}
            if position is not None:
                front["sidebar_position"] = position
            front.update(extra)
            self.pages[path] = Page(front, [self.sentence(), self.sentence(), self.sentence()])
        names = sorted(self.pages)
        for path in names:  # every page links to two others, in both forms, some with an anchor
            others = [name for name in names if name != path]
            for style in ("site", "relative"):
                target = self.rng.choice(others)
                anchor = "details" if self.rng.random() < 0.5 else None
                self.pages[path].links.append(Link(self.words(2), target, style, anchor))
        self.pages["ops/backup.md"].partial = "Palette"
        self.pages["ops/restore.md"].partial = "Palette VerteX"
        for path in self.pages:
            self.save(path)
        self.write_category()
        self.write_partial()
        (src / "_static" / "images").mkdir(parents=True)
        for name, colour in IMAGES.items():
            (src / "_static" / "images" / name).write_bytes(png(colour))

    # -- rendering --------------------------------------------------------------------

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS).capitalize() for _ in range(count))

    def sentence(self) -> str:
        self.counter += 1
        return f"{self.words(1)} {' '.join(self.rng.choice(WORDS) for _ in range(8))} number {self.counter}."

    @staticmethod
    def route(path: str) -> str:
        """The site path a page is served at by default (no trailing slash)."""
        parts = path.removesuffix(".md").split("/")
        if is_index(path):
            parts = parts[:-1]
        return "/" + "/".join(parts)

    def href(self, source: str, link: Link) -> str:
        if link.style == "site":
            target = self.route(link.target) + ("-missing" if link.broken else "")
        else:
            target = posixpath.relpath(link.target, posixpath.dirname(source) or ".")
            if link.broken:
                target = target.removesuffix(".md") + "-missing.md"
        return target + (f"#{link.anchor}" if link.anchor else "")

    def render(self, path: str) -> str:
        page = self.pages[path]
        lines = ["---", *(f"{key}: {json.dumps(value)}" for key, value in page.front.items()), "---", ""]
        lines += [page.paragraphs[0], "", "## Overview", "", page.paragraphs[1], ""]
        lines += [f"- See [{link.text}]({self.href(path, link)})." for link in page.links]
        if page.partial is not None:
            lines += ["", f'<PartialsComponent category="demo" name="shared" product="{page.partial}" />']
        if page.extra_partial is not None:
            lines += ["", f'<PartialsComponent category="demo" name="{page.extra_partial}" />']
        if page.image is not None:
            lines += ["", f"![A {page.image.removesuffix('.png')}](/{page.image})"]
        lines += ["", f"## {page.heading}", "", *(f"{text}\n" for text in page.paragraphs[2:])]
        return "\n".join(lines).rstrip("\n") + "\n"

    def save(self, path: str) -> bool:
        """Write a page's source if it changed; whether it did."""
        file = self.src / path
        text = self.render(path)
        if file.is_file() and file.read_text(encoding="utf-8") == text:
            return False
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        return True

    def write_category(self) -> None:
        (self.src / "ref" / "_category_.json").write_text(json.dumps(self.category, indent=2), encoding="utf-8")

    def write_extra_partial(self, name: str) -> None:
        (self.src / "_partials" / f"_{name}.md").write_text(
            f"---\npartial_category: demo\npartial_name: {name}\n---\n\nThe {name} partial.\n", encoding="utf-8"
        )

    def expected_warnings(self) -> list[tuple[str, str]]:
        """(source path, warning type) of every warning a clean build must give, sorted."""
        expected = []
        for path, page in sorted(self.pages.items()):
            for link in page.links:
                target = self.pages.get(link.target)
                if link.broken:
                    expected.append((path, "docusaurus.link_missing"))
                elif link.anchor and target is not None and target.heading != "Details":
                    # MyST checks the anchors of the relative .md links it resolves itself
                    expected.append((path, "docusaurus.link_missing" if link.style == "site" else "myst.xref_missing"))
            if page.extra_partial is not None and page.extra_partial not in self.extra_partials:
                expected.append((path, "docusaurus.partial_missing"))
        return sorted(expected)

    def write_partial(self) -> None:
        (self.src / PARTIAL).parent.mkdir(parents=True, exist_ok=True)
        (self.src / self.shared_file).write_text(
            "---\npartial_category: demo\npartial_name: shared\n---\n\n"
            f"Shared steps for {{props.product}}: {self.partial_text}\n",
            encoding="utf-8",
        )

    # -- choosing -------------------------------------------------------------------

    def any_page(self) -> str:
        return self.rng.choice(sorted(self.pages))

    def leaf_page(self, *, movable: bool = False, keep: Set[str] = frozenset()) -> str:
        """A page that is not a folder's page (``movable``: and no pending problem in it), nor in ``keep``."""
        leaves = [path for path in sorted(self.pages) if not is_index(path) and path not in keep]
        if movable:  # the pages the paired edits (break/repair...) come back to stay
            leaves = [
                path for path in leaves
                if not any(link.broken for link in self.pages[path].links)
                and self.pages[path].extra_partial is None
            ]
        return self.rng.choice(leaves)

    def folders(self) -> list[str]:
        return sorted({posixpath.dirname(path) for path in self.pages})

    def missing_partials(self) -> list[str]:
        return [
            path for path, page in sorted(self.pages.items())
            if page.extra_partial not in (None, *self.extra_partials)
        ]

    def broken_links(self) -> list[tuple[str, Link]]:
        return [(path, link) for path, page in sorted(self.pages.items()) for link in page.links if link.broken]

    def _set(self, path: str, key: str, value: Any) -> str:
        front = self.pages[path].front
        old = front.get(key)
        if value is None:
            front.pop(key, None)
        else:
            front[key] = value
        self.save(path)
        return f"{key} of {path}: {old!r} -> {value!r}"

    def _retarget(self, old: str, new: str | None) -> list[str]:
        """Links to ``old`` now point at ``new`` (None: removed), as an author would fix them."""
        fixed = []
        for path, page in self.pages.items():
            if any(link.target == old for link in page.links):
                page.links = [
                    dataclasses.replace(link, target=new) if link.target == old and new is not None else link
                    for link in page.links
                    if link.target != old or new is not None
                ]
                if self.save(path):
                    fixed.append(path)
        return fixed

    # -- the edits ------------------------------------------------------------------------
    # Each returns what it did; the kind names are the keys of EDITS.

    def edit_title(self) -> str:
        return self._set(self.any_page(), "title", self.words(2))

    def edit_label(self) -> str:
        path = self.any_page()
        if "sidebar_label" in self.pages[path].front and self.rng.random() < 0.3:
            return self._set(path, "sidebar_label", None)
        return self._set(path, "sidebar_label", self.words(2))

    def edit_position(self) -> str:
        path = self.any_page()
        old = self.pages[path].front.get("sidebar_position")
        choices = [value for value in (0, 1, 1.5, 2, 3, 4, 10, None) if value != old]
        return self._set(path, "sidebar_position", self.rng.choice(choices))

    def edit_icon(self) -> str:
        path = self.rng.choice([path for path in sorted(self.pages) if path != "index.md"])  # the root has no entry
        old = self.pages[path].front.get("icon")
        return self._set(path, "icon", self.rng.choice([icon for icon in (*ICONS, None) if icon != old]))

    def edit_tags(self) -> str:
        path = self.any_page()
        old = self.pages[path].front.get("tags", [])
        while (tags := sorted(self.rng.sample(TAGS, self.rng.randint(0, 2)))) == sorted(old):
            pass
        return self._set(path, "tags", tags or None)

    def edit_description(self) -> str:
        path = self.leaf_page() if self.rng.random() < 0.7 else self.any_page()
        if "description" in self.pages[path].front and self.rng.random() < 0.25:
            return self._set(path, "description", None)
        return self._set(path, "description", self.sentence())

    def edit_body(self) -> str:
        path = self.any_page()
        paragraphs = self.pages[path].paragraphs
        if self.rng.random() < 0.5:
            paragraphs.append(self.sentence())
            what = "added a paragraph"
        else:
            paragraphs[self.rng.randrange(len(paragraphs))] = self.sentence()
            what = "rewrote a paragraph"
        self.save(path)
        return f"body of {path}: {what}"

    def edit_add(self) -> str:
        self.counter += 1
        folder = self.rng.choice(self.folders())
        path = posixpath.join(folder, f"new-page-{self.counter}.md")
        front: dict[str, Any] = {"title": self.words(2), "sidebar_position": self.rng.choice([0, 2, 5, 20])}
        if self.rng.random() < 0.5:
            front["description"] = self.sentence()
        if self.rng.random() < 0.5:
            front["tags"] = [self.rng.choice(TAGS)]
        self.pages[path] = Page(front, [self.sentence(), self.sentence(), self.sentence()])
        self.pages[path].links.append(Link(self.words(2), self.any_page(), "site"))
        self.save(path)
        return f"added {path} ({front})"

    def edit_move(self) -> str:
        path = self.leaf_page(movable=True)
        folders = [folder for folder in self.folders() if folder != posixpath.dirname(path)]
        folder = self.rng.choice(folders)
        new = posixpath.join(folder, posixpath.basename(path))
        if new in self.pages or is_index(new):
            self.counter += 1
            new = posixpath.join(folder, f"moved-{self.counter}.md")
        (self.src / new).parent.mkdir(parents=True, exist_ok=True)
        os.rename(self.src / path, self.src / new)  # as `git mv` does: the file keeps its mtime
        self.pages[new] = self.pages.pop(path)
        self.save(new)  # its own relative links, if any, now start from another folder
        fixed = self._retarget(path, new)
        return f"moved {path} -> {new} (links fixed in {fixed})"

    def edit_delete(self) -> str:
        path = self.leaf_page(movable=True, keep={link.target for _page, link in self.broken_links()})
        del self.pages[path]
        (self.src / path).unlink()
        fixed = self._retarget(path, None)
        return f"deleted {path} (links removed from {fixed})"

    def shared_partial_unused(self) -> bool:
        return all(page.partial is None for page in self.pages.values())

    def edit_partial_edit(self) -> str:
        self.partial_text = self.sentence()
        self.write_partial()
        self.may_not_show = self.shared_partial_unused()
        return f"partial text -> {self.partial_text!r}"

    def edit_partial_touch(self) -> str:
        os.utime(self.src / self.shared_file)
        return "touched the partial (no change)"

    def edit_shadow_partial(self) -> str:
        """Add a file that also names itself demo/shared and sorts first: the pages now show it."""
        folder, name = self.shared_file.rsplit("/", 1)
        self.shared_file = f"{folder}/_{chr(ord(name[1]) - 1)}{name[2:]}"  # _shared.md, then _rhared.md...
        self.partial_text = self.sentence()
        self.write_partial()
        self.may_not_show = self.shared_partial_unused()
        return f"{self.shared_file} now answers demo/shared: {self.partial_text!r}"

    def edit_partial_use(self) -> str:
        path = self.any_page()
        page = self.pages[path]
        page.partial = None if page.partial is not None else self.words(1)
        self.save(path)
        return f"partial in {path} -> {page.partial!r}"

    def edit_category(self) -> str:
        """A new label, unless the folder's page has its own; else a new position."""
        index = self.pages.get("ref/index.md")
        if self.rng.random() < 0.5 and index is not None and "sidebar_label" not in index.front:
            self.category["label"] = self.words(2)
        else:
            self.may_not_show = True  # the page's own position wins, or the order stays as it was
            self.category["position"] = self.rng.choice(
                [value for value in (0, 1.5, 2, 4, 8) if value != self.category["position"]]
            )
        self.write_category()
        return f"ref/_category_.json -> {self.category}"

    def edit_touch(self) -> str:
        path = self.any_page()
        os.utime(self.src / path)
        return f"touched {path} (no change)"

    def edit_slug(self) -> str:
        path = self.leaf_page()
        if "slug" in self.pages[path].front:
            return self._set(path, "slug", None)
        self.counter += 1
        return self._set(path, "slug", f"served-at-{self.counter}")

    def edit_break_link(self) -> str:
        path = self.rng.choice([path for path in sorted(self.pages) if self.pages[path].links])
        link = self.rng.choice(self.pages[path].links)
        link.broken = True
        self.save(path)
        return f"broke the link to {link.target} in {path}: {self.href(path, link)}"

    def edit_repair_link(self) -> str:
        path, link = self.rng.choice(self.broken_links())
        link.broken = False
        self.save(path)
        return f"repaired the link to {link.target} in {path}"

    def edit_heading(self) -> str:
        """Rename (or name back) a heading that another page links to with an anchor."""
        targets = sorted({link.target for page in self.pages.values() for link in page.links if link.anchor})
        path = self.rng.choice(targets or sorted(self.pages))
        page = self.pages[path]
        page.heading = "More details" if page.heading == "Details" else "Details"
        self.save(path)
        return f"second heading of {path} -> {page.heading!r} (#details links to it: {bool(targets)})"

    def edit_image(self) -> str:
        path = self.any_page()
        page = self.pages[path]
        page.image = None if page.image is not None else self.rng.choice(sorted(IMAGES))
        self.save(path)
        return f"image in {path} -> {page.image!r}"

    def edit_use_missing_partial(self) -> str:
        self.counter += 1
        path = self.leaf_page(movable=True)
        self.pages[path].extra_partial = f"extra-{self.counter}"
        self.save(path)
        return f"{path} uses partial demo/extra-{self.counter}, which does not exist yet"

    def edit_create_partial(self) -> str:
        name = self.pages[self.rng.choice(self.missing_partials())].extra_partial
        assert name is not None  # missing_partials() lists pages that name one
        self.write_extra_partial(name)
        self.extra_partials.add(name)
        return f"created partial demo/{name}"


EDITS: dict[str, Callable[[Site], str]] = {
    name.removeprefix("edit_"): function for name, function in vars(Site).items() if name.startswith("edit_")
}
# Every other edit must change the clean build's output: an edit that changes nothing proves nothing.
NO_OUTPUT_CHANGE = {"touch", "partial_touch"}  # these must leave it as it was
# A new position can leave the order as it was; a missing partial shows nothing (it warns).
MAY_NOT_CHANGE_OUTPUT = {"position", "use_missing_partial"}


PAIRS = {"break_link": "repair_link", "use_missing_partial": "create_partial"}  # a problem, then its fix


def edit_schedule(rng: random.Random) -> list[str]:
    """Every kind twice, in random order; each problem of PAIRS is fixed a few edits later."""
    kinds = [kind for kind in EDITS if kind not in {*PAIRS, *PAIRS.values()}] * 2
    rng.shuffle(kinds)
    for problem, fix in PAIRS.items():
        at = rng.randrange(2, len(kinds) - 4)
        kinds.insert(at, problem)
        kinds.insert(at + rng.randint(1, 3), fix)
    return kinds


def warning_types(result, src: Path, what: str) -> list[tuple[str, str]]:
    """(source path, type) of each warning of a build."""
    found = []
    for line in warnings_in(result):
        match = re.match(r"^(?P<path>[^:]+):.*\[(?P<type>[\w.]+)\]$", line)
        assert match and match["path"].startswith(f"{src}/"), f"{what}: unexpected warning {line}"
        found.append((match["path"][len(f"{src}/"):], match["type"]))
    return sorted(found)


class Differential:
    """Builds the site incrementally in one folder and from scratch in another, and compares."""

    def __init__(self, site: Site, tmp_path: Path, *, first_jobs: str = "1") -> None:
        self.site, self.tmp_path = site, tmp_path
        self.incremental = tmp_path / "incremental"
        self.log: list[str] = []
        first = build(site.src, self.incremental, jobs=first_jobs, env=BUILD_ENV)
        assert first.returncode == 0 and not warnings_in(first), first.stderr
        self.output = digests(self.incremental)
        self.warnings: list[tuple[str, str]] = []

    def edit(self, kind: str) -> None:
        """Apply one edit, build both ways, and check the warnings and the outputs."""
        time.sleep(0.01)  # the edit is newer than the last read, at any timestamp resolution
        site, src = self.site, self.site.src
        site.may_not_show = kind in MAY_NOT_CHANGE_OUTPUT
        self.log.append(f"{len(self.log) + 1:2}. {kind}: {EDITS[kind](site)}")
        what = f"seed {SEED}, edit {self.log[-1]}"
        code = code_digest()
        expected = site.expected_warnings()
        strict = not expected  # -W, as `make html`, unless this step is meant to warn
        clean = self.tmp_path / f"clean-{len(self.log)}"
        result = build(src, self.incremental, strict=strict, env=BUILD_ENV)
        assert result.returncode == 0, f"{what}: incremental build failed\n{result.stderr}"
        # An incremental build repeats only the warnings of the pages it reads or writes again,
        # but every problem this edit brought must be reported (or -W would let it through).
        warned = set(warning_types(result, src, what))
        assert warned <= set(expected), f"{what}\n{result.stderr}"
        assert set(expected) - set(self.warnings) <= warned, f"{what}: a new problem not reported"
        self.warnings = expected
        reference = build(src, clean, strict=strict, env=BUILD_ENV)
        assert reference.returncode == 0, f"{what}: clean build failed\n{reference.stderr}"
        assert warning_types(reference, src, what) == expected, f"{what}\n{reference.stderr}"
        difference = compare_outputs(clean, self.incremental)
        if difference is not None and code != code_digest():
            pytest.fail(f"{what}: conf.py, _ext/ or _templates/ changed during this step (an edit in the "
                        "working tree while the test ran): run it again")
        assert difference is None, (
            f"{what}\nthe incremental build differs from a clean build.\nedits so far:\n"
            + "\n".join(self.log) + f"\n{difference}\nincremental build log:\n{result.stdout[-3000:]}"
        )
        output = digests(clean)
        if kind in NO_OUTPUT_CHANGE and output != self.output:
            pytest.fail(f"{what}: an edit that changes nothing changed the output")
        if kind not in NO_OUTPUT_CHANGE and not site.may_not_show and output == self.output:
            pytest.fail(f"{what}: the edit did not change the output (a vacuous step)")
        self.output = output
        shutil.rmtree(clean)


@pytest.mark.site
def test_incremental_build_equals_clean_build_after_every_edit(tmp_path):
    rng = random.Random(SEED)
    differential = Differential(Site(tmp_path / "src", rng), tmp_path)
    schedule = edit_schedule(rng)
    assert len(schedule) >= 30 and set(schedule) == set(EDITS)
    for kind in schedule:
        differential.edit(kind)


@pytest.mark.site
def test_what_a_parallel_read_records_survives_the_merge(tmp_path):
    """Read with -j 2 (every page in a worker process), then make edits that rely on what the
    workers recorded about pages that are not read again: which partial file each component
    found, and which pages link to a heading."""
    differential = Differential(Site(tmp_path / "src", random.Random(SEED)), tmp_path, first_jobs="2")
    for kind in ("shadow_partial", "heading", "heading"):
        differential.edit(kind)


# -- one invalidation rule: a page is written again when what it shows changed --------------

WRITING = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (?P<docname>\S+)$", re.MULTILINE)


def written(result) -> set[str]:
    """The documents a serial (-j 1) build wrote."""
    return {match["docname"] for match in WRITING.finditer(result.stdout)}


def targeted_edit(differential: Differential, what: str, edit: Callable[[Site], None]) -> set[str]:
    """Apply an edit, check incremental == clean, and return the pages the incremental build wrote."""
    site = differential.site
    time.sleep(0.01)
    edit(site)
    differential.log.append(what)
    result = build(site.src, differential.incremental, env=BUILD_ENV)
    assert result.returncode == 0, f"{what}: incremental build failed\n{result.stderr}"
    clean = differential.tmp_path / f"clean-{len(differential.log)}"
    reference = build(site.src, clean, env=BUILD_ENV)
    assert reference.returncode == 0, f"{what}: clean build failed\n{reference.stderr}"
    difference = compare_outputs(clean, differential.incremental)
    assert difference is None, f"{what}: the incremental build differs from a clean build\n{difference}"
    assert digests(clean) != differential.output, f"{what}: the edit did not change the output (vacuous)"
    differential.output = digests(clean)
    shutil.rmtree(clean)
    return written(result)


@pytest.mark.site
def test_an_edit_rewrites_exactly_the_pages_that_show_it(tmp_path):
    """Edits whose effect reaches only a few other pages: each incremental build equals a clean
    build, and writes the edited page and the pages that show what changed, not the whole site.

    Sphinx adds one rule of its own: a page written again has its toctree ancestors written too
    (``Builder.write``, ``env.files_to_rebuild``), so they appear in the sets below.
    """
    site = Site(tmp_path / "src", random.Random(SEED))
    everything = {path.removesuffix(".md") for path in site.pages}
    differential = Differential(site, tmp_path)

    # A label shown only inside one branch of the sidebar (and by its prev/next neighbours).
    def relabel(site: Site) -> None:
        site._set("ops/monitor/alerts.md", "sidebar_label", "Alert Rules")

    pages = targeted_edit(differential, "label of a page deep in one branch", relabel)
    assert {"ops/monitor/alerts", "ops/monitor/monitor"} <= pages  # the page; its parent's branch and cards
    assert "guide/install" not in pages and "ref/api" not in pages, pages  # other branches show nothing of it
    assert pages < everything

    # A leaf's title, which is also its label (it has no sidebar_label): its branch, its
    # neighbours, the pages that link to it and its tag's page show it; the other branches do not.
    scaling = "guide/advanced/scaling.md"
    assert "sidebar_label" not in site.pages[scaling].front
    linkers = {path.removesuffix(".md") for path, page in site.pages.items()
               if any(link.target == scaling for link in page.links)}

    def retitle(site: Site) -> None:
        site._set(scaling, "title", "Scaling Out")

    pages = targeted_edit(differential, "title of a leaf page without a sidebar_label", retitle)
    assert {"guide/advanced/scaling", "guide/advanced/advanced", "guide/advanced/tuning"} <= pages, pages
    assert not pages & ({"ops/backup", "ops/restore", "ops/monitor/alerts", "ref/api"} - linkers), pages

    # A description shown only on the parent's card (the page carries no tag, so no tag page lists it).
    assert "tags" not in site.pages["guide/advanced/tuning.md"].front

    def describe(site: Site) -> None:
        site._set("guide/advanced/tuning.md", "description", "Tuning, described anew.")

    pages = targeted_edit(differential, "description of a page without tags", describe)
    assert pages == {"guide/advanced/tuning", "guide/advanced/advanced", "guide/guide"}, pages

    # A heading that only one other page links to (by #anchor): that page is written again.
    target, source = "ref/cli.md", "loose.md"
    for path, page in site.pages.items():  # no other page links to the target
        page.links = [link for link in page.links if link.target != target or path == source]
        site.save(path)
    site.pages[source].links.append(Link("the CLI details", target, "site", "details"))
    site.save(source)
    result = build(site.src, differential.incremental, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr

    def rename(site: Site) -> None:
        site.pages[target].heading = "Command details"
        site.save(target)

    site.pages[source].links[-1] = dataclasses.replace(site.pages[source].links[-1], anchor="command-details")
    site.save(source)
    # the link now names a heading the target does not have yet: a warning, until the rename
    result = build(site.src, differential.incremental, strict=False, env=BUILD_ENV)
    assert result.returncode == 0 and "#command-details" in result.stderr, result.stderr
    differential.output = digests(differential.incremental)
    pages = targeted_edit(differential, "a heading only one page links to", rename)
    assert pages == {"ref/cli", "loose", "ref/index", "index"}, pages


@pytest.mark.site
def test_a_visible_toctree_follows_the_titles_below_it(tmp_path):
    """An author's visible toctree shows the headings of its entries' entries: renaming a heading two
    levels down writes the page that shows the toctree again. Two rules see to it: Sphinx writes
    every toctree ancestor of a page it writes, and the site model signs what visible toctrees show
    (so the page stays right if the first rule is ever narrowed, as issue 15 may)."""
    src = tmp_path / "src"
    pages = {
        "index.md": "# Home\n\n```{toctree}\n:maxdepth: 3\n\nmiddle\n```\n",
        "middle.md": "# Middle\n\n```{toctree}\n\nbottom\n```\n",
        "bottom.md": "---\ntitle: Bottom\n---\n\n## Bottom details\n\nText.\n",
    }
    for name, text in pages.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    assert build(src, incremental, env=BUILD_ENV).returncode == 0
    assert "Bottom details" in (incremental / "index.html").read_text(encoding="utf-8")
    time.sleep(0.01)
    (src / "bottom.md").write_text(pages["bottom.md"].replace("Bottom details", "Lower details"), encoding="utf-8")
    result = build(src, incremental, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    assert "index" in written(result)
    assert build(src, clean, env=BUILD_ENV).returncode == 0
    assert compare_outputs(clean, incremental) is None
    assert "Lower details" in (incremental / "index.html").read_text(encoding="utf-8")


# Small sites, one per thing a page can show of another page; each edit must reach that page.
# The page that shows it is a leaf ("reader"), never a toctree ancestor of the edited page
# (Sphinx writes every ancestor of a page it writes), and the edited page is unlisted, so the
# reader's sidebar does not show it: either would hide a missing rule.
HOME = "# Home\n"
GLOSSARY = "# Glossary\n\n```{glossary}\ncluster\n  A group of machines.\n```\n"
SHOWS = {
    "a missing image added later": (
        {"index.md": HOME, "reader.md": "# Reader\n\n![A diagram](/later.png)\n"},
        lambda src: (src / "_static" / "images").mkdir(parents=True) or
        (src / "_static" / "images" / "later.png").write_bytes(png((1, 2, 3))),
    ),
    "a relative {doc} link to a retitled page": (
        {"index.md": HOME, "guides/reader.md": "# Reader\n\nSee {doc}`setup`.\n",
         "guides/setup.md": "---\ntitle: Setup\nunlisted: true\n---\n\nText.\n"},
        lambda src: (src / "guides/setup.md").write_text("---\ntitle: Setting up\nunlisted: true\n---\n\nText.\n"),
    ),
    "an empty link to a heading whose text changes": (
        {"index.md": HOME, "reader.md": "# Reader\n\nSee [](other.md#setup).\n",
         "other.md": "# Other\n\n## Install {#setup}\n\nText.\n"},
        lambda src: (src / "other.md").write_text("# Other\n\n## Installing {#setup}\n\nText.\n"),
    ),
    "a {ref} to a label on an image, whose page moves": (
        {"index.md": HOME, "reader.md": "# Reader\n\nSee {ref}`the diagram <fig-arch>`.\n",
         "arch.md": "---\nunlisted: true\n---\n\n# Architecture\n\n(fig-arch)=\n\nText.\n"},
        lambda src: (src / "arch.md").write_text(
            "---\nunlisted: true\nslug: /moved-arch\n---\n\n# Architecture\n\n(fig-arch)=\n\nText.\n"),
    ),
    "a glossary term whose page moves": (
        {"index.md": HOME, "reader.md": "# Reader\n\nA {term}`cluster` runs it.\n",
         "glossary.md": "---\nunlisted: true\n---\n\n" + GLOSSARY},
        lambda src: (src / "glossary.md").write_text("---\nunlisted: true\nslug: /terms\n---\n\n" + GLOSSARY),
    ),
    "an about page furo links from every page": (
        {"index.md": HOME, "reader.md": "# Reader\n\nText.\n"},
        lambda src: (src / "about.md").write_text("---\nunlisted: true\n---\n\n# About\n\nWho we are.\n"),
    ),
}


@pytest.mark.site
@pytest.mark.parametrize("case", list(SHOWS))
def test_what_a_page_shows_of_another_page_follows_it(tmp_path, case):
    files, edit = SHOWS[case]
    src = tmp_path / "src"
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    reader = next(name.removesuffix(".md") for name in files if name.endswith("reader.md"))
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    first = build(src, incremental, strict=False, env=BUILD_ENV)
    assert first.returncode == 0, first.stderr
    shown_before = (incremental / reader / "index.html").read_text(encoding="utf-8")
    time.sleep(0.01)
    edit(src)
    result = build(src, incremental, strict=False, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    reference = build(src, clean, strict=False, env=BUILD_ENV)
    assert reference.returncode == 0, reference.stderr
    # the edit reaches the reader page (else the case proves nothing), and the incremental build follows
    assert (clean / reader / "index.html").read_text(encoding="utf-8") != shown_before, case
    assert compare_outputs(clean, incremental) is None, compare_outputs(clean, incremental)


@pytest.mark.site
def test_a_page_the_last_build_did_not_finish_writing_is_written(tmp_path):
    """Sphinx saves the environment before writing: what counts is what the last finished build wrote."""
    src = tmp_path / "src"
    (src / "index.md").parent.mkdir(parents=True)
    (src / "index.md").write_text("# Home\n\n- [One](one.md)\n", encoding="utf-8")
    (src / "one.md").write_text("# One\n\nText.\n", encoding="utf-8")
    out = tmp_path / "html"
    assert build(src, out, env=BUILD_ENV).returncode == 0
    record = out / ".doctrees" / "docusaurus-written.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["signatures"]["one"] = "not what was written"  # as if a build had stopped before writing it
    record.write_text(json.dumps(data), encoding="utf-8")
    result = build(src, out, env=BUILD_ENV)
    assert result.returncode == 0 and written(result) >= {"one"}, result.stdout
    result = build(src, out, env=BUILD_ENV)
    assert result.returncode == 0 and "one" not in written(result), result.stdout
    record.unlink()  # no record at all: every page is written
    result = build(src, out, env=BUILD_ENV)
    assert written(result) >= {"index", "one"}, result.stdout


# -- the environment version and changed settings -------------------------------------------


def extension():
    """The extension package as conf.py loads it."""
    if str(REPO / "_ext") not in sys.path:
        sys.path.insert(0, str(REPO / "_ext"))
    import docusaurus_compat

    return docusaurus_compat


def test_env_version_is_a_digest_of_the_extension_source(tmp_path):
    ext = extension()
    copy = tmp_path / "docusaurus_compat"
    shutil.copytree(Path(ext.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    version = ext.source_version(copy)
    assert isinstance(version, int) and 0 < version < 2**53  # Sphinx wants an int; JavaScript reads it
    assert version == ext.ENV_VERSION  # what setup() gives Sphinx (checked in the next test)

    nested = copy / "dialect" / "partials.py"
    original = nested.read_bytes()
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0x01  # one bit of one byte, in a module of a sub-package
    nested.write_bytes(bytes(changed))
    assert ext.source_version(copy) != version
    nested.write_bytes(original)
    assert ext.source_version(copy) == version

    (copy / "new_module.py").write_text("")  # a new module counts, even an empty one
    assert ext.source_version(copy) != version
    (copy / "new_module.py").rename(copy / "static" / "notes.txt")  # only Python sources count
    assert ext.source_version(copy) == version
    (copy / "navbar.py").rename(copy / "navbar2.py")  # a renamed module counts
    assert ext.source_version(copy) != version


@pytest.mark.site
def test_the_env_version_reaches_sphinx(tmp_path):
    src = tmp_path / "src"
    Site(src, random.Random(SEED))
    result = build(src, tmp_path / "html", env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "html" / "searchindex.js").read_text(encoding="utf-8")
    assert f'"docusaurus_compat":{extension().ENV_VERSION},' in index


@pytest.mark.site
@pytest.mark.parametrize(
    ("setting", "shows"),
    [
        # an "env" setting: every page is read again
        ("docusaurus_index_cards=0", lambda html: "docusaurus-cards" not in (html / "guide/index.html").read_text()),
        # an "html" setting: every page is written again
        ("docusaurus_edit_url=https://example.com/x/",
         lambda html: "https://example.com/x/guide/install.md" in (html / "guide/install/index.html").read_text()),
    ],
)
def test_a_changed_setting_rebuilds_what_a_clean_build_gives(tmp_path, setting, shows):
    src = tmp_path / "src"
    Site(src, random.Random(SEED))
    incremental, default, overridden = tmp_path / "incremental", tmp_path / "default", tmp_path / "overridden"
    for outdir, options in ((incremental, ()), (default, ()), (overridden, ("-D", setting))):
        result = build(src, outdir, *options, env=BUILD_ENV)
        assert result.returncode == 0, result.stderr
    assert shows(overridden) and not shows(default)  # the setting changes the output

    result = build(src, incremental, "-D", setting, env=BUILD_ENV)  # the setting changed
    assert result.returncode == 0, result.stderr
    assert compare_outputs(overridden, incremental) is None
    result = build(src, incremental, env=BUILD_ENV)  # and back
    assert result.returncode == 0, result.stderr
    assert compare_outputs(default, incremental) is None
