"""The PDF's appendix: a table of every record.

A record's page is a web page (the PDF keeps to the site's sidebar), so the PDF
gets every record as one table at its end, each id linked to its page on the
published site. The appendix is a document generated for LaTeX builds only and
named in ``latex_appendices``, Sphinx's own mechanism for appendices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pages import APPENDIX, advisory_state, put_generated

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

SOURCE = """---
title: "All security bulletins"
custom_edit_url: null
pagination_prev: null
pagination_next: null
---

# All security bulletins

Every published bulletin, newest first. Each identifier links to the bulletin's page on the documentation site,
which gives its full details, impact table, references and revision history.

```{security-bulletins-appendix}
```
"""


def _add_appendix(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    if app.builder.format != "latex" or advisory_state(env) is None:
        return []
    put_generated(app, env, APPENDIX, SOURCE, added, removed)
    if APPENDIX not in app.config.latex_appendices:
        app.config.latex_appendices = [*app.config.latex_appendices, APPENDIX]
    # the table lists every record: read again whenever the index page is
    return [APPENDIX] if app.config.advisories_index in changed | added else []


def setup_pdf_appendix(app: Sphinx) -> None:
    """Register the appendix after the record pages (they decide whether the index changed)."""
    app.connect("env-get-outdated", _add_appendix, priority=460)
