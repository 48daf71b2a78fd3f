"""`clustercsr preview`: serve _site/ on 127.0.0.1, rebuild when a source changes, reload open pages."""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from clustercsr.errors import BuildError

RELOAD_PATH = "/__clustercsr/reload"
RELOAD_SCRIPT = (
    "(function(){var v=null;var s=new EventSource('" + RELOAD_PATH + "');"
    "s.onmessage=function(e){if(v!==null&&e.data!==v){location.reload();}v=e.data;};})();"
)
WATCHED = ("_quarto.yml", "index.qmd", "references.bib", "chapters", "briefs", "data", "assets", "src")


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


def watch_and_rebuild(root: Path, state: State, stop: threading.Event) -> None:
    from watchfiles import watch

    from clustercsr.publish.build import build

    paths = [root / p for p in WATCHED if (root / p).exists()]

    def relevant(change, path: str) -> bool:
        return not any(part in path for part in ("/_site", "/.cache", "__pycache__", "/figures/", "/assets/vendor/"))

    for changes in watch(*paths, watch_filter=relevant, stop_event=stop):
        names = sorted({Path(p).name for _, p in changes})
        print(f"changed: {', '.join(names)}; rebuilding…", flush=True)
        try:
            report = build(root, quiet=True, pdf=False)
            print(f"rebuilt {report.pages} pages in {report.seconds:.1f} s ({report.kernels} kernels)", flush=True)
            state.bump()
        except BuildError as exc:
            print(f"error: {exc.describe()}\n(the previous site is still being served)", flush=True)


def preview(root: Path, port: int = 4321) -> None:
    from clustercsr.publish.build import build

    root = Path(root).resolve()
    site = root / "_site"
    if not (site / "index.html").is_file():
        build(root, pdf=False)
    state = State()
    stop = threading.Event()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(site, state))
    server.daemon_threads = True
    threading.Thread(target=watch_and_rebuild, args=(root, state, stop), daemon=True).start()
    print(f"Serving {site} at http://127.0.0.1:{server.server_address[1]}/ — edits rebuild and reload; Ctrl+C stops.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
