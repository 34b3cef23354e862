"""The Docusaurus Markdown dialect, one behaviour per test (tests/roots/test-dialect)."""

from __future__ import annotations

import re

import pytest

from conftest import build_root, one, read_html, warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="dialect", freshenv=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The root, built once for the tests that read it (its warnings are checked by one test)."""
    return build_root(tmp_path_factory, "dialect")


def article(app, page: str):
    """The page's own content (the breadcrumbs above it left out)."""
    content = one(read_html(app, f"{page}/index.html"), "article")
    for crumbs in content.select("nav.docusaurus-breadcrumbs"):
        crumbs.decompose()
    return content


def warning_keys(app) -> set[str]:
    keys = set()
    for line in warnings_of(app):
        match = re.match(r"^(?:.*/)?([\w-]+\.mdx?):(\d+): WARNING: .* \[([\w.]+)\]$", line)
        assert match, f"unexpected warning form: {line}"
        keys.add(f"{match[1]}:{match[2]} {match[3]}")
    return keys


def test_exactly_the_expected_warnings(built):
    assert warning_keys(built) == {
        "admonitions.md:55 docusaurus.admonition_closer",
        "admonitions.md:57 docusaurus.admonition_unknown",
        "components.md:66 docusaurus.component_unknown",
        "components.md:68 docusaurus.component_unknown",
        "components.md:70 docusaurus.partial_missing",
        "images.md:8 docusaurus.image_missing",
        # lines as in the file: the import line above them is dropped without shifting them
        "damaged.md:8 docusaurus.admonition_closer",
        "damaged.md:10 docusaurus.component_unclosed",
        "damaged.md:12 docusaurus.component_unclosed",
    }


# damaged sources from the corpus, reduced --------------------------------------------

def test_old_style_title_over_two_lines_with_stranded_closer(built):
    warning = article(built, "damaged").select_one("div.admonition.warning")
    assert warning.select_one(".admonition-title").get_text(strip=True).startswith("A long old-style title")
    assert "onto a second line of text." in warning.get_text() and ":::" not in warning.get_text()


def test_tooltip_split_by_a_blank_line_keeps_all_text(built):
    text = " ".join(article(built, "damaged").get_text().split())
    assert "The first part" in text and "second part ends here." in text and "Tooltip" not in text


def test_admonition_inside_indented_tab_body(built):
    assert article(built, "damaged").select_one("div.sd-tab-set div.admonition.tip") is not None


# 1. admonitions -----------------------------------------------------------------

def admonitions(app):
    return [
        (div["class"], div.select_one(".admonition-title").get_text(strip=True))
        for div in article(app, "admonitions").select("div.admonition")
    ]


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("note", "Note"), ("tip", "Bracket title"), ("info", "Info"), ("warning", "Sentence title here"),
        ("caution", "Caution"), ("danger", "Danger"), ("preview", "Tech Preview"), ("further", "Further Guidance"),
    ],
)
def test_each_admonition_type_and_title_form(built, kind, title):
    assert any(kind in classes and text == title for classes, text in admonitions(built))


def test_empty_preview_gets_the_fixed_text(built):
    preview = next(d for d in article(built, "admonitions").select("div.admonition") if "preview" in d["class"])
    assert "tech preview" in preview.get_text().lower()
    assert len(preview.select("p:not(.admonition-title)")) == 1


def test_nested_admonitions_with_more_colons(built):
    outer = next(
        d for d in article(built, "admonitions").select("div.admonition")
        if d.select_one(".admonition-title").get_text(strip=True) == "Outer"
    )
    assert outer.select_one(":scope > div.admonition > .admonition-title").get_text(strip=True) == "Inner"


def test_admonition_inside_an_indented_list_item(built):
    item = article(built, "admonitions").select_one("ol > li")
    assert item.select_one("div.admonition.warning").get_text().strip().endswith("Inside a list item.")
    items = [li.get_text(" ", strip=True)[:9] for li in article(built, "admonitions").select("ol > li")]
    assert items[1] == "Next step"


