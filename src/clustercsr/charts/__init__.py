"""One Altair builder per chart. Each takes the Evidence, asks clustercsr.analysis for tidy tables, returns a chart."""
from __future__ import annotations

from pathlib import Path

from clustercsr.charts.cluster_map import cluster_map
from clustercsr.charts.conceptual_model import conceptual_model
from clustercsr.charts.drivers_barriers import drivers_barriers
from clustercsr.charts.evidence_matrix import evidence_matrix
from clustercsr.charts.frameworks_compared import frameworks_compared
from clustercsr.charts.limitations import limitations
from clustercsr.charts.literature_timeline import literature_timeline
from clustercsr.charts.proposition_explorer import proposition_explorer
from clustercsr.charts.research_landscape import research_landscape

# Registry key = usermeta name = figures/<key>.svg; chapters call the functions by these names.
REGISTRY = {
    "drivers-barriers": drivers_barriers,
    "evidence-matrix": evidence_matrix,
    "cluster-map": cluster_map,
    "literature-timeline": literature_timeline,
    "research-landscape": research_landscape,
    "limitations": limitations,
    "conceptual-model": conceptual_model,
    "proposition-explorer": proposition_explorer,
    "frameworks-compared": frameworks_compared,
}

__all__ = ["REGISTRY", "export_all", *(f.__name__ for f in REGISTRY.values())]


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
