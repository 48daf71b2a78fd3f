"""`clustercsr preview`: serve _site/ on 127.0.0.1, rebuild when a source changes, reload open pages."""
from __future__ import annotations

import errno
import fnmatch
import functools
import http.server
import threading
import time
from http import HTTPStatus
from pathlib import Path

from clustercsr.errors import BuildError

RELOAD_PATH = "/__clustercsr/reload"
RELOAD_SCRIPT = (
    "(function(){var v=null;var s=new EventSource('" + RELOAD_PATH + "');"
    "s.onmessage=function(e){if(v!==null&&e.data!==v){location.reload();}v=e.data;};})();"
)
WATCHED = ("_quarto.yml", "index.qmd", "references.bib", "chapters", "briefs", "data", "assets", "src")
# Folders the build writes, and the temporary files editors write next to the file being saved (vim's .swp and
# 4913, emacs' .#x and #x#, backup~ files, LibreOffice's .~lock.x#, JetBrains' ___jb_tmp___, VS Code's .crswap).
IGNORED_PARTS = {"_site", ".cache", "__pycache__", "figures", "vendor", ".git", "node_modules", ".ipynb_checkpoints"}
TEMP_FILES = (".*.sw?", "*.sw?", "*~", ".#*", "#*#", "4913", "*.tmp", "*.temp", ".~lock.*#", "*___jb_tmp___",
              "*___jb_old___", "*.crswap", ".DS_Store", "*.part", "*.bak", "*.orig", "*.pyc")


class State:
    def __init__(self):
        self.version = str(time.time_ns())
        self.changed = threading.Condition()

    def bump(self):
        with self.changed:
            self.version = str(time.time_ns())
            self.changed.notify_all()


def make_handler(site: Path, state: State):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            """Missing pages get the site's own 404.html, as on the published site."""
            page = site / "404.html"
            if code == HTTPStatus.NOT_FOUND and page.is_file():
                body = page.read_bytes()
                self.send_response(code)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            super().send_error(code, message, explain)

        def do_GET(self):
            if self.path == RELOAD_PATH:
                return self._events()
            if self.path == "/__clustercsr/reload.js":
                return self._send(RELOAD_SCRIPT.encode(), "text/javascript")
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                html = path.read_text(encoding="utf-8")
                html = html.replace("</body>", '<script src="/__clustercsr/reload.js" defer></script></body>')
                return self._send(html.encode(), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                seen = None
                while True:
                    with state.changed:
                        if seen == state.version:
                            state.changed.wait(timeout=15)
                        seen = state.version
                    self.wfile.write(f"data: {seen}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return functools.partial(Handler, directory=str(site))


def watch_filter(change, path: str) -> bool:
    """True for a change that should rebuild the site: not the build's own output, not an editor's temp file."""
    p = Path(path)
    if any(part in IGNORED_PARTS or part.startswith(("._site", "_site.")) for part in p.parts):
        return False
    return not any(fnmatch.fnmatchcase(p.name, pattern) for pattern in TEMP_FILES)


def watch_and_rebuild(root: Path, state: State, stop: threading.Event) -> None:
    from watchfiles import watch

    from clustercsr.publish.build import build

    paths = [root / p for p in WATCHED if (root / p).exists()]
    for changes in watch(*paths, watch_filter=watch_filter, stop_event=stop):
        names = sorted({Path(p).relative_to(root).as_posix() for _, p in changes})
        print(f"changed: {', '.join(names)}; rebuilding…", flush=True)
        try:
            report = build(root, quiet=True, pdf=False)
            print(f"rebuilt {report.pages} pages in {report.seconds:.1f} s ({report.kernels} kernels)", flush=True)
            for warning in report.warnings:
                print(f"warning: {warning}", flush=True)
            state.bump()
        except BuildError as exc:
            print(f"{exc.describe()}\n(the previous site is still being served)", flush=True)


def listen(port: str | int, handler) -> http.server.ThreadingHTTPServer:
    """The server on 127.0.0.1:port, or a BuildError of one line saying why not."""
    text = str(port)
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise BuildError(f"--port must be a number from 1 to 65535 (got {text!r})")
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", int(text)), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(f"port {text} is in use (is another preview running?); try --port {int(text) % 65535 + 1}") from None
        raise BuildError(f"cannot serve on port {text}: {exc.strerror or exc}") from None
    server.daemon_threads = True
    return server


def preview(root: Path, port: int | str = 4321, quiet: bool = False) -> None:
    from clustercsr.publish.build import build

    root = Path(root).resolve()
    site = root / "_site"
    state = State()
    server = listen(port, make_handler(site, state))  # a busy port fails now, before any build
    stop = threading.Event()
    try:
        if not (site / "index.html").is_file():
            build(root, quiet=quiet)  # the first build makes the PDFs too; rebuilds keep them
        threading.Thread(target=watch_and_rebuild, args=(root, state, stop), daemon=True).start()
        print(f"Serving {site} at http://127.0.0.1:{server.server_address[1]}/ — edits rebuild and reload; "
              "Ctrl+C stops.", flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.", flush=True)
    finally:
        stop.set()
        server.server_close()
