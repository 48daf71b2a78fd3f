"""Lighthouse 12.2.3 (npm, run with npx) on the home page, a chart-heavy chapter and a text page.

Mobile settings (Lighthouse's default: an emulated mid-range phone with simulated slow-4G and 4x CPU
throttling), Debian's Chromium through CHROME_PATH, headless. The site is served over loopback under its
published path, uncompressed (GitHub Pages would gzip it, so transfer sizes here are pessimistic).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CHROMIUM, SITE, require_site, serve

VERSION = "12.2.3"
PAGES = ["index.html", "chapters/03-research-landscape.html", "chapters/08-conclusions.html"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    cmd = ["npx", "--yes", f"lighthouse@{VERSION}", url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse exited {proc.returncode}: {(proc.stderr or proc.stdout)[-1500:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * report["categories"][c]["score"]) if report["categories"][c]["score"] is not None
              else None for c in CATEGORIES}
    failed = {}
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
                failed.setdefault(c, []).append(f"{ref['id']} ({audit['score']:.2f})")
    metrics = {k: report["audits"][k].get("numericValue") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
                "speed-index") if k in report["audits"]}
    return {"scores": scores, "below_0_9": failed, "metrics": metrics,
            "runtime_error": (report.get("runtimeError") or {}).get("message")}


def run(site: Path = SITE) -> dict:
    require_site(site)
    out = {}
    print(f"lighthouse {VERSION}: {len(PAGES)} pages …", flush=True)
    with serve(site) as base, tempfile.TemporaryDirectory(prefix="cc-lh-") as tmp:
        for rel in PAGES:
            if not (site / rel).is_file():
                out[rel] = {"error": "page missing from _site"}
                continue
            try:
                out[rel] = lighthouse(base + rel, Path(tmp) / (rel.replace("/", "_") + ".json"))
            except Exception as exc:  # report why, do not stop the other benchmarks
                out[rel] = {"error": str(exc)}
            print(f"  {rel}: {out[rel].get('scores') or out[rel].get('error')}", flush=True)
    return {"version": VERSION, "pages": out}


def main() -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    print(json.dumps(run(), indent=2))


if __name__ == "__main__":
    main()
