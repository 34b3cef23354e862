"""Each disagreement with Docusaurus that issue 11 lists, reduced to a few lines and built.

The conformance vectors (tests/conformance/) measure agreement over Docusaurus's own test
cases; these tests pin the particular cases found on real sites, one behaviour each.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conformance.runner import Built, build

# --- a tree without a root page ----------------------------------------------------------------


def _article(html: str) -> Tag:
    article = BeautifulSoup(html, "lxml").select_one("article")
    assert article is not None
    return article


def _links(tag: Tag, selector: str = "a") -> dict[str, str]:
    """href -> text of the links under ``tag`` (heading permalinks left out)."""
    return {
        str(a.get("href")): a.get_text() for a in tag.select(selector) if "headerlink" not in (a.get("class") or [])
    }


# (first in the file: it builds before the module's site does, so the two builds never overlap)
def test_a_tree_of_folders_gets_a_generated_root_and_hidden_pages_stay_out_of_the_sidebar() -> None:
    built = build({
        "guides/intro": "# Intro\n\nHello.\n",
        "guides/secret": "---\nhiddenFromNav: true\n---\n\n# Secret\n\nBuilt all the same.\n",
        "reference/api": "# API\n\nCalls.\n",
    }, index=False)
    try:
        assert not built.all_warnings()
        assert set(_links(_article(built.html("index")), "a.reference")) >= {"guides/intro/", "reference/api/"}
        sidebar = list(_links(BeautifulSoup(built.html("guides/intro"), "lxml"), ".sidebar-tree a"))
        assert sidebar and not any("secret" in href for href in sidebar)
        assert "Built all the same." in built.html("guides/secret")
    finally:
        built.app.cleanup()



def test_a_sites_own_magic_comments_class_their_lines() -> None:
    comments = [
        {"className": "theme-code-block-highlighted-line", "line": "highlight-next-line"},
        {"className": "code-block-error-line", "line": "This will error"},
    ]
    built = build({"code": "# Code\n\n```js\nconst a = null;\n// This will error\na.b();\n```\n"},
                  f"docusaurus_magic_comments = {comments!r}\n")
    try:
        block = _article(built.html("code")).select_one("pre")
        assert block is not None
        (marked,) = block.select("span.code-block-error-line")
        assert marked.get_text() == "a.b();" and "This will error" not in block.get_text()
    finally:
        built.app.cleanup()


def test_a_component_in_a_partial_takes_its_prop_as_a_value() -> None:
    partial = (
        "---\npartial_category: shared\npartial_name: links\n---\n\n"
        'See <PaletteVertexUrlMapper edition={props.edition} text="the install guide" url="/install" />.\n'
    )
    built = build({
        "_partials/_links": partial,
        "page": '# Page\n\n<PartialsComponent category="shared" name="links" edition="vertex" />\n',
    }, 'exclude_patterns = ["_build", "_partials/**"]\n')
    try:
        assert not built.all_warnings()
        assert _links(_article(built.html("page")), "a.reference") == {
            "https://docs.spectrocloud.com/vertex/install": "the install guide",
        }
    finally:
        built.app.cleanup()


@pytest.fixture(scope="module")
def site() -> Iterator[Built]:
    built = build({
        "ids": (
            "# Ids\n\n## Title {#custom_h1}\n\n## Other {#custom-_id}\n\n## 你好 {#你好}\n\n"
            "## Dotted {#2022.1.1}\n\n## Html <!-- #html-id -->\n\n## Mdx {/* #mdx-id */}\n\n"
            "## Escaped \\{#escaped-id}\n\n## Shared {#shared}\n"
        ),
        "other": "# Other\n\n## Shared here too {#shared}\n\n[to ids](ids.md#shared) and [to 你好](ids.md#你好)\n",
        "admonitions": (
            "# Admonitions\n\n:::info{.bold .italic}\nStyled.\n:::\n\n:::note{#custom-id}\nWith an id.\n:::\n\n"
            ":::secondary\nLegacy one.\n:::\n\n:::important\nLegacy two.\n:::\n\n:::success\nLegacy three.\n:::\n\n"
            ":::whatever Title\n\n:::NotAContainerDirective with a phrase after\n"
        ),
        "code": (
            "# Code\n\n```js showLineNumbers=5\na();\nb();\n```\n\n"
            "```python\n# highlight-next-line\nx = 1\n// highlight-next-line\n```\n\n"
            "```js {1}\n// highlight-next-line\ny();\n```\n\n"
            "```js title=\"index.js'\nz();\n```\n\n"
            "```jsonc\n{\"a\": 1} // note\n```\n\n```plaintext\nplain\n```\n\n```hbs\n{{name}}\n```\n\n"
            "```js\nconst a = <div>jsx</div>;\n```\n\n```json\n{\"a\": 1, ...}\n```\n"
        ),
        "html": (
            "# Html\n\n<iframe src=\"https://www.youtube.com/embed/abc\" title=\"Demo video\"></iframe>\n\n"
            "A badge <img src=\"https://img.shields.io/badge/a-b-green\" alt=\"build status\" /> inline.\n\n"
            "<Video title=\"Closing tag\" src=\"/videos/a.mp4\"></Video>\n"
        ),
        "front": "---\ntitle: Front\nhiddenFromNav: true\ntags: [tag1, 42]\nkeywords: [2021]\n"
                 "custom_edit_url: \"\"\nimage: '@site/static/img/card.png'\n---\n\n# Front\n",
        "bad-front": "---\ntitle: Bad\nhide_title: yes\n---\n\n# Bad\n",
        "draft-unlisted": "---\ntitle: Both\ndraft: true\nunlisted: true\n---\n\n# Both\n",
        "expressions": "# Expressions\n\nA {\"literal\"} and {42}; see {doc}`ids`.\n",
        "expressions-js": "# Js\n\nValue {someValue} here.\n",
    })
    yield built
    built.app.cleanup()


def _section_ids(built: Built, docname: str) -> list[str]:
    return [section["ids"][0] for section in built.doctree(docname).findall(nodes.section)]


def _warnings(built: Built, docname: str) -> list[str]:
    return [line for line in built.warnings.get(docname, []) if "WARNING" in line]


# --- heading ids ---------------------------------------------------------------------------


def test_custom_ids_are_kept_verbatim(site: Built) -> None:
    assert _section_ids(site, "ids")[1:] == [
        "custom_h1", "custom-_id", "你好", "2022.1.1", "html-id", "mdx-id", "escaped-id", "shared",
    ]


def test_the_comment_forms_leave_no_text(site: Built) -> None:
    titles = [section[0].astext() for section in site.doctree("ids").findall(nodes.section)]
    assert titles[5:8] == ["Html", "Mdx", "Escaped"]


def test_direct_link_uses_the_docusaurus_id(site: Built) -> None:
    heading = _article(site.html("ids")).select_one("#custom_h1 a.headerlink")
    assert heading is not None and heading.get("href") == "#custom_h1"


def test_the_same_id_on_two_pages_is_no_clash_and_links_resolve(site: Built) -> None:
    assert not any("duplicate label" in line for line in site.all_warnings())
    links = _links(_article(site.html("other")), "a.reference")
    assert "../ids/#shared" in links and "../ids/#你好" in links


# --- admonitions -----------------------------------------------------------------------------


def _admonitions(built: Built) -> list[nodes.admonition]:
    return list(built.doctree("admonitions").findall(nodes.admonition))


def test_attributes_are_classes_and_an_id_not_the_title(site: Built) -> None:
    styled, with_id = _admonitions(site)[:2]
    assert (styled[0].astext(), "bold" in styled["classes"], "italic" in styled["classes"]) == ("Info", True, True)
    assert (with_id[0].astext(), with_id["ids"]) == ("Note", ["custom-id"])


def test_legacy_keywords_render_as_their_types(site: Built) -> None:
    legacy = _admonitions(site)[2:]
    assert [(n[0].astext(), next(c for c in n["classes"] if c in ("note", "info", "tip"))) for n in legacy] == [
        ("secondary", "note"), ("important", "info"), ("success", "tip"),
    ]
    assert not _warnings(site, "admonitions")


def test_a_name_followed_by_words_is_text(site: Built) -> None:
    text = site.doctree("admonitions").astext()
    assert ":::whatever Title" in text and ":::NotAContainerDirective with a phrase after" in text
    assert len(_admonitions(site)) == 5


# --- code blocks ---------------------------------------------------------------------------------


def _blocks(built: Built) -> list[nodes.literal_block]:
    return list(built.doctree("code").findall(nodes.literal_block))


def test_line_numbers_start_where_asked(site: Built) -> None:
    assert _blocks(site)[0]["highlight_args"]["linenostart"] == 5


def test_magic_comments_follow_the_language(site: Built) -> None:
    python = _blocks(site)[1]
    assert python.astext() == "x = 1\n// highlight-next-line\n"
    assert python["highlight_args"]["hl_lines"] == [1]


def test_a_range_keeps_the_magic_comment(site: Built) -> None:
    ranged = _blocks(site)[2]
    assert ranged.astext().startswith("// highlight-next-line") and ranged["highlight_args"]["hl_lines"] == [1]


def test_mismatched_quotes_make_no_title(site: Built) -> None:
    assert not list(site.doctree("code").findall(nodes.caption))


def test_languages_pygments_lacks_or_cannot_lex_build_quietly(site: Built) -> None:
    assert not _warnings(site, "code")
    assert [block["language"] for block in _blocks(site)[4:7]] == ["json", "text", "handlebars"]


# --- what the reader sees ------------------------------------------------------------------


def test_a_frame_and_an_outside_image_become_links(site: Built) -> None:
    article = _article(site.html("html"))
    links = _links(article)
    assert links["https://www.youtube.com/embed/abc"] == "Demo video"
    assert links["https://img.shields.io/badge/a-b-green"] == "build status"
    assert "<" not in article.get_text() and not article.select("iframe, img")
    assert not _warnings(site, "html")


def test_video_with_a_closing_tag_is_a_video_link(site: Built) -> None:
    assert "Closing tag" in _article(site.html("html")).get_text()


# --- front matter ---------------------------------------------------------------------------


def test_docusaurus_front_matter_is_accepted(site: Built) -> None:
    assert not _warnings(site, "front")


def test_a_draft_is_not_built_but_its_front_matter_is_checked(site: Built) -> None:
    (warning,) = _warnings(site, "draft-unlisted")
    assert "draft-unlisted.md:4" in warning and "cannot be draft and unlisted" in warning


def test_yaml_1_2_yes_is_text_not_true(site: Built) -> None:
    (warning,) = _warnings(site, "bad-front")
    assert "'hide_title' must be true or false, not 'yes'" in warning


# --- MDX expressions ---------------------------------------------------------------------


def test_literal_expressions_show_their_text_and_roles_still_work(site: Built) -> None:
    article = _article(site.html("expressions"))
    assert "A literal and 42; see Ids." in " ".join(article.get_text().split())
    assert "../ids/" in _links(article, "a.reference")
    assert not _warnings(site, "expressions")


def test_an_expression_needing_javascript_is_left_out_with_a_warning(site: Built) -> None:
    (warning,) = _warnings(site, "expressions-js")
    assert "{someValue} needs the site's JavaScript" in warning
    assert "{" not in _article(site.html("expressions-js")).get_text()
