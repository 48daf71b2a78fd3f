"""`clustercsr preview`: serves the site with a reload script and rebuilds when a source changes."""
from __future__ import annotations

import threading
import time
import urllib.request

import pytest

from clustercsr.publish import serve
from clustercsr.publish.build import build
from fixture_book import make_book

pytestmark = pytest.mark.slow


def test_serves_pages_with_reload_script_and_rebuilds_on_change(tmp_path):
    root = make_book(tmp_path / "book")
    build(root, quiet=True, pdf=False)
    state = serve.State()
    stop = threading.Event()
    import http.server
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), serve.make_handler(root / "_site", state))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watcher = threading.Thread(target=serve.watch_and_rebuild, args=(root, state, stop), daemon=True)
    watcher.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page = urllib.request.urlopen(f"{base}/chapters/one.html").read().decode()
        assert '<script src="/__clustercsr/reload.js" defer></script></body>' in page
        assert "EventSource" in urllib.request.urlopen(f"{base}/__clustercsr/reload.js").read().decode()
        time.sleep(0.5)  # let the watcher start
        version = state.version
        chapter = root / "chapters" / "one.qmd"
        chapter.write_text(chapter.read_text(encoding="utf-8").replace("Pressure from buyers", "Live edit: pressure"),
                           encoding="utf-8")
        deadline = time.time() + 60
        while state.version == version and time.time() < deadline:
            time.sleep(0.2)
        assert state.version != version, "no rebuild after an edit"
        assert "Live edit" in urllib.request.urlopen(f"{base}/chapters/one.html").read().decode()
    finally:
        stop.set()
        server.shutdown()
