"""Run every benchmark, print one table of results beside their targets, write results/latest.json.

Reported, not asserted: this machine is noisy, so the figures are medians (builds, first chart) or single runs
(Lighthouse, scale), and the table says whether each target is met. `make bench` runs this after `make site`.

    .venv/bin/python benchmarks/run.py                      # everything (about 15-30 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --only first_chart lighthouse
    .venv/bin/python benchmarks/run.py --build-repeats 1 --no-pdf --factors 10
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402
import first_chart  # noqa: E402
import lighthouse  # noqa: E402
import scale  # noqa: E402
from _common import RESULTS, SITE, env_info, require_site  # noqa: E402

ALL = ["build", "first_chart", "lighthouse", "scale"]
SCENARIO_LABELS = {"all": "all tables", "evidence": "evidence.csv only", "all-no-row-limit": "all, Altair row limit lifted"}


def kb(n):
    return f"{n / 1024:.1f} KB" if n is not None else "n/a"


def verdict(ok):
    return "n/a" if ok is None else ("met" if ok else "NOT MET")


def table_rows(res: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    b = res.get("build")
    if b and "error" not in b:
        rows.append(("Cold build (median of %d)" % b["repeats"], f"{b['cold_s']:.1f} s", "", ""))
        rows.append(("Warm rebuild after a prose edit", f"{b['warm_s']:.1f} s = {100 * b['warm_ratio']:.1f}% of cold",
                     "<= 10% of cold", verdict(b["warm_ratio"] <= 0.10)))
        rows.append(("Kernels started (cold / warm)", f"{b['kernels_cold']} / {b['kernels_warm']}", "warm: 0",
                     verdict(b["kernels_warm"] == 0)))
        by = b["bytes"]
        t, tg = by["text_page_total"], by["text_page_total_gzip"]
        rows.append((f"Text-only page {by['text_page']}, all it loads", f"{kb(t)} ({kb(tg)} gzip)",
                     "<= 80 KB incl. CSS/JS", verdict(t is not None and t <= 80 * 1024)))
        rows.append(("Median page, all it loads", f"{kb(by['median_total'])} ({kb(by['median_total_gzip'])} gzip)",
                     "", ""))
        heaviest = max(by["pages"].items(), key=lambda kv: kv[1]["total"])
        rows.append((f"Heaviest page {heaviest[0]}", f"{kb(heaviest[1]['total'])} ({kb(heaviest[1]['total_gzip'])} gzip)",
                     "", ""))
        rows.append(("Pages without charts loading Vega",
                     f"{len(by['chartless_pages_loading_vega'])} of {len(by['chartless_pages'])}", "0",
                     verdict(not by["chartless_pages_loading_vega"])))
    elif b:
        rows.append(("Build", b["error"], "", "error"))
    f = res.get("first_chart")
    if f and "error" not in f:
        for rel, p in f["pages"].items():
            rows.append((f"First chart live after scrolling to it: {rel}", f"{p['median_ms']:.0f} ms (median of {f['runs']})", "<= 1 s",
                         verdict(p["median_ms"] <= 1000)))
    elif f:
        rows.append(("First chart", f["error"], "", "error"))
    lh = res.get("lighthouse")
    if lh and "error" not in lh:
        for rel, p in lh["pages"].items():
            if "error" in p:
                rows.append((f"Lighthouse {rel}", p["error"][:120], "", "error"))
                continue
            s = p["scores"]
            ok = s["performance"] >= 95 and all(s[c] == 100 for c in ("accessibility", "best-practices", "seo"))
            rows.append((f"Lighthouse (mobile) {rel}",
                         f"perf {s['performance']}, a11y {s['accessibility']}, BP {s['best-practices']}, SEO {s['seo']}",
                         "perf >= 95, others 100", verdict(ok)))
    elif lh:
        rows.append(("Lighthouse", lh["error"], "", "error"))
    sc = res.get("scale")
    if sc and "error" not in sc:
        real = next(iter(sc["scenarios"].values()))["1x"]
        rows.append(("Scale: real evidence base", f"build {real['build_s']:.1f} s, page HTML {kb(real['html_total'])}, "
                     f"chart data {kb(real['chart_data'])}", "", ""))
        for scenario, bases in sc["scenarios"].items():
            for key, s in bases.items():
                if s["factor"] == 1:
                    continue
                label = f"Scale: {key} ({SCENARIO_LABELS.get(scenario, scenario)})"
                target = "HTML <= 1.1x, build <= 2x" if s["factor"] == 100 else ""
                if "error" in s:
                    err = re.sub(r"\S*/book/", "", s["error"]).replace(" | ", ": ")
                    rows.append((label, "build fails: " + err, target, "NOT MET" if target else "fails"))
                    continue
                ok = (s["html_ratio"] <= 1.1 and s["build_ratio"] <= 2) if s["factor"] == 100 else None
                rows.append((label, f"build {s['build_ratio']:.2f}x ({s['build_s']:.0f} s), page HTML {s['html_ratio']:.2f}x "
                             f"(largest page {s['html_max_page_ratio']:.2f}x), chart data {s['chart_data_ratio'] or 0:.1f}x",
                             target, verdict(ok) if target else ""))
    elif sc:
        rows.append(("Scale", sc["error"], "", "error"))
    return rows


def print_table(rows, width: int = 110) -> None:
    rows = [tuple(c if len(str(c)) <= width else str(c)[:width - 1] + "…" for c in r) for r in rows]
    heads = ("measure", "result", "target", "")
    widths = [max(len(str(r[i])) for r in [heads, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(heads, widths)))
    print(line)
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    print(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=ALL, default=ALL)
    ap.add_argument("--build-repeats", type=int, default=3)
    ap.add_argument("--chart-runs", type=int, default=7)
    ap.add_argument("--factors", type=int, nargs="+", default=[10, 100])
    ap.add_argument("--scenarios", nargs="+", choices=list(scale.SCENARIOS), default=list(scale.SCENARIOS))
    ap.add_argument("--no-pdf", action="store_true", help="build without PDFs (faster; not what `make site` does)")
    ap.add_argument("--merge", action="store_true",
                    help="keep the other benchmarks' results from the last results/latest.json")
    args = ap.parse_args()
    require_site(SITE)

    out = RESULTS / "latest.json"
    results = json.loads(out.read_text(encoding="utf-8")) if args.merge and out.is_file() else {}
    results.update({"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": {**env_info(), "node": platform.node()},
                    "site": str(SITE)})
    jobs = {"build": lambda: build.run(args.build_repeats, not args.no_pdf),
            "first_chart": lambda: first_chart.run(args.chart_runs),
            "lighthouse": lighthouse.run,
            "scale": lambda: scale.run(args.factors, not args.no_pdf, args.scenarios)}
    for name in args.only:
        t = time.perf_counter()
        try:
            results[name] = jobs[name]()
        except Exception as exc:
            traceback.print_exc()
            results[name] = {"error": f"{type(exc).__name__}: {str(exc)[:500]}"}
        results.setdefault("seconds", {})[name] = round(time.perf_counter() - t, 1)

    RESULTS.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print()
    print_table(table_rows(results))
    print(f"\nWritten: {out}")


if __name__ == "__main__":
    main()
