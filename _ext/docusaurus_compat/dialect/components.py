"""The components a page may use: a registry from JSX name to renderer.

Each entry says how the component is drawn where it can stand: as a block
with children (``<Tabs>...</Tabs>``), as a self-closing block (``<Video .../>``),
and inline (``<Tooltip>`` in a sentence). A component registered only
self-closing and written with a closing tag (``<Video ...></Video>``) is drawn
the same way, its children after it. Names are matched without regard to case,
as MDX authors write ``<TabItem>`` and ``<Tabitem>`` alike.

Sites with components of their own register them here
(``COMPONENTS.register("MyCard", single=render_my_card)``) from a Sphinx
extension loaded after this one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

Renderer = Callable[[Any, Any, dict], None]
"""``(renderer, token, attrs) -> None``: draws the component into the renderer's current node."""


@dataclasses.dataclass(frozen=True)
class Component:
    """How one component is drawn in each place it can stand."""

    paired: Renderer | None = None
    single: Renderer | None = None
    inline_paired: Renderer | None = None
    inline_single: Renderer | None = None


class ComponentRegistry:
    """JSX name -> :class:`Component`."""

    def __init__(self) -> None:
        self._components: dict[str, Component] = {}

    def register(
        self,
        name: str,
        *,
        paired: Renderer | None = None,
        single: Renderer | None = None,
        inline_paired: Renderer | None = None,
        inline_single: Renderer | None = None,
    ) -> None:
        """Add (or replace) a component."""
        self._components[name.lower()] = Component(paired, single, inline_paired, inline_single)

    def get(self, name: str) -> Component | None:
        return self._components.get(name.lower())

    def names(self) -> list[str]:
        return sorted(self._components)


COMPONENTS = ComponentRegistry()
"""Every component this site renders (filled in by :mod:`.renderer`)."""
