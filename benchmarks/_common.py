"""What the benchmarks share: paths, a copy of the book to build in, a timed build, a local server, Chromium."""
from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("CLUSTERCSR_SITE") or ROOT / "_site")  # the tests honour the same variable
RESULTS = Path(__file__).resolve().parent / "results"
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]

# What a fresh checkout holds: the book's sources, without anything a build or an install writes.
_NOT_SOURCES = {".git", ".venv", "_site", ".cache", "node_modules", "__pycache__", ".pytest_cache", "benchmarks",
                "tests", ".quarto", "_freeze"}


def median(values):
    return statistics.median(values) if values else None


_SNAPSHOT: Path | None = None


def snapshot() -> Path:
    """One copy of the project (book sources and the package's code in src/), taken at the first call and shared
    by every build of this run, so that edits made elsewhere while the benchmarks run do not leak into them."""
    global _SNAPSHOT
    if _SNAPSHOT is None:
        def ignore(folder, names):
            rel = Path(folder).resolve().relative_to(ROOT)
            skip = {n for n in names if n in _NOT_SOURCES or n.startswith("_site.") or n.endswith(".egg-info")}
            if rel == Path("assets"):
                skip.add("vendor")  # written by the pre-render step (src/clustercsr/vendor/ is the source)
            if rel == Path("figures"):
                skip |= {n for n in names if n != ".gitkeep"}
            if rel == Path("briefs"):
                skip |= {n for n in names if n.endswith(".pdf")}
            return skip

        _SNAPSHOT = Path(tempfile.mkdtemp(prefix="cc-bench-snapshot-")) / "project"
        shutil.copytree(ROOT, _SNAPSHOT, ignore=ignore, symlinks=True)
        atexit.register(shutil.rmtree, _SNAPSHOT.parent, True)
    return _SNAPSHOT


def copy_book(dest: Path) -> Path:
    """A copy of the book's sources in `dest`, as a fresh checkout has them (no cache, no outputs), from the
    run's snapshot."""
    shutil.copytree(snapshot(), dest, symlinks=True)
    return dest


class BuildFailed(RuntimeError):
    """A benchmark build that failed; str() is a one-line summary (page, cell, cause), .log the whole stderr."""

    def __init__(self, log: str):
        self.log = log
        lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
        where = next((ln for ln in lines if "BuildError:" in ln), "")
        page = re.search(r"((?:chapters/)?[\w.-]+\.qmd:\d+)", where)
        cell = re.search(r"cell '([^']+)'", where)
        cause = next((ln for ln in reversed(lines) if re.match(r"^[A-Za-z_.]*(Error|Exception)\b", ln)), "")
        parts = [page.group(1) if page else "", f"cell {cell.group(1)}" if cell else "", cause[:200]]
        summary = ", ".join(p for p in parts[:2] if p) + (": " if any(parts[:2]) else "") + parts[2]
        super().__init__(summary.strip() or (lines[-1][:300] if lines else "build failed"))


_BUILD = """
import json, sys, time
from clustercsr.publish.build import build
t = time.perf_counter()
r = build(sys.argv[1], quiet=True, pdf=sys.argv[2] == "1")
print(json.dumps({"seconds": time.perf_counter() - t, "pages": r.pages, "charts": r.charts, "pdfs": r.pdfs,
                  "kernels": r.kernels, "cached": r.cached, "stages": r.stages, "warnings": len(r.warnings)}))
"""


def timed_build(root: Path, pdf: bool = True, package: Path | None = None) -> dict:
    """Build the book at `root` in a fresh interpreter (as `clustercsr build` would); wall time and the report.
    The package is imported from `package` (a folder holding clustercsr/), by default the snapshot's src/."""
    # The snapshot's package code, not the working tree's: the build and every kernel it starts import it.
    env = dict(os.environ, PYTHONPATH=str(package or snapshot() / "src"))
    t = time.perf_counter()
    proc = subprocess.run([PYTHON, "-c", _BUILD, str(root), "1" if pdf else "0"], capture_output=True, text=True,
                          cwd=root, env=env)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise BuildFailed(proc.stderr)
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["wall"] = wall
    return report


def base_path(site: Path) -> str:
    """The path the site is published under, from the home page's canonical link."""
    m = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    return urllib.parse.urlsplit(m.group(1)).path.rsplit("/", 1)[0] + "/" if m else "/"


class _Handler(SimpleHTTPRequestHandler):
    base = "/"
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml"}

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        clean = urllib.parse.urlsplit(path).path
        if not clean.startswith(self.base):
            return str(Path(self.directory) / "__outside_the_published_path__")
        return super().translate_path("/" + clean[len(self.base):])


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that closes a connection mid-response (a context closed after its measurement) is normal.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path):
    """Serve a built site on 127.0.0.1 under its published path; yields the base URL."""
    handler = type("Handler", (_Handler,), {"base": base_path(site)})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{handler.base}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name != "404.html" and "pagefind" not in p.relative_to(site).parts)


def require_site(site: Path = SITE) -> None:
    if not (site / "index.html").is_file():
        raise SystemExit(f"no built site at {site}: run `make site` first")


def env_info() -> dict:
    return {"python": sys.version.split()[0], "cpus": os.cpu_count(), "platform": sys.platform}
