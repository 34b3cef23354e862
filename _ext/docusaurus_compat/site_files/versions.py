"""The versions of a docs plugin instance, as Docusaurus lays them out.

``versions.json`` (newest first) names the released versions; their pages are in
``versioned_docs/version-<name>/`` and their sidebars in
``versioned_sidebars/version-<name>-sidebars.json``; ``current`` is the docs
folder itself. The last version (``lastVersion``, else the newest released one,
else ``current``) is served at the docs root, ``current`` at ``next/`` as
"Next", each other version at its name. The default banner is "unreleased" for
versions newer than the last one and "unmaintained" for older ones. A plugin
instance other than ``default`` keeps these files under ``<id>_versions.json``,
``<id>_versioned_docs/`` and ``<id>_versioned_sidebars/``.

(Docusaurus: ``plugin-content-docs/src/versions/``, and the versioning guide.)
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .config import DEFAULT_PLUGIN_ID, DocsInstance, Problem, line_of

CURRENT = "current"


@dataclasses.dataclass(frozen=True)
class DocsVersion:
    """One version of one docs plugin instance."""

    plugin_id: str
    name: str
    label: str
    path: str
    """The URL path below the site root, without slashes: ``docs/next``, ``docs``, or ``""``."""
    content_dir: Path
    sidebar_path: Path | bool | None
    banner: str | None
    """``unreleased``, ``unmaintained`` or None."""
    is_last: bool


def _prefix(plugin_id: str) -> str:
    return "" if plugin_id == DEFAULT_PLUGIN_ID else f"{plugin_id}_"


def read_versions_file(site_dir: Path, plugin_id: str) -> tuple[list[str], list[Problem]]:
    """The names in ``versions.json`` (none when the file is absent)."""
    path = site_dir / f"{_prefix(plugin_id)}versions.json"
    if not path.is_file():
        return [], []
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [], [Problem(str(path), 1, f"cannot be read ({error}): only the current docs are built")]
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return [], [Problem(str(path), 1, "is not a JSON array of version names: only the current docs are built")]
    return names, []


def docs_versions(
    site_dir: Path, instance: DocsInstance, config_file: Path | None = None
) -> tuple[list[DocsVersion], list[Problem]]:
    """Every version Docusaurus builds for ``instance``, newest first, and what it could not follow."""
    where = str(config_file or site_dir)
    released, problems = ([], []) if instance.disable_versioning else read_versions_file(site_dir, instance.plugin_id)
    names = ([CURRENT] if instance.include_current_version else []) + released
    last = instance.last_version
    if last is not None and last not in names:
        fallback = released[0] if released else CURRENT
        problems.append(Problem(
            where, line_of(Path(where), "lastVersion") if config_file else 1,
            f"docs option `lastVersion: '{last}'` names no version (there are: {', '.join(names)}): "
            f"'{fallback}' is the last version instead",
        ))
        last = None
    if last is None:
        last = released[0] if released else CURRENT
    for name in instance.versions:
        if name not in names:
            problems.append(Problem(where, 1, f"docs option `versions` configures '{name}', which is "
                                                      f"not a version (there are: {', '.join(names)}): ignored"))
    if instance.only_include_versions is not None:
        names = [name for name in names if name in instance.only_include_versions]
    last_index = names.index(last) if last in names else 0
    result = []
    for index, name in enumerate(names):
        options = instance.versions.get(name)
        is_last = name == last
        if name == CURRENT:
            content_dir, sidebar = instance.path, instance.sidebar_path
            label, path = "Next", "next"
        else:
            content_dir = site_dir / f"{_prefix(instance.plugin_id)}versioned_docs" / f"version-{name}"
            sidebars_dir = site_dir / f"{_prefix(instance.plugin_id)}versioned_sidebars"
            sidebar_file = sidebars_dir / f"version-{name}-sidebars.json"
            # a version without its sidebars file has no sidebar (Docusaurus: DisabledSidebars)
            sidebar = sidebar_file if sidebar_file.is_file() else False
            label, path = name, name
            if not content_dir.is_dir():
                problems.append(Problem(str(content_dir), 1, f"version '{name}' is in versions.json but this "
                                                             "folder is missing: the version is not built"))
                continue
        if is_last:
            path = ""
        banner: str | None = None if is_last else ("unreleased" if index < last_index else "unmaintained")
        if options is not None:
            label = options.label or label
            path = options.path.strip("/") if options.path is not None else path
            if options.banner is not None:
                banner = None if options.banner == "none" else options.banner
        url_path = "/".join(part for part in (instance.route_base_path, path) if part)
        result.append(DocsVersion(instance.plugin_id, name, label, url_path, content_dir, sidebar, banner, is_last))
    return result, problems
