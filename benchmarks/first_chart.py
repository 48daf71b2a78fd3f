"""Time to the first chart: from the reader's first scroll, which brings the page's first chart into view, to
the moment that chart is live (its Vega SVG drawn); the issue's target is <= 1 s.

Headless Chromium (Debian's), loopback HTTP server, a fresh browser context per run (empty cache), desktop
viewport, no throttling. The page loads; charts.js draws nothing before the reader's first input, so the
clock starts at the scroll (the window is scrolled to centre the first chart, or by one pixel when it is
centred already) and stops when the first .cc-chart[data-rendered="true"] holds an <svg>. The time from
navigation start to that moment is reported too. Several runs per page; the median is reported.
"""
from __future__ import annotations

import argparse
from pathlib import Path

if __package__ in (None, ""):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SITE, chromium, median, require_site, serve, site_pages

# Scroll to the first chart (the reader's first input) and wait until it is live: [ms after the scroll, ms
# since navigation start].
FIRST = """async () => {
  const f = document.querySelector('.cc-chart');
  const live = () => f.dataset.rendered === 'true' && f.querySelector('.cc-chart-view svg');
  const t0 = performance.now(), y = scrollY;
  scrollTo(0, Math.max(0, f.getBoundingClientRect().top + scrollY - innerHeight / 3));
  if (scrollY === y) scrollBy(0, 1);
  await new Promise(resolve => { const tick = () => live() ? resolve() : requestAnimationFrame(tick); tick(); });
  return [performance.now() - t0, performance.now()];
}"""


def chart_pages(site: Path) -> list[str]:
    return [r for r in site_pages(site) if 'class="cc-chart"' in (site / r).read_text(encoding="utf-8")]


def run(runs: int = 7, site: Path = SITE) -> dict:
    require_site(site)
    pages = chart_pages(site)
    print(f"first chart: {runs} runs on {len(pages)} chart pages …", flush=True)
    out = {}
    with serve(site) as base, chromium() as browser:
        for rel in pages:
            times, since_nav = [], []
            for _ in range(runs):
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                page = ctx.new_page()
                page.goto(base + rel, wait_until="load")
                after, since = page.evaluate(FIRST)
                times.append(after)
                since_nav.append(since)
                ctx.close()
            out[rel] = {"median_ms": median(times), "min_ms": min(times), "max_ms": max(times), "runs_ms": times,
                        "since_navigation_median_ms": median(since_nav)}
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
