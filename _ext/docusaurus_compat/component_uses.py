"""Components the site does not know: one warning per name per build, not one per use.

The renderer keeps such a component's children (a self-closing one shows
nothing) and records each use (:attr:`.page_model.PagesDomain.components`).
Once every page is read, each name is reported once, at its first use, with how
many uses and pages it has and how to say what it should be
(``docusaurus_components``). Parallel reads merge the records like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from .dialect.mdx_modules import ComponentMappingError, parse_rendering
from .page_model import pages_domain
from .warning_types import DocusaurusWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _report_unknown_components(app: Sphinx, env: BuildEnvironment) -> None:
    uses: dict[str, list[tuple[str, int, str, bool]]] = {}
    for docname, records in sorted(pages_domain(env).components.items()):
        if docname not in env.all_docs:
            continue
        for name, path, line, has_text in records:
            uses.setdefault(name, []).append((path, line, docname, has_text))
    for name, found in sorted(uses.items(), key=lambda item: min(item[1])[:2]):
        path, line, _docname, _has_text = min(found)
        pages = len({docname for _path, _line, docname, _text in found})
        has_text = any(text for *_rest, text in found)
        kept = "its children are shown" if has_text else "it has no text, so nothing is shown"
        count = f"{len(found)} uses on {pages} pages, the first here" if len(found) > 1 else "used once"
        if "-" in name:  # a custom HTML element: the browser would show its text too
            advice = "its text is shown, as a browser shows an element it does not know"
            message = f"custom element <{name}> is none this site knows ({count}): {advice}"
        else:
            message = (
                f"component <{name}> is none this site knows ({count}): {kept}; say how to draw it in "
                "docusaurus_components (children, container:<class>, admonition:<type>, dropdown:<title "
                "attribute>, link:<URL attribute> or none), or replace it with Markdown"
            )
        warn(
            message,
            DocusaurusWarning.COMPONENT_UNKNOWN,
            location=f"{path}:{line}" if line else path,
        )


def _check_mapping(app: Sphinx, config: Any) -> None:
    mapping = config.docusaurus_components
    for name, value in mapping.items():
        if not isinstance(value, str):
            raise ConfigError(f"docusaurus_components['{name}'] = {value!r}: give a string such as 'children'")
        try:
            parse_rendering(name, value)
        except ComponentMappingError as error:
            raise ConfigError(str(error)) from None


def setup_component_uses(app: Sphinx) -> None:
    """Check ``docusaurus_components``; report each unknown component once, after reading."""
    app.connect("config-inited", _check_mapping)
    app.connect("env-updated", _report_unknown_components, priority=400)
