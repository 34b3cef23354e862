"""url_policy: which URLs the site writes, with accepted and refused inputs for every question."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from docusaurus_compat.url_policy import (
    has_control_characters,
    has_scheme,
    is_not_found_page,
    is_site_path,
    is_web_url,
    raw_html_url_allowed,
    safe_href,
    site_root,
)


def table(cases: dict[str, tuple]) -> pytest.MarkDecorator:
    """Parametrize ``(value, expected)`` rows named by their keys."""
    return pytest.mark.parametrize(("value", "expected"), list(cases.values()), ids=list(cases))


@table({
    "mailto": ("mailto:security@example.com", True),
    "https": ("https://example.com", True),
    "javascript": ("javascript:alert(1)", True),
    "javascript-capitals": ("JavaScript:alert(1)", True),
    "data": ("data:text/html,x", True),
    "tel": ("tel:123", True),
    "plus-dot-dash-in-scheme": ("a+b.c-d:x", True),
    "site-path": ("/a/b", False),
    "relative-path": ("a/b", False),
    "colon-after-a-slash": ("./a:b", False),
    "fragment": ("#frag", False),
    "digit-first": ("1abc:x", False),
    "empty": ("", False),
    # a tab is not a scheme character: callers refuse control characters (or remove them) themselves
    "tab-inside": ("java\tscript:x", False),
})
def test_has_scheme(value: str, expected: bool) -> None:
    assert has_scheme(value) is expected


@table({
    "http": ("http://example.com", True),
    "https-with-path": ("https://example.com/a?b#c", True),
    "capitals": ("HTTPS://EXAMPLE.COM", True),
    "no-host": ("https://", False),
    "empty-host": ("https:///x", False),
    "space-for-host": ("https:// example.com", False),
    "ftp": ("ftp://example.com", False),
    "protocol-relative": ("//example.com", False),
    "site-path": ("/a", False),
    "javascript": ("javascript:alert(1)", False),
    "leading-space": (" https://example.com", False),
})
def test_is_web_url(value: str, expected: bool) -> None:
    assert is_web_url(value) is expected


@table({
    "root": ("/", True),
    "path": ("/a/b", True),
    "double-slash-later": ("/a//b", True),
    "protocol-relative": ("//host/a", False),
    # browsers read "\" as "/" in web URLs: /\host is protocol-relative too
    "backslash-protocol-relative": ("/\\host/a", False),
    "relative": ("a/b", False),
    "empty": ("", False),
    "fragment": ("#x", False),
    "web-url": ("https://example.com/", False),
})
def test_is_site_path(value: str, expected: bool) -> None:
    assert is_site_path(value) is expected


@table({
    "tab": ("a\tb", True),
    "line-feed": ("a\nb", True),
    "carriage-return": ("a\r", True),
    "nul": ("\x00", True),
    "unit-separator": ("\x1f", True),
    "space": ("a b", False),
    "plain": ("abc", False),
    "delete-is-not-below-space": ("\x7f", False),
    "non-ascii": ("ünï", False),
})
def test_has_control_characters(value: str, expected: bool) -> None:
    assert has_control_characters(value) is expected


@table({
    "none": (None, None),
    "empty": ("", None),
    "web-url-stripped": ("  https://example.com/x  ", "https://example.com/x"),
    "site-path": ("/a/", "/a/"),
    "site-path-stripped": (" /a ", "/a"),
    "javascript": ("javascript:alert(1)", None),
    "protocol-relative": ("//evil.example", None),
    "backslash-protocol-relative": ("/\\evil.example", None),
    "data-image": ("data:image/png;base64,AAAA", None),
    "mailto": ("mailto:a@example.com", None),
    "relative": ("a/b", None),
    "fragment": ("#x", None),
})
def test_safe_href(value: str | None, expected: str | None) -> None:
    assert safe_href(value) == expected


LINKS_ALLOWED = [
    "https://example.com", "http://example.com", "HTTPS://EXAMPLE.COM", "mailto:a@example.com", "MAILTO:a@example.com",
    "/a", "/", "#frag", "./a", "../a", "page.md", "page.md#part", "dir/page", "page?x=1", "my page.md",
]
LINKS_REFUSED = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
    " javascript:alert(1)", "\x00javascript:alert(1)", "vbscript:x", "data:text/html,<script>",
    "data:image/png;base64,AAAA", "tel:123", "//evil.example", "/\t/evil.example", "/\\evil.example", "",
]
MEDIA_ALLOWED = [
    "/img.png", "./img.png", "../img.png", "img.png", "img/x.png", "data:image/png;base64,AAAA",
    "DATA:IMAGE/PNG;BASE64,AAAA", "data:image/gif;base64,", "data:image/jpeg;base64,", "data:image/webp;base64,",
]
MEDIA_REFUSED = [
    "https://evil.example/x.png", "//evil.example/x.png", "/\\evil.example/x.png", "/\t/evil.example/x.png",
    "data:image/svg+xml;base64,AAAA", "data:text/html;base64,AAAA", "data:image/png,raw", "javascript:alert(1)",
    "java\tscript:alert(1)", "#frag", "mailto:a@example.com", "",
]


@pytest.mark.parametrize("url", LINKS_ALLOWED)
def test_raw_html_link_allowed(url: str) -> None:
    assert raw_html_url_allowed(url, media=False) is True


@pytest.mark.parametrize("url", LINKS_REFUSED)
def test_raw_html_link_refused(url: str) -> None:
    assert raw_html_url_allowed(url, media=False) is False


@pytest.mark.parametrize("url", MEDIA_ALLOWED)
def test_raw_html_media_allowed(url: str) -> None:
    assert raw_html_url_allowed(url, media=True) is True


@pytest.mark.parametrize("url", MEDIA_REFUSED)
def test_raw_html_media_refused(url: str) -> None:
    assert raw_html_url_allowed(url, media=True) is False


NOT_FOUND = {
    "the-generated-404": (SimpleNamespace(notfound_pagename="404"), {"index"}, "404", True),
    "a-real-404-document": (SimpleNamespace(notfound_pagename="404"), {"index", "404"}, "404", False),
    "another-page": (SimpleNamespace(notfound_pagename="404"), {"index"}, "index", False),
    "another-404-name": (SimpleNamespace(notfound_pagename="not-found"), set(), "not-found", True),
    "no-notfound-extension": (SimpleNamespace(), set(), "404", False),
}


@pytest.mark.parametrize(("config", "docnames", "pagename", "expected"), NOT_FOUND.values(), ids=NOT_FOUND.keys())
def test_is_not_found_page(config: SimpleNamespace, docnames: set[str], pagename: str, expected: bool) -> None:
    assert is_not_found_page(config, docnames, pagename) is expected


@table({
    "prefix": (SimpleNamespace(notfound_urls_prefix="/docs/"), "/docs/"),
    "none": (SimpleNamespace(notfound_urls_prefix=None), "/"),
    "empty": (SimpleNamespace(notfound_urls_prefix=""), "/"),
    "no-notfound-extension": (SimpleNamespace(), "/"),
})
def test_site_root(value: SimpleNamespace, expected: str) -> None:
    assert site_root(value) == expected
