"""A real browser for tests: Playwright driving Debian's Chromium, pages served on localhost."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
# The flags Chromium needs here: no sandbox as root, no background traffic (the network is closed).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_chromium() -> str:
    """The browser path; a clear failure (not a skip) when it is missing."""
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        raise RuntimeError(
            "Chromium is missing: run `make test` as root (it installs it), or "
            "`sudo apt-get install -y chromium`"
        )
    return CHROMIUM


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as the site's are: ``/404.html`` answers a missing path, with status 404."""

    extra_headers: ClassVar[dict[str, str]] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def local_server(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[int]:
    """Run an HTTP request handler on 127.0.0.1 (a free port) in a thread; yield the port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port), with extra response headers; yield the base URL."""
    handler_class = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    with local_server(functools.partial(handler_class, directory=str(folder))) as port:
        yield f"http://127.0.0.1:{port}/"


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium (Playwright ``Browser``); make contexts and pages from it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def chromium_page() -> Iterator[Page]:
    """A fresh Playwright page in headless Chromium."""
    with chromium() as browser:
        yield browser.new_page()


DARK_BACKGROUND = "rgb(19, 20, 22)"  # furo's dark page colour


def switch_to_dark_and_reload(page: Page) -> None:
    """Click the top bar's colour-mode switch until the page is dark, reload, and check it stayed dark."""
    toggle = page.locator("button.docusaurus-color-mode:visible").first
    for _ in range(3):  # auto -> light/dark -> ...
        if page.evaluate("document.body.dataset.theme") == "dark":
            break
        toggle.click()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    page.reload()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == DARK_BACKGROUND
