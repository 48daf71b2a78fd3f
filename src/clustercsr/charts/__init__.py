"""One Altair builder per chart. Each takes the Evidence, asks clustercsr.analysis for tidy tables, returns a chart.

Every builder takes `layout="wide"|"narrow"`. Called without a layout (as the chapters do), it returns the wide
chart with the narrow one attached as usermeta.clustercsr.variants.narrow (PLAN contract 1): a Vega-Lite spec
without `datasets` of its own, whose named data live in the wide chart's top-level `datasets`. `variant_spec`
gives a variant as a standalone spec (datasets and config attached) for vl-convert.
"""
from __future__ import annotations

import functools
from pathlib import Path

from clustercsr.charts.cluster_map import cluster_map as _cluster_map
from clustercsr.charts.conceptual_model import conceptual_model as _conceptual_model
from clustercsr.charts.drivers_barriers import drivers_barriers as _drivers_barriers
from clustercsr.charts.evidence_matrix import evidence_matrix as _evidence_matrix
from clustercsr.charts.frameworks_compared import frameworks_compared as _frameworks_compared
from clustercsr.charts.limitations import limitations as _limitations
from clustercsr.charts.literature_timeline import literature_timeline as _literature_timeline
from clustercsr.charts.proposition_explorer import proposition_explorer as _proposition_explorer
from clustercsr.charts.research_landscape import research_landscape as _research_landscape


def with_variants(builder):
    """The builder, returning the wide layout with the narrow layout attached when no layout is asked for."""

    @functools.wraps(builder)
    def build(ev, *args, layout: str | None = None, **kwargs):
        if layout is not None:
            return builder(ev, *args, layout=layout, **kwargs)
        wide = builder(ev, *args, layout="wide", **kwargs)
        narrow = builder(ev, *args, layout="narrow", **kwargs).to_dict(validate=False)
        datasets = narrow.pop("datasets", {})
        narrow.pop("config", None)
        narrow.pop("$schema", None)
        meta = wide.usermeta.to_dict() if hasattr(wide.usermeta, "to_dict") else dict(wide.usermeta)
        meta["clustercsr"] = {**meta["clustercsr"], "variants": {"narrow": narrow}}
        return wide.properties(usermeta=meta, datasets=datasets)

    build.builder = builder
    return build


def variant_spec(spec: dict, name: str) -> dict | None:
    """A layout variant of a chart spec (e.g. "narrow") as a standalone Vega-Lite spec, or None."""
    variant = (((spec.get("usermeta") or {}).get("clustercsr") or {}).get("variants") or {}).get(name)
    if variant is None:
        return None
    out = dict(variant)
    for key in ("$schema", "config", "datasets"):
        if key in spec:
            out[key] = spec[key]
    return out


drivers_barriers = with_variants(_drivers_barriers)
evidence_matrix = with_variants(_evidence_matrix)
cluster_map = with_variants(_cluster_map)
literature_timeline = with_variants(_literature_timeline)
research_landscape = with_variants(_research_landscape)
limitations = with_variants(_limitations)
conceptual_model = with_variants(_conceptual_model)
proposition_explorer = with_variants(_proposition_explorer)
frameworks_compared = with_variants(_frameworks_compared)

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

__all__ = ["REGISTRY", "export_all", "variant_spec", "with_variants", *(f.__name__ for f in REGISTRY.values())]


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
