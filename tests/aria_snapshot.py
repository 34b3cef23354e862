"""Playwright's accessibility snapshots (``locator.aria_snapshot()``, and the Markdown page
snapshots its tools write) read as trees of (role, name) nodes.

A snapshot is YAML: each node is ``role "name" [attr] [attr=value]``, a plain string when it
has no children, else a one-key mapping to its text or its list of children; ``/url: ...``
gives a link's target and ``text: ...`` a run of text. ``[ref=e12]`` and ``[cursor=pointer]``
are the tool's own annotations and are dropped.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

_NODE = re.compile(r'^(?P<role>[a-z]+)(?: (?P<name>"(?:[^"\\]|\\.)*"))?(?P<attrs>(?: \[[^\]]*\])*)$')
_ATTR = re.compile(r"\[([^\]=]+)(?:=([^\]]*))?\]")
_TOOL_ATTRS = {"ref", "cursor", "active"}


@dataclasses.dataclass
class Node:
    """One node of the accessibility tree."""

    role: str
    name: str = ""
    attrs: dict[str, str] = dataclasses.field(default_factory=dict)
    url: str | None = None
    text: str = ""
    children: list[Node] = dataclasses.field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, role: str, name: str | None = None) -> Node:
        """The first node (this one or below) with this role (and name)."""
        for node in self.walk():
            if node.role == role and (name is None or node.name == name):
                return node
        raise LookupError(f"no {role} {name!r} in the snapshot")


def _node(key: str) -> Node:
    match = _NODE.match(key.strip())
    if match is None:
        raise ValueError(f"not an aria snapshot node: {key!r}")
    attrs = {
        attr: value for attr, value in _ATTR.findall(match["attrs"] or "") if attr not in _TOOL_ATTRS
    }
    return Node(match["role"], json.loads(match["name"]) if match["name"] else "", attrs)


def _children(items: Any) -> list[Node]:
    nodes: list[Node] = []
    for item in items or []:
        if isinstance(item, str):
            nodes.append(_node(item))
            continue
        ((key, value),) = item.items()
        if key == "/url":  # a link's target: read with the link, below
            continue
        if key == "text":
            nodes.append(Node("text", text=str(value)))
            continue
        node = _node(key)
        if isinstance(value, list):
            node.children = _children(value)
            urls = [entry["/url"] for entry in value if isinstance(entry, dict) and "/url" in entry]
            node.url = str(urls[0]) if urls else None
        elif value is not None:
            node.text = str(value)
        nodes.append(node)
    return nodes


def parse(snapshot: str) -> Node:
    """A snapshot's YAML (``aria_snapshot()``'s text) as a tree under a root node."""
    return Node("root", children=_children(yaml.safe_load(snapshot)))


def parse_page_snapshot(path: Path) -> Node:
    """A Markdown page snapshot (``# Page snapshot`` and a fenced ``yaml`` block)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(.*?)\n```", text, re.DOTALL)
    if match is None:
        raise ValueError(f"{path}: no ```yaml block")
    return parse(match.group(1))


def named_sequence(root: Node, keep: Callable[[Node], bool]) -> list[tuple[str, str]]:
    """(role, name) of the nodes ``keep`` accepts, in document order (``root`` itself left out)."""
    return [(node.role, node.name) for node in root.walk() if node is not root and keep(node)]
