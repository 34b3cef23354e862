"""The bulletins index: the table of every record, its filters and its feed links.

The table is plain docutils nodes, so it is in the HTML without JavaScript, in the
search index and in the PDF. Each row carries what the filters need as ``data-``
attributes (:class:`advisory_row`); the filter form is HTML only, hidden until
``security-bulletins.js`` shows it, so a reader without JavaScript sees the whole
table and no controls that do nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.transforms.post_transforms import SphinxPostTransform

from .exports_layout import FEEDS, INDEX, PROVIDER_METADATA, csaf_path, osv_path
from .page_parts import severity_badge, version_key
from .records import DEPLOYMENT_LABELS, SEVERITIES, SEVERITY_LABELS, STATUS_LABELS, Advisory
from .site_links import site_link

# the filter value of a record whose source gives no status
NOT_STATED = "not_stated"
# a record without a title is listed by the start of its summary
TITLE_CHARS = 90
# the package is on the record's page and in the filters and text search: the table stays narrow
# enough for a page of paper (the PDF) and a laptop screen
COLUMNS = ("ID", "Title", "Severity", "Status", "Products", "Published")
# per cent of the width; given to the PDF's table (LaTeX otherwise breaks ids and "Severity")
WIDTHS = (21, 28, 11, 12, 15, 13)


class advisory_row(nodes.row):  # noqa: N801 - docutils names nodes in lower case
    """A table row with ``data-`` attributes for the filters (``data`` maps name -> text)."""


def visit_advisory_row_html(translator: Any, node: advisory_row) -> None:
    """``<tr id=… data-product=…>``: starttag escapes every attribute value."""
    attributes = {f"data-{name}": value for name, value in node["data"].items()}
    translator.body.append(translator.starttag(node, "tr", "", **attributes))
    node.column = 0  # type: ignore[attr-defined]  # docutils' HTML writer counts a row's cells here


def depart_advisory_row_html(translator: Any, node: advisory_row) -> None:
    """Close the row as docutils does."""
    translator.body.append("</tr>\n")


def visit_advisory_row(translator: Any, node: advisory_row) -> None:
    """Other builders write it as an ordinary row."""
    translator.visit_row(node)


def depart_advisory_row(translator: Any, node: advisory_row) -> None:
    """Other builders write it as an ordinary row."""
    translator.depart_row(node)


class advisory_filters(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """The filter form: markup made here from escaped values, written by HTML builders only."""


def visit_advisory_filters_html(translator: Any, node: advisory_filters) -> None:
    """Write the form (its values were escaped when it was made)."""
    translator.body.append(node["html"])
    raise nodes.SkipNode


def skip_advisory_filters(translator: Any, node: advisory_filters) -> None:
    """Paper and plain text have no form controls."""
    raise nodes.SkipNode


def row_data(record: Advisory) -> dict[str, str]:
    """What the filters match. ``releases`` holds one ``kind/product/deployment/version`` token per
    release (kind ``a``: affected, ``f``: fixed), so a product, a deployment and a version are
    matched together, and a version matches only the releases it affects."""
    tokens = [
        f"{kind}/{release.product}/{release.deployment}/{version}"
        for kind, releases in (("a", record.affected), ("f", record.fixed_in))
        for release in releases
        for version in sorted(release.versions, key=version_key)
    ]
    return {
        "releases": " ".join(tokens),
        "severity": record.severity.lower(),
        "status": record.status or NOT_STATED,
        "package": record.package.name if record.package else "",
        "aliases": " ".join(record.aliases),
    }


def _entry(*children: nodes.Node | str) -> nodes.entry:
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    return nodes.entry("", paragraph)


def _products(record: Advisory, products: Mapping[str, str]) -> str:
    """The products and deployments a record names (affected or fixed)."""
    by_product: dict[str, list[str]] = {}
    for release in (*record.affected, *record.fixed_in):
        by_product.setdefault(products.get(release.product, release.product), []).append(
            DEPLOYMENT_LABELS[release.deployment].lower()
        )
    if not by_product:
        return "None" if record.status == "not_affected" else "Not listed"
    return "; ".join(f"{name} ({', '.join(dict.fromkeys(kinds))})" for name, kinds in by_product.items())


def bulletins_table(
    records: Sequence[Advisory], products: Mapping[str, str], docnames: Mapping[str, str]
) -> nodes.table:
    """Every record, newest first; each row's id is the record's anchor on this page."""
    table = nodes.table(classes=["advisory-bulletins"], ids=["security-bulletins-table"])
    caption = f"Security bulletins ({len(records)}), newest first"
    table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(COLUMNS))
    table += group
    for width in WIDTHS:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    header = nodes.row()
    head += header
    for column in COLUMNS:
        header += _entry(column)
    body = nodes.tbody()
    group += body
    for record in records:
        row = advisory_row(ids=[record.slug], data=row_data(record))
        body += row
        score = record.cvss.score if record.cvss else None
        data = nodes.paragraph(classes=["advisory-data"])
        data += site_link("OSV", path=osv_path(record))
        data += nodes.Text(" · ")
        data += site_link("CSAF", path=csaf_path(record))
        row += nodes.entry("", nodes.paragraph("", "", site_link(record.id, docname=docnames.get(record.id, ""))), data)
        row += _entry(record.title or record.summary_start(TITLE_CHARS))
        row += _entry(severity_badge(record.severity, score))
        row += _entry(STATUS_LABELS.get(record.status, record.status))  # the reason is on its page
        row += _entry(_products(record, products))
        row += _entry(record.published or "Not stated")
    if not records:
        entry = _entry("No bulletins have been published.")
        entry["morecols"] = len(COLUMNS) - 1
        body += nodes.row("", entry)
    return table


class GivenWidthsOnPaper(SphinxPostTransform):
    """The PDF's bulletins table takes :data:`WIDTHS` and may break across pages. Only there:
    docutils' HTML writer would write them as ``style`` attributes, which the site's Content-Security-Policy refuses."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "advisory-bulletins" in table["classes"]:
                # longtable: the table runs over pages (tabulary, Sphinx's choice below 30 rows, cannot)
                table["classes"] += ["colwidths-given", "longtable"]


