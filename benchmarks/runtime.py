"""Chart runtime (issue 12): two built sites side by side, served with gzip as a static host would.

For every page of each site, in headless Chromium on loopback (1280x800, a fresh context per page):
- JavaScript bytes, gzip: every script response, at load and after scrolling through every chart;
- all bytes, gzip, after scrolling through every chart;
- CLS: the sum of `layout-shift` entries (PerformanceObserver, buffered, without recent input) from navigation
  until every chart has been scrolled to and drawn;
- time to first chart: from the scroll that brings the first chart into view until it is live (an <svg> in a
  figure whose data-rendered is "true"), and from navigation start to that moment.
Optionally Lighthouse (mobile, `--lighthouse-runs` runs per page, median) on the home page, chapter 3 and
chapter 8, over the same gzip server.

    .venv/bin/python benchmarks/runtime.py --site main=/path/to/old/_site --site new=_site [--lighthouse-runs 3]
        [--lighthouse-pages all | PAGE ...] [--lighthouse-only]

Compare numbers from one run only: the machine is shared.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import statistics
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import RESULTS, _Handler, chromium, serve, site_pages

FIRST_CHART = "chapters/03-research-landscape.html"
LIGHTHOUSE_PAGES = ["index.html", "chapters/03-research-landscape.html", "chapters/08-conclusions.html"]
OBSERVE = """window.__cls = 0; window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) {
  window.__cls += e.value; window.__shifts.push(e.value); } }).observe({type: 'layout-shift', buffered: true});"""
# Scroll to each chart in turn and wait until it is live; returns the ms from navigation start to each. The
# first scroll is the reader's first input, which charts.js waits for (by one pixel if the chart is centred).
VISIT = """async () => {
  const live = f => f.dataset.rendered === 'true' && f.querySelector('svg');
  const out = [];
  for (const f of document.querySelectorAll('.cc-chart')) {
    const t0 = performance.now(), y = scrollY;
    f.scrollIntoView({block: 'center'});
    if (!out.length && scrollY === y) scrollBy(0, 1);
    await new Promise(resolve => { const tick = () => live(f) ? resolve() : requestAnimationFrame(tick); tick(); });
    out.push({after_scroll: performance.now() - t0, since_navigation: performance.now()});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  return out;
}"""


class _GzipHandler(_Handler):
    """The test server's handler, with gzip for text types when the browser asks for it (GitHub Pages does)."""

    def send_head(self):
        path = self.translate_path(self.path)
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not Path(path).is_file() \
                or Path(path).suffix not in (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml"):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_gzip(site: Path):
    """The site as a static host serves it: text files gzip-compressed."""
    return serve(site, _GzipHandler)


def measure_page(browser, url: str) -> dict:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.add_init_script(OBSERVE)
    page = ctx.new_page()
    bodies, phase = [], {"now": "load"}

    def on_response(resp):
        with contextlib.suppress(Exception):
            bodies.append((phase["now"], resp.request.resource_type, resp.url, len(gzip.compress(resp.body(), 6))))

    page.on("response", on_response)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    phase["now"] = "scroll"
    charts = page.evaluate(VISIT)
    page.wait_for_load_state("networkidle")
    result = {
        "charts": len(charts),
        "js_gzip_at_load": sum(n for ph, kind, _, n in bodies if kind == "script" and ph == "load"),
        "js_gzip": sum(n for _, kind, _, n in bodies if kind == "script"),
        "total_gzip": sum(n for *_, n in bodies),
        "cls": round(page.evaluate("window.__cls"), 4),
        "first_chart_after_scroll_ms": round(charts[0]["after_scroll"]) if charts else None,
        "first_chart_since_navigation_ms": round(charts[0]["since_navigation"]) if charts else None,
        "scripts": sorted({u.rsplit("/", 1)[-1] for _, kind, u, _ in bodies if kind == "script"}),
    }
    ctx.close()
    return result


def lighthouse_median(base: str, runs: int, pages: list[str] | None = None) -> dict:
    from lighthouse import lighthouse

    out = {}
    with tempfile.TemporaryDirectory(prefix="cc-lh-") as tmp:
        for rel in pages or LIGHTHOUSE_PAGES:
            reports = []
            for i in range(runs):
                try:
                    reports.append(lighthouse(base + rel, Path(tmp) / f"{rel.replace('/', '_')}-{i}.json"))
                except Exception as exc:
                    out[rel] = {"error": str(exc)[:500]}
                    break
            if reports:
                med = lambda xs: statistics.median([x for x in xs if x is not None]) if any(x is not None for x in xs) else None
                out[rel] = {"scores": {c: med([r["scores"][c] for r in reports]) for c in reports[0]["scores"]},
                            "metrics": {m: med([r["metrics"].get(m) for r in reports]) for m in reports[0]["metrics"]},
                            "runs": len(reports), "below_0_9": reports[-1]["below_0_9"]}
            print(f"    lighthouse {rel}: {out[rel].get('scores') or out[rel].get('error')}", flush=True)
    return out


def run(sites: dict[str, Path], lighthouse_runs: int = 0, lighthouse_pages: list[str] | None = None,
        measure: bool = True) -> dict:
    out = {}
    with chromium() as browser:
        for label, site in sites.items():
            print(f"{label}: {site}", flush=True)
            with serve_gzip(site) as base:
                pages = {}
                for rel in (site_pages(site) if measure else []):
                    pages[rel] = measure_page(browser, base + rel)
                    p = pages[rel]
                    print(f"  {rel:42} charts {p['charts']}  JS {p['js_gzip_at_load'] / 1024:6.1f} KB at load, "
                          f"{p['js_gzip'] / 1024:6.1f} KB in all  total {p['total_gzip'] / 1024:6.1f} KB  CLS {p['cls']:.3f}"
                          + (f"  first chart {p['first_chart_after_scroll_ms']} ms after scroll, "
                             f"{p['first_chart_since_navigation_ms']} ms after navigation" if p["charts"] else ""), flush=True)
                out[label] = {"site": str(site), "pages": pages}
                if lighthouse_runs:
                    out[label]["lighthouse"] = lighthouse_median(base, lighthouse_runs, lighthouse_pages)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", action="append", required=True, metavar="LABEL=PATH")
    ap.add_argument("--lighthouse-runs", type=int, default=0)
    ap.add_argument("--lighthouse-pages", nargs="+", metavar="PAGE",
                    help=f"pages for Lighthouse, or 'all' (default: {' '.join(LIGHTHOUSE_PAGES)})")
    ap.add_argument("--lighthouse-only", action="store_true", help="skip the per-page browser measurements")
    args = ap.parse_args()
    sites = {s.split("=", 1)[0]: Path(s.split("=", 1)[1]).resolve() for s in args.site}
    pages = args.lighthouse_pages
    if pages == ["all"]:
        pages = site_pages(next(iter(sites.values())))
    result = run(sites, args.lighthouse_runs, pages, measure=not args.lighthouse_only)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "runtime.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"written: {RESULTS / 'runtime.json'}")


if __name__ == "__main__":
    main()
