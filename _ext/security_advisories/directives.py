"""The two directives: ``security-advisory`` (a part of a record's page) and
``security-bulletins`` (the index: filters, feeds and a table of every record)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import page_parts
from .bulletins_table import bulletins_table, export_links, filter_form
from .exports_layout import record_exports
from .pages import WARNING_TYPE, advisory_state
from .settings import product_names

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .records import Advisory

logger = logging.getLogger(__name__)

PARTS = ("overview", "summary", "impact", "remediation", "workaround", "references", "revisions")


class SecurityAdvisory(SphinxDirective):
    """One part of a record's page: ``{security-advisory} CVE-…`` with ``:part: impact``."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"part": lambda value: directives.choice(value, PARTS)}

    def _markdown(self, record: Advisory) -> page_parts.MarkdownParser:
        starts = dict(record.field_lines)

        def parse(field: str) -> list[nodes.Node]:
            text: str = getattr(record, field)
            container = nodes.container()
            self.state.nested_parse(StringList(text.splitlines(), source=str(record.source)), 0, container)
            # what is reported about these nodes later (a broken link, refused HTML) names the
            # record's file and line, not the generated page
            first = starts.get(field, record.id_line)
            for node in container.findall(nodes.Element):
                node.source = str(record.source)
                node.line = first
            return list(container.children)

        return parse

    def run(self) -> list[nodes.Node]:
        state = advisory_state(self.env)
        record = state.collection.by_id().get(self.arguments[0]) if state else None
        if record is None:
            logger.warning(
                "no advisory record has the id %s: add its file to advisories_dir", self.arguments[0],
                location=self.get_location(), type=WARNING_TYPE, subtype="record",
            )
            return []
        # a page that shows a record is read again when the record's file changes
        self.env.note_dependency(str(record.source))
        products = product_names(self.config)
        part = self.options.get("part", "overview")
        markdown = self._markdown(record)
        built: list[nodes.Node]
        if part == "overview":
            built = page_parts.overview(record, products)
        elif part == "summary":
            built = page_parts.summary(record, markdown)
        elif part == "impact":
            built = page_parts.impact(record, products)
        elif part == "remediation":
            built = page_parts.remediation(record, products, markdown)
        elif part == "workaround":
            built = page_parts.workaround(record, markdown)
        elif part == "references":
            built = page_parts.references(record, record_exports(record))
        else:
            built = page_parts.revisions(record)
        return built


class SecurityBulletins(SphinxDirective):
    """The index of every record: a filter form (HTML only), the feeds, and the table."""

    def run(self) -> list[nodes.Node]:
        state = advisory_state(self.env)
        if state is None or self.env.docname != self.config.advisories_index:
            logger.warning(
                "the security-bulletins table belongs on the advisories_index page (%s), with "
                "advisories_dir set in conf.py", self.config.advisories_index,
                location=self.get_location(), type=WARNING_TYPE, subtype="record",
            )
            return []
        records = state.collection.records
        products = product_names(self.config)
        docnames = {record_id: docname for docname, record_id in state.docnames.items()}
        out: list[nodes.Node] = [export_links()]
        if records:
            out.append(filter_form(records, products))
        out.append(bulletins_table(records, products, docnames))
        return out


class SecurityBulletinsAppendix(SphinxDirective):
    """The PDF appendix's table of every record (no filters, no feeds: paper has neither)."""

    def run(self) -> list[nodes.Node]:
        state = advisory_state(self.env)
        if state is None:
            return []
        docnames = {record_id: docname for docname, record_id in state.docnames.items()}
        return [bulletins_table(state.collection.records, product_names(self.config), docnames)]


def setup_directives(app: Sphinx) -> None:
    """Register the directives."""
    app.add_directive("security-advisory", SecurityAdvisory)
    app.add_directive("security-bulletins", SecurityBulletins)
    app.add_directive("security-bulletins-appendix", SecurityBulletinsAppendix)
