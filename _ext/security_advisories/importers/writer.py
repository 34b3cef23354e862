"""Records written as YAML: one ``<ID>.yaml`` per record, keys in the schema's order, block style.

Markdown fields are literal blocks (``|``), dates plain ``YYYY-MM-DD`` scalars (records.py reads
them back as text). Unknown keys keep their place after the schema's, so load_record names them.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..records import record_schema
from . import DATE_FIELDS, MARKDOWN_FIELDS


def _order(schema: Mapping[str, Any]) -> list[str]:
    return list(schema.get("properties", {}))


def _node(value: Any, schema: Mapping[str, Any], defs: Mapping[str, Any], field: str = "") -> Any:
    if "$ref" in schema:
        schema = defs.get(str(schema["$ref"]).rsplit("/", 1)[-1], {})
    if isinstance(value, Mapping):
        order = _order(schema)
        node = CommentedMap()
        for key in [*order, *(key for key in value if key not in order)]:
            if key in value:
                inner = schema.get("properties", {}).get(key, {})
                node[key] = _node(value[key], inner, defs, key)
        return node
    if isinstance(value, (list, tuple)):
        return CommentedSeq(_node(item, schema.get("items", {}), defs, field) for item in value)
    if isinstance(value, str) and (field in DATE_FIELDS or field == "date"):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, str) and field in MARKDOWN_FIELDS:
        # a literal block keeps the Markdown's lines; trailing spaces would force a quoted scalar
        return LiteralScalarString("\n".join(line.rstrip() for line in value.strip("\n").split("\n")) + "\n")
    return value


def record_document(record: Mapping[str, Any]) -> CommentedMap:
    """The record as a ruamel mapping in the schema's key order."""
    schema = record_schema()
    node = _node(record, schema, schema.get("$defs", {}))
    assert isinstance(node, CommentedMap)
    return node


def dump_record(record: Mapping[str, Any], comment: str = "") -> str:
    """The record's YAML text, after ``comment`` lines (``# ...``) when given."""
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    # one value per line: a folded summary is harder to compare with its source
    yaml.width = 4096
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(record_document(record), stream)
    header = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return header + stream.getvalue()


def record_path(folder: Path, record: Mapping[str, Any]) -> Path:
    """Where a record is written: ``<ID>.yaml``."""
    return folder / f"{record['id']}.yaml"


def write_record(folder: Path, record: Mapping[str, Any], comment: str = "") -> Path:
    """Write one record into ``folder`` (made when missing) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = record_path(folder, record)
    path.write_text(dump_record(record, comment), encoding="utf-8")
    return path
