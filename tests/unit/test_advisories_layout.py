"""The security_advisories package's structure: records -> pages -> written files, one way.

Pure layers (records, exports, importers) import neither Sphinx nor docutils, so
they can be used and tested without a build; a module imports only its own phase or
an earlier one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "_ext" / "security_advisories"

PHASES: dict[str, tuple[str, ...]] = {
    # records and what is made from them, without Sphinx
    "pure": ("cvss_rating", "records", "exports_layout", "publisher", "osv_export", "csaf_export", "feeds",
             "schema_check", "importers", "importers.__main__", "importers.report_pages",
             "importers.bulletins_page", "importers.api_records", "importers.writer"),
    # reading: settings, the record pages and the nodes they are made of
    "read": ("settings", "site_links", "pages", "page_parts", "bulletins_table", "directives", "pdf_appendix"),
    # writing: the index page's head and the exported files
    "write": ("head_links", "write_exports"),
}
PHASE_OF = {module: phase for phase, modules in PHASES.items() for module in modules}
ORDER = list(PHASES)


def names() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append(".".join(parts))
    return [name for name in found if name]


def source(name: str) -> ast.Module:
    path = PACKAGE.joinpath(*name.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return ast.parse(path.read_text(encoding="utf-8"))


def imported(name: str) -> tuple[set[str], set[str]]:
    """(modules of this package, top-level outside packages) that ``name`` imports."""
    is_package = (PACKAGE.joinpath(*name.split("."))).is_dir()
    here = name.split(".") if is_package else name.split(".")[:-1]
    inside, outside = set(), set()
    for node in ast.walk(source(name)):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - (node.level - 1)]
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                candidate = f"{target}.{alias.name}" if target else alias.name
                inside.add(candidate if candidate in PHASE_OF else target)
        elif isinstance(node, ast.ImportFrom) and node.module:
            outside.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            outside.update(alias.name.split(".")[0] for alias in node.names)
    return {module for module in inside if module and module != name}, outside


def test_every_module_has_a_phase() -> None:
    assert [name for name in names() if name not in PHASE_OF] == []
    assert set(PHASE_OF) <= set(names()), "PHASES names a module that does not exist"


@pytest.mark.parametrize("name", sorted(PHASE_OF))
def test_no_module_imports_a_later_phase(name: str) -> None:
    inside, outside = imported(name)
    own = ORDER.index(PHASE_OF[name])
    assert sorted(m for m in inside if m in PHASE_OF and ORDER.index(PHASE_OF[m]) > own) == []
    if PHASE_OF[name] == "pure":
        assert outside.isdisjoint({"sphinx", "docutils", "docusaurus_compat"}), f"{name} imports {outside}"


def test_settings_are_registered_only_by_the_settings_module() -> None:
    for name in names():
        calls = [node for node in ast.walk(source(name)) if isinstance(node, ast.Call)
                 and isinstance(node.func, ast.Attribute) and node.func.attr == "add_config_value"]
        assert name == "settings" or not calls, name
