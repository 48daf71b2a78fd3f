"""Time to the first chart drawn: from navigation start to the moment the first chart's SVG is in the page.

Headless Chromium (Debian's), loopback HTTP server, a fresh browser context per run (empty cache), desktop
viewport, no throttling. An init script, installed before the page's own scripts run, watches the DOM with a
MutationObserver and records performance.now() (milliseconds since navigation start) when the first
.cc-chart[data-rendered="true"] holding an <svg> appears. Several runs per page; the median is reported.
"""
from __future__ import annotations

import argparse
from pathlib import Path

if __package__ in (None, ""):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SITE, chromium, median, require_site, serve, site_pages

WATCH = """(() => {
  const check = () => {
    if (window.__firstChart) return true;
    const f = document.querySelector('.cc-chart[data-rendered="true"] .cc-chart-view svg');
    if (f) { window.__firstChart = performance.now(); return true; }
    return false;
  };
  new MutationObserver((_, obs) => { if (check()) obs.disconnect(); })
    .observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered']});
})();"""


def chart_pages(site: Path) -> list[str]:
    return [r for r in site_pages(site) if 'class="cc-chart"' in (site / r).read_text(encoding="utf-8")]


def run(runs: int = 7, site: Path = SITE) -> dict:
    require_site(site)
    pages = chart_pages(site)
    print(f"first chart: {runs} runs on {len(pages)} chart pages …", flush=True)
    out = {}
    with serve(site) as base, chromium() as browser:
        for rel in pages:
            times = []
            for _ in range(runs):
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                ctx.add_init_script(WATCH)
                page = ctx.new_page()
                page.goto(base + rel, wait_until="commit")
                page.wait_for_function("() => window.__firstChart !== undefined", timeout=30_000)
                times.append(page.evaluate("window.__firstChart"))
                ctx.close()
            out[rel] = {"median_ms": median(times), "min_ms": min(times), "max_ms": max(times), "runs_ms": times}
    return {"runs": runs, "pages": out,
            "worst_median_ms": max((p["median_ms"] for p in out.values()), default=None),
            "median_of_medians_ms": median([p["median_ms"] for p in out.values()])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    r = run(ap.parse_args().runs)
    for rel, p in r["pages"].items():
        print(f"  {rel:40s} median {p['median_ms']:6.0f} ms  (min {p['min_ms']:.0f}, max {p['max_ms']:.0f})")


if __name__ == "__main__":
    main()
