"""Shared pytest fixtures.

Sections (keep each group together; add new groups below the last one):

1. Paths.
2. The built site, served over HTTP, and one headless Chromium per session: used by test_browser.py,
   test_accessibility.py, test_html_validity.py and test_hostile.py.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
import threading
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# ---------------------------------------------------------------------------------------------------------------
# 1. Paths
# ---------------------------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------------------------------------------
# 2. The built site, its HTTP server and the browser
#
# The tests run against the _site/ that `make site` writes. CLUSTERCSR_SITE points them at another built site
# (for example a fixture book's _site while the real data is being curated).
# ---------------------------------------------------------------------------------------------------------------

SITE_ENV = "CLUSTERCSR_SITE"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
SCHEMES = ("light", "dark")
# Every chart has finished (data-rendered is "true" or "error"); pages without charts pass at once.
CHARTS_SETTLED = ("() => Array.from(document.querySelectorAll('.cc-chart'))"
                  ".every(f => f.dataset.rendered === 'true' || f.dataset.rendered === 'error')")
# The reader's first input, as charts.js waits for it before it draws any chart: a one-pixel scroll of the
# window (and back), as a wheel would make it.
FIRST_SCROLL = """async () => {
  await new Promise(resolve => {
    addEventListener('scroll', resolve, {once: true});
    scrollBy(0, scrollY > 0 ? -1 : 1);
    setTimeout(resolve, 1000);  // a page too short to scroll
  });
  scrollBy(0, 0);
}"""
# Charts come alive after the reader's first input, when they near the viewport (charts.js), so a test that
# needs every chart live makes that first scroll, then scrolls to each chart in turn, as a reader would, waits
# for it to settle, and returns to the top of the page. It scrolls the window, as a wheel does: Chromium's
# scrollIntoView() would also move where the next Tab starts from.
WAKE_CHARTS = """async () => {
  await (""" + FIRST_SCROLL + """)();
  for (const f of document.querySelectorAll('.cc-chart')) {
    window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY - innerHeight / 3);
    await new Promise(resolve => {
      const done = () => f.dataset.rendered === 'true' || f.dataset.rendered === 'error';
      if (done()) return resolve();
      new MutationObserver((_, obs) => { if (done()) { obs.disconnect(); resolve(); } })
        .observe(f, {attributes: true, attributeFilter: ['data-rendered']});
    });
  }
  window.scrollTo(0, 0);
}"""


def site_root() -> Path:
    return Path(os.environ.get(SITE_ENV) or ROOT / "_site").resolve()


def site_missing_reason() -> str | None:
    site = site_root()
    if not (site / "index.html").is_file():
        return f"no built site at {site}: run `make site` first (or set {SITE_ENV} to a built site)"
    return None


def site_pages(site: Path | None = None) -> list[str]:
    """Every reader-facing page of a built site, as paths relative to it: all *.html except 404.html."""
    site = site or site_root()
    if not site.is_dir():
        return []
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name != "404.html" and "pagefind" not in p.relative_to(site).parts)


def page_with_chart(name: str) -> str:
    """The page that holds the chart `name` (by its data-chart attribute); skips without a site, fails if no page
    has it."""
    reason = site_missing_reason()
    if reason:
        pytest.skip(reason)
    site = site_root()
    for rel in site_pages():
        if f'data-chart="{name}"' in (site / rel).read_text(encoding="utf-8"):
            return rel
    pytest.fail(f"no page of {site} has the chart {name!r}")


def page_params() -> list:
    """Parameters for tests that run once per page; one skipped parameter when there is no site."""
    reason = site_missing_reason()
    if reason:
        return [pytest.param(None, id="no-site", marks=pytest.mark.skip(reason=reason))]
    return [pytest.param(p, id=p) for p in site_pages()]


def base_path(site: Path) -> str:
    """The path the site is published under ("/clustercsr/" for https://host/clustercsr/), from the home page's
    canonical link; "/" when it has none."""
    index = site / "index.html"
    if index.is_file():
        m = re.search(r'<link rel="canonical" href="([^"]+)"', index.read_text(encoding="utf-8"))
        if m:
            path = urllib.parse.urlsplit(m.group(1)).path
            return path.rsplit("/", 1)[0] + "/"
    return "/"


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under its published base path, the way GitHub Pages does, with 404.html for misses."""

    base = "/"
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml",
                      ".csv": "text/csv", ".pagefind": "application/octet-stream"}

    def log_message(self, *args):  # keep pytest output clean
        pass

    def translate_path(self, path):
        clean = urllib.parse.urlsplit(path).path
        if not clean.startswith(self.base):
            return str(Path(self.directory) / "__outside_the_published_path__")  # not found
        return super().translate_path("/" + clean[len(self.base):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser context closed while a response is still streaming is normal here, not an error to print.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, base: str | None = None):
    """Serve a built site on 127.0.0.1 (a free port) in a background thread; yields the site's base URL."""
    directory = Path(directory).resolve()
    base = base or base_path(directory)
    handler = type("Handler", (_SiteHandler,), {"base": base})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    reason = site_missing_reason()
    if reason:
        pytest.skip(reason)
    return site_root()


@pytest.fixture(scope="session")
def site_url(site_dir):
    """Base URL of the built site, served over HTTP under its published path (ends with a slash)."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session (never a downloaded browser build)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is missing: `make chromium` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class PageWatch:
    """What one page did: console errors, uncaught errors, every request, failed requests, dialogs."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        def on_console(msg):
            if msg.type == "error":
                loc = msg.location or {}
                self.console_errors.append(f"{msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

        def on_response(resp):
            if resp.status >= 400:
                self.failed.append(f"HTTP {resp.status} {resp.url}")

        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda err: self.page_errors.append(str(err)))
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("requestfailed", lambda req: self.failed.append(f"{req.failure} {req.url}"))
        page.on("response", on_response)
        page.on("dialog", on_dialog)

    def off_host(self) -> list[str]:
        return [u for u in self.requests
                if not (u.startswith(self.origin + "/") or u.startswith(("data:", "blob:", "about:")))]

    def problems(self) -> list[str]:
        out = [f"console error: {e}" for e in self.console_errors]
        out += [f"page error: {e}" for e in self.page_errors]
        out += [f"request to another host: {u}" for u in self.off_host()]
        out += [f"failed request: {f}" for f in self.failed]
        out += [f"dialog opened: {d}" for d in self.dialogs]
        return out


class Opener:
    """Opens site pages in fresh browser contexts, each watched by a PageWatch; closes them after the test."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        parts = urllib.parse.urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.contexts = []

    def context(self, scheme: str = "light", width: int = 1280, height: int = 900, **kw):
        ctx = self.browser.new_context(color_scheme=scheme, viewport={"width": width, "height": height},
                                       reduced_motion="reduce", **kw)
        ctx.set_default_timeout(20_000)
        # Nothing may leave the machine: requests to any other origin are aborted (and reported by PageWatch).
        origin = re.escape(self.origin)
        ctx.route(re.compile(rf"^(?!{origin}/)(?!data:)(?!blob:)"), lambda route: route.abort("blockedbyclient"))
        self.contexts.append(ctx)
        return ctx

    def open(self, rel: str, scheme: str = "light", width: int = 1280, height: int = 900, context=None,
             wait_charts: bool = True):
        """Load a page, wait for `load`, bring every chart alive and let it settle; returns (page, watch)."""
        ctx = context or self.context(scheme, width, height)
        page = ctx.new_page()
        watch = PageWatch(self.origin)
        watch.attach(page)
        page.goto(self.base_url + rel, wait_until="load")
        if wait_charts:
            page.evaluate(WAKE_CHARTS)
            page.wait_for_function(CHARTS_SETTLED)
        return page, watch

    def close(self):
        for ctx in self.contexts:
            with contextlib.suppress(Exception):
                ctx.close()
        self.contexts.clear()


@pytest.fixture
def opener(chromium, site_url):
    """Fresh browser contexts on the built site, closed at the end of each test."""
    op = Opener(chromium, site_url)
    yield op
    op.close()