def export_links() -> nodes.bullet_list:
    """Links to the feeds and the machine-readable exports."""
    items = nodes.bullet_list(classes=["advisory-exports"])
    for label, path, _type in FEEDS:
        items += nodes.list_item("", nodes.paragraph("", "", site_link(label, path=path)))
    items += nodes.list_item("", nodes.paragraph("", "", site_link("Every record as JSON (index.json)", path=INDEX)))
    items += nodes.list_item("", nodes.paragraph(
        "", "", site_link("CSAF provider metadata", root=True, path=PROVIDER_METADATA),
        nodes.Text(" (each row links its record's OSV and CSAF VEX documents)"),
    ))
    return items


def _select(name: str, label: str, options: Sequence[tuple[str, str]]) -> Markup:
    choices = Markup("").join(
        Markup('<option value="{}">{}</option>').format(value, text) for value, text in [("", "All"), *options]
    )
    return Markup(
        '<div class="advisory-filter"><label for="advisory-filter-{0}">{1}</label>'
        '<select id="advisory-filter-{0}" name="{0}">{2}</select></div>'
    ).format(name, label, choices)


def filter_form(records: Sequence[Advisory], products: Mapping[str, str]) -> advisory_filters:
    """The filter controls; the script keeps them in the URL's query string."""
    releases = [release for record in records for release in (*record.affected, *record.fixed_in)]
    used_products = sorted({release.product for release in releases}, key=lambda p: products.get(p, p))
    used_deployments = [d for d in DEPLOYMENT_LABELS if any(r.deployment == d for r in releases)]
    # the version filter finds what affects a release: only affected versions are offered
    affected = [release for record in records for release in record.affected]
    versions = sorted({v for release in affected for v in release.versions}, key=version_key, reverse=True)
    severities = [s for s in reversed(SEVERITIES) if any(r.severity == s for r in records)]
    statuses = [s for s in STATUS_LABELS if any(r.status == s for r in records)]
    packages = sorted({r.package.name for r in records if r.package}, key=str.casefold)
    controls = [
        _select("product", "Product", [(p, products.get(p, p)) for p in used_products]),
        _select("deployment", "Deployment", [(d, DEPLOYMENT_LABELS[d]) for d in used_deployments]),
        _select("version", "Version", [(v, v) for v in versions]),
        _select("severity", "Severity", [(s.lower(), SEVERITY_LABELS[s]) for s in severities]),
        _select("status", "Status", [(s or NOT_STATED, STATUS_LABELS[s]) for s in statuses]),
        _select("package", "Package", [(p, p) for p in packages]),
        Markup(
            '<div class="advisory-filter advisory-filter-text"><label for="advisory-filter-q">Search</label>'
            '<input id="advisory-filter-q" name="q" type="search" autocomplete="off" '
            'placeholder="CVE id, title or package"></div>'
        ),
    ]
    html = Markup(
        '<form class="advisory-filters" id="advisory-filters" hidden aria-label="Filter the bulletins">{}'
        '<div class="advisory-filter-actions"><button type="reset">Clear filters</button></div>'
        '<p class="advisory-count" role="status" aria-live="polite"></p></form>'
    ).format(Markup("").join(controls))
    return advisory_filters(html=str(html))

