"""Scale: how build time, page weight and chart data grow when the evidence base is 10x and 100x larger.

The generator keeps every real row and adds synthetic copies until each scaled table holds N times its real rows.
Synthetic rows follow the real schema (data/ is validated as usual by the build) and are unmistakably fake:
labels and names read "Synthetic factor 0042", ids start with "synth-" (evidence ids, which must match e<digits>,
start at e900000), their prose is the real row's prose prefixed with "Synthetic copy NNNN:", and their citekeys
are the real rows' keys, so every citation still resolves in references.bib. Foreign keys point at rows of the
same synthetic copy (a synthetic driver's mirror is the synthetic copy of its real mirror).

Not scaled: propositions.csv and model_links.csv, which are the paper's model (the proposition explorer
enumerates every combination of the model's factors, so that table is fixed by design), and limitations.csv past
order 99 (its schema caps the order at 99).

Three scenarios: "all" grows every table above; "evidence" grows evidence.csv only (the claims, which is where a
curated base grows fastest); "all-no-row-limit" is "all" with Altair's 5,000-row limit per dataset lifted in the
benchmark's private copy of the package, to measure the rest of the pipeline past that limit. Each base (real, 10x, 100x) is built cold in its own copy of the book, with the same
settings as `make site`. A base that fails to build is reported with the reason.
"""
from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BuildFailed, copy_book, timed_build

SCALED = ["factors", "topics", "limitations", "clusters", "frameworks", "framework_factors", "evidence", "errata"]
NOUN = {"factors": "factor", "topics": "topic", "limitations": "limitation", "clusters": "cluster",
        "frameworks": "framework", "errata": "erratum"}
NAME_COLUMNS = {"label", "name", "paper_says", "meant", "place"}
PROSE_COLUMNS = {"summary", "finding", "note", "coverage_note"}
# column -> table it refers to (evidence.subject_id depends on subject_type, handled below)
FOREIGN = {("factors", "mirror_id"): "factors", ("framework_factors", "framework_id"): "frameworks",
           ("framework_factors", "factor_id"): "factors", ("evidence", "cluster_id"): "clusters"}
SUBJECT_TABLES = {"factor": "factors", "topic": "topics", "limitation": "limitations", "framework": "frameworks",
                  "proposition": "propositions"}
MAX_LIMITATION_ORDER = 99


def read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def synth_id(k: int, real_id: str) -> str:
    return f"synth-{k:03d}-{real_id}"


SCENARIOS = {"all": SCALED, "evidence": ["evidence"], "all-no-row-limit": SCALED}
# Altair refuses to serialise a dataset of more than 5,000 rows. The "all-no-row-limit" scenario lifts that limit in
# the benchmark's private copy of the package, to measure how the rest of the pipeline scales.
LIFT_ROW_LIMIT = """

# Added by benchmarks/scale.py (scenario all-no-row-limit), in the benchmark's copy only.
_enable_without_lift = enable


def enable() -> None:
    alt.data_transformers.disable_max_rows()
    _enable_without_lift()
"""


def generate(data: Path, factor: int, scaled: list[str] = SCALED) -> dict[str, int]:
    """Grow the tables `scaled` in `data` (a copy of data/) to `factor` times their rows; returns the row counts."""
    tables = {name: read(data / f"{name}.csv") for name in scaled if (data / f"{name}.csv").is_file()}
    counts, serial, evidence_no = {}, 0, 900000
    for name, (fields, real) in tables.items():
        rows = list(real)
        next_order = max((int(r["order"]) for r in real if r.get("order")), default=0) + 1
        for k in range(1, factor):
            for r in real:
                if name == "limitations" and next_order > MAX_LIMITATION_ORDER:
                    break
                serial += 1
                new = dict(r)
                if "id" in new:
                    if name == "evidence":
                        new["id"] = f"e{evidence_no}"
                        evidence_no += 1
                    else:
                        new["id"] = synth_id(k, r["id"])
                for col in NAME_COLUMNS & new.keys():
                    if new[col]:
                        new[col] = f"Synthetic {NOUN.get(name, name.rstrip('s'))} {serial:04d}"
                for col in PROSE_COLUMNS & new.keys():
                    if new[col]:
                        new[col] = f"Synthetic copy {serial:04d}: {new[col]}"
                for (table, col), ref in FOREIGN.items():
                    if table == name and new.get(col) and ref in tables:
                        new[col] = synth_id(k, new[col])
                if name == "evidence" and new.get("subject_id"):
                    ref = SUBJECT_TABLES.get(new.get("subject_type", ""))
                    if ref in tables and ref != "limitations":
                        new["subject_id"] = synth_id(k, new["subject_id"])
                if name == "limitations":
                    new["order"] = str(next_order)
                    next_order += 1
                rows.append(new)
        write(data / f"{name}.csv", fields, rows)
        counts[name] = len(rows)
    return counts