def test_stranded_closer_closes_and_warns_with_advice(built):
    stranded = [d for d in article(built, "admonitions").select("div.admonition") if "Stranded" in d.get_text()]
    assert len(stranded) == 1 and ":::" not in stranded[0].get_text()
    assert any("put it on a line of its own" in line for line in warnings_of(built))


def test_unknown_type_keeps_its_text_without_a_box(built):
    # Docusaurus renders a directive no plugin knows as a bare <div> of its body (unusedDirectives)
    assert not any("mystery" in classes for classes, _title in admonitions(built))
    page = article(built, "admonitions")
    assert "Unknown type body." in page.select_one("div.docusaurus-directive").get_text()
    assert ":::mystery" not in page.get_text()


# 2. MDX block rules -------------------------------------------------------------

def test_indentation_never_makes_code(built):
    page = article(built, "mdx")
    assert page.select("pre") == []
    assert "Indented four spaces is a paragraph" in page.select_one("p:-soup-contains('Indented')").get_text()


def test_import_export_dropped_and_table_kept_whole(built):
    page = article(built, "mdx")
    text = page.get_text()
    assert "import" not in text and "export" not in text
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in page.select("table tbody tr")]
    assert rows == [["one", "two"], ["three", "four"]]


def test_html_comments_produce_nothing(built):
    html = (built.outdir / "mdx/index.html").read_text()
    assert "vale off" not in html and "hidden block" not in html
    assert [li.get_text(strip=True) for li in article(built, "mdx").select("ul > li")] == ["Item one", "Item two"]


# 3. components --------------------------------------------------------------------

def test_tabs_become_a_synced_tab_set_with_default(built):
    sets = article(built, "components").select("div.sd-tab-set")
    assert len(sets) == 2
    first_labels = [label.get_text(strip=True) for label in sets[0].select("label")]
    assert first_labels == ["Linux", "macOS"]
    checked = sets[0].select_one("input[checked]")
    assert sets[0].select_one(f"label[for='{checked['id']}']").get_text(strip=True) == "macOS"
    assert {label.get("data-sync-group") for label in sets[0].select("label")} == {"os"}
    assert {label.get("data-sync-id") for label in sets[1].select("label")} == {"linux", "mac"}
    assert [li.get_text() for li in sets[0].select("ul li")] == ["a", "b"]


def test_partial_included_with_props_and_steps_continue(built):
    lists = article(built, "components").select("ol")
    starts = [ol.get("start", "1") for ol in lists]
    assert starts == ["1", "3", "5"]
    assert "Partial step for Palette." in lists[1].get_text()


def test_versioned_link_resolves_like_a_site_path(built):
    link = article(built, "components").find("a", string="the packs page")
    assert link["href"] == "https://docs.spectrocloud.com/integrations/packs/?pack=kubernetes"  # as written


def test_card_grid(built):
    card = article(built, "components").select_one(".sd-card")
    assert card.select_one(".sd-card-title").get_text(strip=True) == "Card One"
    assert card.find("a", string="Open")["href"] == "#"  # the page itself: /components


def test_details_become_a_dropdown(built):
    dropdown = article(built, "components").select_one("details.sd-dropdown")
    assert dropdown.select_one("summary").get_text(strip=True) == "More detail"
    assert "Hidden body." in dropdown.get_text()


def test_video_is_a_link_not_an_iframe(built):
    page = article(built, "components")
    assert page.select("iframe") == []
    assert page.find("a", string="Intro video")["href"] == "https://www.youtube.com/embed/abc"


def test_tooltip_keeps_trigger_and_explains_on_hover(built):
    abbr = article(built, "components").select_one("abbr.docusaurus-tooltip")
    assert abbr.get_text() == "Trigger" and abbr["title"] == "Tooltip text here."


def test_unknown_components_keep_text_and_print_no_jsx(built):
    text = article(built, "components").get_text()
    assert "Demo text kept." in text and "<" not in text


def test_redirect_is_a_meta_refresh_without_script(built):
    soup = read_html(built, "redirect/index.html")
    assert one(soup, 'meta[http-equiv="refresh"]')["content"] == "0; url=../components/"
    assert not any(script.string for script in soup.select("script") if script.string and "location" in script.string)


# 4. raw HTML -------------------------------------------------------------------------

