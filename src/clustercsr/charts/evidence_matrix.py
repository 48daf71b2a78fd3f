"""Chart 2: case clusters × drivers and barriers; each cell counts the works linking the two, filterable by theme."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import TARGET, chart_title, described, label_limit, meta

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
    # a click or tap on a cell selects it, and the HTML panel lists the evidence that ties its cluster to its
    # factor; a click on empty space clears it
    pick = alt.selection_point(name="cell", fields=["cluster_id", "factor_id"], on="click", clear=False,
                               toggle=False, empty=False)
    base = alt.Chart(links).transform_filter(alt.datum.theme == theme).encode(x=x, y=y)
    cells = base.mark_rect(cornerRadius=3, aria=False).encode(
        opacity=alt.Opacity("works:Q", scale=alt.Scale(domainMin=0, range=[0.12, 0.5]), legend=None),
        stroke=alt.condition(pick, alt.value("currentColor"), alt.value(None)),
        strokeWidth=alt.value(2),
    )
    counts = base.mark_text(fontSize=12, fontWeight=600, aria=False).encode(text=alt.Text("works:Q", format="d"))
    # the selectable target: the whole cell, invisible, on top, with the tooltip
    hit = described(base, TOOLTIP).mark_rect(opacity=0.001, cursor="pointer").encode(tooltip=TOOLTIP).add_params(pick).properties(
        name=TARGET)
    layers = [cells, counts]
    if first_barrier:  # a line between the drivers (above) and the barriers (below)
        layers.append(alt.Chart().mark_rule(strokeWidth=1.5, aria=False).encode(
            y=alt.YDatum(first_barrier, type="nominal", bandPosition=0, scale=alt.Scale(domain=factor_order))))
    layers.append(hit)
    named = ev.evidence[(ev.evidence["subject_type"] == "factor") & (ev.evidence["cluster_id"].fillna("") != "")]
    pooled = links[links["theme"] == "all"]
    pooled = pooled.assign(c=pooled["cluster"].map({c: i for i, c in enumerate(cluster_order)}),
                           f=pooled["factor"].map({f: i for i, f in enumerate(factor_order)})).sort_values(["c", "f"])
    panel = details.panel(
        "cell", fields=["cluster_id", "factor_id"], key=["cluster_id", "id"], heading="Evidence for the selected cell",
        url_key="cell", control="Cell", rows=details.evidence_rows(ev, None, evidence=named),
        choices=details.options(pooled, ["cluster_id", "factor_id"], ["cluster", "factor"]),
        empty="Select a cell, or choose a cluster and factor from the list, to read the evidence that ties them.",
        columns=[("label", "Work"), ("finding", "Finding"), ("locator", "Where")])
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
                       ("works", "Works linking them"), ("citations", "Cited works")],
                      hint="Select a cell (click, tap, or the list below the chart) to read the evidence behind it.",
                      details=[panel]),
    )
