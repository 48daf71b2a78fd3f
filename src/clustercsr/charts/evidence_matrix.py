"""Chart 2: case clusters × drivers and barriers; each cell counts the works linking the two, filterable by theme."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import chart_title, label_limit, meta

THEME_OPTIONS = ["all", *analysis.THEMES]
THEME_NAMES = ["All themes", "Environment", "Work conditions", "Poverty"]


TOOLTIP = [alt.Tooltip("cluster:N", title="Cluster"), alt.Tooltip("factor:N", title="Factor"),
           alt.Tooltip("kind:N", title="Driver or barrier"), alt.Tooltip("works:Q", title="Works linking them"),
           alt.Tooltip("citations:N", title="Cited works")]


def evidence_matrix(ev) -> alt.LayerChart:
    labels = analysis.citation_labels(ev.references)
    links = analysis.cluster_factor_links(ev.evidence, ev.clusters, ev.factors, labels)
    cluster_order, factor_order, first_barrier = analysis.matrix_axes(links, ev.factors)
    theme = alt.param(name="theme_filter", value="all",
                      bind=alt.binding_radio(options=THEME_OPTIONS, labels=THEME_NAMES, name="Theme: "))
    x = alt.X("cluster:N", sort=cluster_order, scale=alt.Scale(domain=cluster_order), title=None,
              axis=alt.Axis(labelAngle=-40, labelLimit=label_limit(0.45, 210), orient="top", grid=True,
                            tickBand="extent"))
    y = alt.Y("factor:N", sort=factor_order, scale=alt.Scale(domain=factor_order), title=None,
              axis=alt.Axis(labelLimit=label_limit(0.4, 260), grid=True, tickBand="extent"))
    base = alt.Chart(links).transform_filter(alt.datum.theme == theme).encode(x=x, y=y)
    cells = base.mark_rect(cornerRadius=3).encode(
        opacity=alt.Opacity("works:Q", scale=alt.Scale(domainMin=0, range=[0.12, 0.5]), legend=None),
        tooltip=TOOLTIP,
    )
    counts = base.mark_text(fontSize=12, fontWeight=600).encode(text=alt.Text("works:Q", format="d"), tooltip=TOOLTIP)
    layers = [cells, counts]
    if first_barrier:  # a line between the drivers (above) and the barriers (below)
        layers.append(alt.Chart().mark_rule(strokeWidth=1.5).encode(
            y=alt.YDatum(first_barrier, type="nominal", bandPosition=0, scale=alt.Scale(domain=factor_order))))
    return alt.layer(*layers).add_params(theme).properties(
        width="container", height=26 * max(len(factor_order), 1),  # a number, not a step: see common.py
        title=chart_title("Which case clusters the review links to which drivers and barriers",
                              subtitle=["A cell's number counts the works that tie that cluster to that factor; "
                                        "hover over it for the citations.",
                                        "Drivers sit above the line, barriers below it. An empty cell means the "
                                        "review cites nothing for that pairing."]),
        description=("Matrix of the case clusters the review names (columns) against the drivers and barriers of CSR "
                     "adoption (rows). A shaded cell counts the distinct works that link that cluster to that factor, "
                     "and its tooltip lists them; a control restricts the count to one theme (environment, work "
                     "conditions or poverty). Only evidence about factors that names a cluster is counted; clusters "
                     "and factors without any such link are left out."),
        usermeta=meta("evidence-matrix", "Evidence matrix",
                      [("theme", "Theme"), ("cluster", "Cluster"), ("factor", "Factor"), ("kind", "Driver or barrier"),
                       ("works", "Works linking them"), ("citations", "Cited works")]),
    )