def test_br_spellings_are_line_breaks_and_spacers_vanish(built):
    page = article(built, "html")
    first = page.select_one("p")
    assert len(first.select("br")) == 4
    assert len(page.select("td br")) == 1
    assert "<br" not in first.get_text()
    assert all(br.parent.name in ("p", "td") for br in page.select("br"))


def test_anchor_tag_to_md_file_is_resolved(built):
    link = article(built, "html").find("a", string="the components page")
    assert link["href"] == "../components/" and "internal" in link["class"]


def test_jsx_attributes_do_not_leak(built):
    html = (built.outdir / "html/index.html").read_text()
    assert "className" not in html and "style={{" not in html
    assert article(built, "html").select_one("div.note-box").get_text() == "Boxed"


# 5. code fences -------------------------------------------------------------------------

def test_code_title_lines_and_line_numbers(built):
    block = article(built, "code").select(".literal-block-wrapper")[0]
    assert len(block.select(".linenos")) == 4
    assert block.select_one(".code-block-caption").get_text(strip=True).startswith("values.yaml")
    for number in block.select(".linenos"):
        number.decompose()
    assert [hl.get_text() for hl in block.select("span.hll")] == ["a: 1\n", "c: 3\n", "d: 4\n"]


def test_hide_clipboard_marks_the_block(built):
    blocks = article(built, "code").select("div[class*=highlight-]")
    assert "no-copybutton" in blocks[1]["class"]
    assert "no-copybutton" not in blocks[0]["class"]


def test_magic_comments_highlight_and_vanish(built):
    blocks = article(built, "code").select("div[class*=highlight-]")
    js = blocks[2]
    assert "highlight-" not in js.get_text()
    assert [hl.get_text().strip() for hl in js.select("span.hll")] == ["const x = 1;", "const z = 3;", "const w = 4;"]
    assert [hl.get_text().strip() for hl in blocks[3].select("span.hll")] == ['print("hi")']


# 6. headings ----------------------------------------------------------------------------

def test_docusaurus_heading_ids_and_links(built):
    page = article(built, "headings")
    ids = {tag.get("id") for tag in page.select("section, span")} | {
        i for section in page.select("section") for i in [section.get("id")]
    }
    html = (built.outdir / "headings/index.html").read_text()
    for anchor in ("compliance--standards", "repeated-1", "my-custom-id", "emoji--heading", "skipped-level"):
        assert f'id="{anchor}"' in html, anchor
    hrefs = [a["href"] for a in page.select("p a")]
    assert len(hrefs) == 5
    for href in hrefs:  # every link lands on an id of this page
        assert href.startswith("#") and f'id="{href[1:]}"' in html, href
    assert "{#" not in page.get_text()
    del ids


def test_heading_jumps_and_mid_page_h1_do_not_warn(built):
    assert not any("headings.md" in line for line in warnings_of(built))


# 7. images ----------------------------------------------------------------------------------

def test_site_absolute_image_with_width_and_clean_alt(built):
    image = article(built, "images").select_one("img")
    assert image["alt"] == "A diagram"
    assert "300px" in image.get("style", "") or image.get("width") == "300px"
    assert (built.outdir / image["src"].replace("../", "")).is_file()


def test_missing_image_keeps_alt_text(built):
    assert "Missing picture" in article(built, "images").get_text()


# 8. folders ----------------------------------------------------------------------------------

def test_category_json_orders_and_labels_a_folder(built):
    labels = [a.get_text(strip=True) for a in read_html(built, "index.html").select(".sidebar-tree li.toctree-l1 > a")]
    assert labels[0] == "Category Label"


# 9. text ----------------------------------------------------------------------------------------

def test_text_comes_through_as_written(built):
    text = article(built, "text").get_text()
    assert "Price $5 and $10 ✅ — family 👨‍👩‍👧 non\u2011breaking hyphen." in text
    assert "Last line without newline" in text
    assert article(built, "text").select(".math") == []


@pytest.mark.sphinx("html", testroot="dialect", freshenv=True, confoverrides={"docusaurus_dialect": False})
def test_dialect_can_be_switched_off(app):
    app.build()
    assert article(app, "admonitions").select("div.admonition.tip") == []
