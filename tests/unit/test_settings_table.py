"""The README's settings table is the extension's list of settings (``settings.SETTINGS``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from docusaurus_compat.settings import DEFAULT_CONTENT_SECURITY_POLICY, SETTINGS, SETTINGS_BY_NAME

README = Path(__file__).resolve().parents[2] / "README.md"
ROW = re.compile(r"^\| `(?P<name>docusaurus_\w+)` \| (?P<default>.+?) \| (?P<rebuild>\w+) \| (?P<meaning>.+) \|$")


def readme_rows() -> dict[str, re.Match[str]]:
    section = README.read_text(encoding="utf-8").split("## Settings (`conf.py`)", 1)[1].split("\n## ", 1)[0]
    return {match["name"]: match for line in section.splitlines() if (match := ROW.match(line))}


def test_every_setting_has_a_row_and_every_row_a_setting() -> None:
    assert sorted(readme_rows()) == sorted(setting.name for setting in SETTINGS)


def test_each_row_says_what_the_setting_says() -> None:
    for name, row in readme_rows().items():
        setting = SETTINGS_BY_NAME[name]
        assert row["rebuild"] == setting.rebuild, name
        assert row["meaning"] == setting.description, name
        cell = row["default"]
        if setting.default == DEFAULT_CONTENT_SECURITY_POLICY:
            # too long for the table: the README's Security section gives it in full
            assert cell == "the policy under Security"
            assert f"Content-Security-Policy: {DEFAULT_CONTENT_SECURITY_POLICY}" in README.read_text(encoding="utf-8")
        else:
            assert cell.startswith("`") and cell.endswith("`"), name
            assert ast.literal_eval(cell.strip("`")) == setting.default, name


def test_each_default_has_an_allowed_type() -> None:
    for setting in SETTINGS:
        assert type(setting.default) in setting.types, setting.name
        assert setting.rebuild in ("env", "html"), setting.name
        assert setting.description and "\n" not in setting.description, setting.name
