"""Bad front matter: a clear, typed warning at file:line; the build goes on; nothing lost."""

from __future__ import annotations

import pytest

from conftest import build_root, one, read_html, warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="badfrontmatter", freshenv=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The root, built once for the tests that read it (its warnings are the point)."""
    return build_root(tmp_path_factory, "badfrontmatter")


def warning_for(app, page: str) -> list[str]:
    prefix = str(app.srcdir / page)
    return [line for line in warnings_of(app) if line.startswith(prefix + ":")]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "invalid-yaml.md:2: WARNING: invalid YAML in front matter (found unexpected end of stream while scanning "
            "a quoted scalar)",
            "[docusaurus.frontmatter_yaml]",
        ),
        (
            "wrong-type.md:3: WARNING: front-matter key 'sidebar_position' must be a number, such as 10, not 'abc' "
            "(the key is ignored)",
            "[docusaurus.frontmatter_type]",
        ),
        (
            "wrong-type.md:4: WARNING: front-matter key 'tags' must be a list of tags, such as [security, cve], not "
            "'security' (the key is ignored)",
            "[docusaurus.frontmatter_type]",
        ),
        (
            "unknown-key.md:3: WARNING: unknown front-matter key 'sidebar_positon': did you mean 'sidebar_position'? "
            "(the key is ignored)",
            "[docusaurus.frontmatter_unknown]",
        ),
        (
            "duplicate.md:3: WARNING: front-matter key 'title' is given twice: delete one (the first value is used)",
            "[docusaurus.frontmatter_duplicate]",
        ),
        (
            "list-fm.md:1: WARNING: front matter must be 'key: value' lines, but it is a list",
            "[docusaurus.frontmatter_yaml]",
        ),
        ("bad-icon.md:3: WARNING: unknown icon 'no-such-icon-name'", "[docusaurus.icon_unknown]"),
        ("unclosed.md:1: WARNING: front matter opened with '---' is never closed", "[docusaurus.frontmatter_yaml]"),
        (
            "constructor.md:4: WARNING: invalid YAML in front matter (could not determine a constructor for the tag "
            "'!Tag')",
            "[docusaurus.frontmatter_yaml]",
        ),
        (
            "latin1.md:5: WARNING: the file is not UTF-8 text (line 5, column 4): save it as UTF-8 (the page is left "
            "out of this build)",
            "[docusaurus.source_encoding]",
        ),
        (
            "bad-slug.md:3: WARNING: front-matter key 'slug' must be a site path, such as /security/overview, not "
            "'javascript:alert(1)' (the key is ignored)",
            "[docusaurus.frontmatter_type]",
        ),
    ],
)
def test_each_problem_has_a_typed_warning_at_its_line(built, page, expected):
    lines = warnings_of(built)
    full = f"{built.srcdir}/{page}"
    assert any(line.startswith(full) and line.endswith(expected) for line in lines), lines


def test_nothing_else_warns_and_no_traceback(built):
    lines = warnings_of(built)
    assert len(lines) == 11, lines
    assert "Traceback" not in built.status.getvalue()


@pytest.mark.parametrize(
    ("page", "text"),
    [
        ("invalid-yaml/index.html", "Body of the broken page survives."),
        ("list-fm/index.html", "List front matter."),
        ("unclosed/index.html", "Unclosed front matter body."),
    ],
)
def test_every_page_is_built_with_its_body(built, page, text):
    assert text in one(read_html(built, page), "article").get_text()


def test_valid_keys_beside_a_bad_one_still_apply(built):
    soup = read_html(built, "wrong-type/index.html")
    assert one(soup, "title").get_text().startswith("Typed")
    assert soup.select_one(".docusaurus-tags") is None


def test_scheme_slug_is_refused_and_the_page_keeps_its_own_url(built):
    assert (built.outdir / "bad-slug/index.html").is_file()
    assert not list(built.outdir.glob("javascript*"))


def test_duplicate_key_keeps_the_first_value(built):
    assert one(read_html(built, "duplicate/index.html"), "title").get_text().startswith("First")


@pytest.mark.sphinx(
    "html",
    testroot="badfrontmatter",
    freshenv=True,
    confoverrides={"suppress_warnings": ["docusaurus.frontmatter_unknown"]},
)
def test_each_warning_type_can_be_suppressed(app):
    app.build()
    assert not any("frontmatter_unknown" in line for line in warnings_of(app))
    assert any("frontmatter_type" in line for line in warnings_of(app))
