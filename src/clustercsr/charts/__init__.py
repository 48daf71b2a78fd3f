"""One Altair builder per chart. Each takes the Evidence, asks analysis.py for tidy tables, returns a chart."""
from __future__ import annotations

from pathlib import Path

from clustercsr.charts.drivers_barriers import drivers_barriers

REGISTRY = {
    "drivers-barriers": drivers_barriers,
}


def export_all(root: Path) -> list[Path]:
    """`clustercsr figures`: every chart as figures/<name>.svg, .png and .csv, for the PDF and for reuse."""
    import os

    from clustercsr import evidence
    from clustercsr.charts import renderer, theme

    theme.enable()
    os.environ.setdefault("QUARTO_PROJECT_ROOT", str(Path(root).resolve()))
    ev = evidence.load(root)
    written = []
    for name, builder in REGISTRY.items():
        spec = builder(ev).to_dict()
        _, files, _ = renderer.write_assets(spec, Path(root).resolve())
        written += [Path(root) / f for f in files if not f.startswith("figures/data/")]
    return written
