"""Which URLs the site writes, in one place.

Front matter, links, raw HTML, the top bar and the HTML translator all ask the
same questions of a URL: does it name a scheme (``mailto:``, ``javascript:``),
is it a web address, is it a path on this site, may it be a link or an image in
raw HTML. The 404 page is also decided here: it is served for a missing path at
any depth, so everything on it links from the site root.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_WEB_URL = re.compile(r"^https?://[^\s/]", re.IGNORECASE)
# Browsers ignore these inside a URL's scheme ("java\tscript:"), so they are removed before checking.
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
# Raw HTML: links may be http(s), mailto, site paths, fragments and relative paths...
# (not "/\host": browsers read a backslash as "/", so that is another host)
_RAW_LINK = re.compile(r"^(?:https?://|mailto:|/(?![/\\])|#|\.{1,2}/|[\w.~%-]+(?:[/#?]|$))", re.IGNORECASE)
# ...and images and media come from this site, or are inline raster images.
_RAW_MEDIA = re.compile(
    r"^(?:/(?![/\\])|\.{1,2}/|[\w.~%-]+(?:/|$)|data:image/(?:png|gif|jpeg|webp);base64,)", re.IGNORECASE
)


def has_scheme(url: str) -> bool:
    """``mailto:x``, ``https://x``, ``javascript:x``: the URL names a scheme (it is not a path)."""
    return bool(_SCHEME.match(url))


def is_web_url(url: str) -> bool:
    """An ``http://`` or ``https://`` URL with a host."""
    return bool(_WEB_URL.match(url))


def is_site_path(url: str) -> bool:
    """A path from this site's root: ``/a/b``, not ``//host/a`` (a protocol-relative URL).

    Browsers read ``\\`` as ``/`` in web URLs, so ``/\\host/a`` is protocol-relative too.
    """
    return url.startswith("/") and not url.startswith(("//", "/\\"))


def has_control_characters(text: str) -> bool:
    """Any character below U+0020 (tabs and line breaks included)."""
    return any(ord(character) < 32 for character in text)


_UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})


def app_link_allowed(url: str) -> bool:
    """Whether a Markdown link with a scheme (``vscode:``, ``slack:``) may be a link: any scheme
    but those that run code or read local files."""
    match = _SCHEME.match(_CONTROL.sub("", url))
    return match is not None and match.group(0)[:-1].lower() not in _UNSAFE_SCHEMES


def url_host(url: str) -> str:
    """The host a URL names (the URL itself when it names none): how a link to it is labelled."""
    return urlsplit(url).hostname or url


def safe_href(url: str | None) -> str | None:
    """``url`` stripped when it is a web URL or a site path, else None (it never reaches an ``href``)."""
    if not url:
        return None
    url = url.strip()
    return url if is_web_url(url) or is_site_path(url) else None


def raw_html_url_allowed(url: str, media: bool) -> bool:
    """Whether raw HTML may carry this URL: as a link (``media=False``) or an image/media source."""
    return bool((_RAW_MEDIA if media else _RAW_LINK).match(_CONTROL.sub("", url)))


def is_not_found_page(config: Any, docnames: Collection[str], pagename: str) -> bool:
    """Whether ``pagename`` is sphinx-notfound-page's 404 page (a generated page, not a document)."""
    return pagename == getattr(config, "notfound_pagename", None) and pagename not in docnames


def site_root(config: Any) -> str:
    """Where the site is served from, for links that must work at any depth (``notfound_urls_prefix``)."""
    return getattr(config, "notfound_urls_prefix", None) or "/"