def site_sizes(site: Path) -> dict:
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")
             if "pagefind" not in p.relative_to(site).parts and p.name != "404.html"}
    data = sum(p.stat().st_size for p in (site / "figures" / "data").glob("*.json")) \
        if (site / "figures" / "data").is_dir() else 0
    return {"html_total": sum(pages.values()), "html_max": max(pages.values(), default=0), "pages": pages,
            "chart_data": data}


def build_base(factor: int, scaled: list[str], pdf: bool, lift_row_limit: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"cc-bench-scale{factor}-") as tmp:
        root = copy_book(Path(tmp) / "book")
        package = None
        if lift_row_limit:
            package = root / "src"
            with (package / "clustercsr" / "charts" / "renderer.py").open("a", encoding="utf-8") as fh:
                fh.write(LIFT_ROW_LIMIT)
        if factor > 1:
            counts = generate(root / "data", factor, scaled)
        else:
            counts = {n: len(read(root / "data" / f"{n}.csv")[1]) for n in scaled if (root / "data" / f"{n}.csv").is_file()}
        print(f"  {factor}x: {sum(counts.values())} rows in {', '.join(counts)}; building …", flush=True)
        try:
            report = timed_build(root, pdf, package)
        except BuildFailed as exc:
            print(f"    build failed: {exc}", flush=True)
            return {"factor": factor, "rows": counts, "error": str(exc)}
        sizes = site_sizes(root / "_site")
        print(f"    built in {report['wall']:.1f} s; page HTML {sizes['html_total'] / 1024:.0f} KB, "
              f"chart data {sizes['chart_data'] / 1024:.0f} KB", flush=True)
        return {"factor": factor, "rows": counts, "build_s": report["wall"], "stages": report["stages"], **sizes}


def run(factors=(10, 100), pdf: bool = True, scenarios=("all", "evidence")) -> dict:
    out = {"pdf": pdf, "scenarios": {}}
    base = None
    for scenario in scenarios:
        scaled = SCENARIOS[scenario]
        print(f"scale ({scenario}: {', '.join(scaled)}) …", flush=True)
        if base is None:
            base = build_base(1, SCALED, pdf)
            if "error" in base:
                raise RuntimeError(f"the real evidence base does not build: {base['error']}")
        bases = {"1x": base}
        for factor in factors:
            b = build_base(factor, scaled, pdf, lift_row_limit=scenario.endswith("no-row-limit"))
            if "error" not in b:
                b["build_ratio"] = b["build_s"] / base["build_s"]
                b["html_ratio"] = b["html_total"] / base["html_total"]
                b["html_max_page_ratio"] = max(b["pages"][p] / base["pages"][p] for p in base["pages"] if p in b["pages"])
                b["chart_data_ratio"] = b["chart_data"] / base["chart_data"] if base["chart_data"] else None
            bases[f"{factor}x"] = b
        out["scenarios"][scenario] = bases
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--factors", type=int, nargs="+", default=[10, 100])
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--scenarios", nargs="+", choices=list(SCENARIOS), default=list(SCENARIOS),
                    help="all: grow every scaled table; evidence: grow evidence.csv only")
    ap.add_argument("--generate-only", type=Path, metavar="DATA_DIR",
                    help="only grow the CSVs in DATA_DIR (a copy of data/) by the first factor, and stop")
    args = ap.parse_args()
    if args.generate_only:
        print(generate(args.generate_only, args.factors[0]))
        return
    r = run(args.factors, not args.no_pdf, args.scenarios)
    for scenario, bases in r["scenarios"].items():
        for key, b in bases.items():
            if "error" in b:
                print(f"  {scenario:>8} {key:>5}: build failed: {b['error']}")
            elif b["factor"] > 1:
                print(f"  {scenario:>8} {key:>5}: build {b['build_s']:6.1f} s ({b['build_ratio']:.2f}x), page HTML "
                      f"{b['html_ratio']:.2f}x (largest page {b['html_max_page_ratio']:.2f}x), chart data "
                      f"{b['chart_data_ratio'] or 0:.1f}x")


if __name__ == "__main__":
    main()
