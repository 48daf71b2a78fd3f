"""Build benchmarks: cold build, warm rebuild after a prose-only edit, kernels started, bytes per page.

Cold: a fresh copy of the book's sources (no .cache/, no figures, no Vega bundle, no _site/), built as
`clustercsr build` builds it (PDFs included unless --no-pdf). Warm: the same copy after one word is added to a
paragraph of the text-only chapter, rebuilt. Each is repeated; the medians are reported.

Bytes per page: each page of the real _site/ is loaded in headless Chromium over loopback and every response
body is counted (HTML, CSS, JS, chart data, images, the search UI), uncompressed and gzip-compressed (what a
server such as GitHub Pages sends). A chart's data table, fetched only when a reader opens it, is not loaded.
"""
from __future__ import annotations

import argparse
import gzip
import re
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SITE, chromium, copy_book, median, require_site, serve, site_pages, timed_build
from runtime import VISIT

PROSE_PAGE = "chapters/08-conclusions.qmd"
TEXT_PAGE = "chapters/08-conclusions.html"


def prose_edit(root: Path, n: int) -> None:
    """Add one word to the first paragraph of prose (not front matter, heading, list or cell) of PROSE_PAGE."""
    path = root / PROSE_PAGE
    lines = path.read_text(encoding="utf-8").split("\n")
    in_front = in_cell = False
    for i, line in enumerate(lines):
        if i == 0 and line.strip() == "---":
            in_front = True
            continue
        if in_front:
            in_front = line.strip() != "---"
            continue
        if line.startswith("```"):
            in_cell = not in_cell
            continue
        if not in_cell and re.match(r"[A-Z]", line) and line.rstrip().endswith("."):
            lines[i] = line.rstrip()[:-1] + f" (edit {n})."
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise RuntimeError(f"no paragraph to edit in {PROSE_PAGE}")


def build_times(repeats: int, pdf: bool) -> dict:
    cold, warm, runs = [], [], []
    for i in range(repeats):
        with tempfile.TemporaryDirectory(prefix="cc-bench-build-") as tmp:
            root = copy_book(Path(tmp) / "book")
            c = timed_build(root, pdf)
            prose_edit(root, i)
            w = timed_build(root, pdf)
            cold.append(c["wall"])
            warm.append(w["wall"])
            runs.append({"cold": c, "warm": w})
            print(f"  build {i + 1}/{repeats}: cold {c['wall']:.1f} s ({c['kernels']} kernels), "
                  f"warm {w['wall']:.1f} s ({w['kernels']} kernels)", flush=True)
    return {
        "pdf": pdf,
        "repeats": repeats,
        "cold_s": median(cold),
        "warm_s": median(warm),
        "warm_ratio": median(warm) / median(cold),
        "kernels_cold": runs[-1]["cold"]["kernels"],
        "kernels_warm": runs[-1]["warm"]["kernels"],
        "pages": runs[-1]["cold"]["pages"],
        "charts": runs[-1]["cold"]["charts"],
        "pdfs": runs[-1]["cold"]["pdfs"],
        "stages_cold": runs[-1]["cold"]["stages"],
        "stages_warm": runs[-1]["warm"]["stages"],
        "runs": runs,
    }


def page_bytes(site: Path = SITE) -> dict:
    """Bytes each page loads, by kind, as Chromium fetches them (a fresh context per page: nothing cached)."""
    require_site(site)
    pages = {}
    with serve(site) as base, chromium() as browser:
        for rel in site_pages(site):
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            bodies = []

            def on_response(resp, bodies=bodies):
                try:
                    body = resp.body()
                except Exception:
                    return
                bodies.append((resp.url, resp.request.resource_type, body))

            page.on("response", on_response)
            page.goto(base + rel, wait_until="load")
            page.evaluate(VISIT)  # every chart drawn, as a reader scrolling through the page gets them
            page.wait_for_load_state("networkidle")
            ctx.close()
            kinds: dict[str, int] = {}
            raw = gz = 0
            for url, kind, body in bodies:
                kinds[kind] = kinds.get(kind, 0) + len(body)
                raw += len(body)
                gz += len(gzip.compress(body, 6))
            html = (site / rel).stat().st_size
            pages[rel] = {"html": html, "total": raw, "total_gzip": gz, "requests": len(bodies), "by_kind": kinds,
                          "charts": (site / rel).read_text(encoding="utf-8").count('class="cc-chart"'),
                          "vega": any(u.split("?")[0].endswith(("vega-runtime.js", "vega-bundle.js")) for u, _, _ in bodies)}
    chartless = {r: p for r, p in pages.items() if p["charts"] == 0}
    return {
        "pages": pages,
        "median_total": median([p["total"] for p in pages.values()]),
        "median_total_gzip": median([p["total_gzip"] for p in pages.values()]),
        "text_page": TEXT_PAGE,
        "text_page_total": pages.get(TEXT_PAGE, {}).get("total"),
        "text_page_total_gzip": pages.get(TEXT_PAGE, {}).get("total_gzip"),
        "chartless_pages": sorted(chartless),
        "chartless_pages_loading_vega": sorted(r for r, p in chartless.items() if p["vega"]),
    }


def run(repeats: int = 3, pdf: bool = True) -> dict:
    print(f"build: {repeats} cold + warm builds{' (with PDFs)' if pdf else ''} …", flush=True)
    result = build_times(repeats, pdf)
    print("build: bytes per page …", flush=True)
    result["bytes"] = page_bytes()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    r = run(args.repeats, not args.no_pdf)
    print(f"cold {r['cold_s']:.1f} s, warm {r['warm_s']:.1f} s ({100 * r['warm_ratio']:.1f}% of cold), "
          f"kernels {r['kernels_cold']} cold / {r['kernels_warm']} warm")
    for rel, p in r["bytes"]["pages"].items():
        print(f"  {rel:40s} html {p['html'] / 1024:7.1f} KB  all {p['total'] / 1024:8.1f} KB  "
              f"gzip {p['total_gzip'] / 1024:7.1f} KB  vega={p['vega']}")


if __name__ == "__main__":
    main()
