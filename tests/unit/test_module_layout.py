"""The extension's structure: one direction of data flow, no import cycle, one settings module.

Every module belongs to a phase; a module imports only modules of its own phase or an
earlier one (type-only imports included: they show the same dependency). The package's
``__init__`` wires the phases together and may import any of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "_ext" / "docusaurus_compat"

PHASES: dict[str, tuple[str, ...]] = {
    # facts with no Sphinx state: warnings, settings, URL rules, icons, path rules, node classes
    "foundation": ("warning_types", "settings", "url_policy", "icons", "doc_paths", "doc_nodes",
                   "heading_ids", "search_chunks", "search_index"),
    # a Docusaurus site's own files: config, versions, sidebars (no Sphinx state)
    "site": ("site_files", "site_files.__main__", "site_files.js_values", "site_files.config",
             "site_files.versions", "site_files.sidebars", "site_files.layout", "site_files.sphinx_config"),
    # reading one page: sources, front matter, the parser and its dialect, per-page records
    "read": (
        "frontmatter_loader", "frontmatter_schema", "page_sources", "page_model", "parser", "dialect",
        "dialect.admonitions", "dialect.code_fences", "dialect.components", "dialect.directives",
        "dialect.esm", "dialect.expressions", "dialect.mdx_modules", "dialect.headings", "dialect.html", "dialect.jsx",
        "dialect.languages", "dialect.mdx_comments", "dialect.partials", "dialect.renderer",
        "apply_front_matter", "navigation", "link_records", "missing_files", "raw_html", "spacers",
        "section_ids", "generated_root", "component_uses", "toc_inline", "external_images", "parallel_jobs",
    ),
    # after reading: the site model
    "model": ("routes", "site_reading", "link_targets", "nav_tree", "site_sidebars", "site_versions", "site_model"),
    # writing pages
    "write": (
        "html_builder", "html_translator", "sidebar", "template_context", "navbar", "index_cards",
        "links", "tags", "sitemap", "search", "search_records", "search_dialog", "csp", "pdf", "site_pdf",
        "generated_index", "stale_outputs",
        "markdown_copy", "markdown_pages", "llms_txt",
    ),
}
ORDER = list(PHASES)
PHASE_OF = {module: phase for phase, modules in PHASES.items() for module in modules}


def module_names() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def module_path(name: str) -> Path:
    if not name:
        return PACKAGE / "__init__.py"
    path = PACKAGE.joinpath(*name.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imports_of(name: str) -> set[str]:
    """The package modules ``name`` imports (relative imports resolved)."""
    tree = ast.parse(module_path(name).read_text(encoding="utf-8"))
    package = name.split(".") if module_path(name).name == "__init__.py" else name.split(".")[:-1]
    package = [part for part in package if part]
    known = set(module_names())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:  # `from . import x` may name a module
                candidate = f"{target}.{alias.name}" if target else alias.name
                found.add(candidate if candidate in known else target)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("docusaurus_compat"):
            found.add(node.module.removeprefix("docusaurus_compat").lstrip("."))
    return {module for module in found if module != name and module in known}


def test_every_module_has_a_phase() -> None:
    unclassified = [name for name in module_names() if name and name not in PHASE_OF]
    assert unclassified == [], f"put these modules in a phase of PHASES: {unclassified}"
    assert set(PHASE_OF) <= set(module_names()), "PHASES names a module that does not exist"


@pytest.mark.parametrize("name", [name for name in module_names() if name])
def test_no_module_imports_a_later_phase(name: str) -> None:
    own = ORDER.index(PHASE_OF[name])
    later = sorted(module for module in imports_of(name) if ORDER.index(PHASE_OF[module]) > own)
    assert later == [], f"{name} ({PHASE_OF[name]}) imports {later} of a later phase"


def test_the_import_graph_has_no_cycle() -> None:
    graph = {name: imports_of(name) for name in module_names()}
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = "open"
        path.append(name)
        for other in sorted(graph[name]):
            if state.get(other) == "open":
                cycle = [*path[path.index(other):], other]
                pytest.fail(f"import cycle: {' -> '.join(cycle)}")
            if other not in state:
                visit(other)
        path.pop()
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name)


def calls_named(name: str, attribute: str) -> list[int]:
    tree = ast.parse(module_path(name).read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attribute
    ]


def test_settings_are_registered_only_by_the_settings_module() -> None:
    outside = {
        name: lines
        for name in module_names()
        if name != "settings" and (lines := calls_named(name, "add_config_value"))
    }
    assert outside == {}, f"register settings in settings.py, not in {outside}"


def test_every_setting_read_is_declared() -> None:
    from docusaurus_compat.settings import SETTINGS_BY_NAME

    read = set()
    for name in module_names():
        tree = ast.parse(module_path(name).read_text(encoding="utf-8"))
        read |= {
            node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr.startswith("docusaurus_") and node.attr.islower()
            and isinstance(node.value, (ast.Name, ast.Attribute))
            and (node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id) == "config"
        }
    assert read, "the extension reads its settings from config"
    assert sorted(read - set(SETTINGS_BY_NAME)) == []


def test_nothing_reaches_the_application_through_the_environment() -> None:
    for name in module_names():
        tree = ast.parse(module_path(name).read_text(encoding="utf-8"))
        private = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "_app"]
        assert private == [], f"{name} uses env._app at lines {private}"
