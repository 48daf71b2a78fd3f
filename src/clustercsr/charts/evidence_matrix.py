"""Chart 2: case clusters × drivers and barriers; each cell counts the works linking the two, filterable by theme.

Wide, it is a matrix (clusters across, factors down); narrow, it is a list: each cluster a heading, its linked
factors under it with their counts.
"""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import FIT_X, MIN_WIDTH, TARGET, chart_title, chars, check_layout, meta, rotated_room

THEME_OPTIONS = ["all", *analysis.THEMES]
THEME_NAMES = ["All themes", "Environment", "Work conditions", "Poverty"]
MAX_CLUSTERS, MAX_FACTORS = 16, 30  # past these a matrix is no longer readable: the best-evidenced are shown
SEP = "|"  # wrapped axis labels: the lines of a name joined by SEP, split again by labelExpr

TOOLTIP = [alt.Tooltip("cluster:N", title="Cluster"), alt.Tooltip("factor:N", title="Factor"),
           alt.Tooltip("kind:N", title="Driver or barrier"), alt.Tooltip("works:Q", title="Works linking them"),
           alt.Tooltip("citations:N", title="Cited works")]
TABLE = [("theme", "Theme"), ("cluster", "Cluster"), ("factor", "Factor"), ("kind", "Driver or barrier"),
         ("works", "Works linking them"), ("citations", "Cited works")]
DESCRIPTION = ("Matrix of the case clusters the review names (columns) against the drivers and barriers of CSR "
               "adoption (rows). A shaded cell counts the distinct works that link that cluster to that factor, "
               "and its tooltip lists them; a control restricts the count to one theme (environment, work "
               "conditions or poverty). Only evidence about factors that names a cluster is counted; clusters "
               "and factors without any such link are left out.")
HINT = ("Choose a theme with the buttons; select a cell (click, tap, or the list below the chart) to read the "
        "evidence that links the cluster to the factor.")


def _pick() -> alt.Parameter:
    # a click or tap on a cell selects it, and the HTML panel lists the evidence that ties its cluster to its
    # factor; a click on empty space clears it. Both layouts use the same param, so a selection survives a switch.
    return alt.selection_point(name="cell", fields=["cluster_id", "factor_id"], on="click", clear=False,
                               toggle=False, empty=False)


def _panel(ev, links, cluster_order, factor_order) -> dict:
    named = ev.evidence[(ev.evidence["subject_type"] == "factor") & (ev.evidence["cluster_id"].fillna("") != "")]
    pooled = links[links["theme"] == "all"]
    pooled = pooled.assign(c=pooled["cluster"].map({c: i for i, c in enumerate(cluster_order)}),
                           f=pooled["factor"].map({f: i for i, f in enumerate(factor_order)})).sort_values(["c", "f"])
    return details.panel(
        "cell", fields=["cluster_id", "factor_id"], key=["cluster_id", "id"], heading="Evidence for the selected cell",
        url_key="cell", control="Cell", rows=details.evidence_rows(ev, None, evidence=named),
        choices=details.options(pooled, ["cluster_id", "factor_id"], ["cluster", "factor"]),
        empty="Select a cell, or choose a cluster and factor from the list, to read the evidence that ties them.",
        columns=[("label", "Work"), ("finding", "Finding"), ("locator", "Where")])


def _wrapped(names, width: int) -> dict[str, str]:
    return {n: SEP.join(analysis.wrap(n, width)) for n in names}


def evidence_matrix(ev, layout: str = "wide") -> alt.LayerChart:
    check_layout(layout)
    labels = analysis.citation_labels(ev.references)
    links = analysis.cluster_factor_links(ev.evidence, ev.clusters, ev.factors, labels)
    cluster_order, factor_order, first_barrier = analysis.matrix_axes(links, ev.factors)
    clusters = analysis.top_by_works(links, "cluster", cluster_order, MAX_CLUSTERS)
    factors = analysis.top_by_works(links, "factor", factor_order, MAX_FACTORS)
    capped = len(clusters) < len(cluster_order) or len(factors) < len(factor_order)
    theme = alt.param(name="theme_filter", value="all",
                      bind=alt.binding_radio(options=THEME_OPTIONS, labels=THEME_NAMES, name="Theme: "))
    subtitle = ["A cell's number counts the works that tie that cluster to that factor. Drivers sit above the "
                "line, barriers below it. An empty cell means the review cites nothing for that pairing."]
    if layout == "narrow":
        subtitle = ["Under each cluster, the drivers and barriers the review ties to it, with the number of works "
                    "that do so."]
    if capped:
        subtitle.append(f"Showing the {len(clusters)} clusters and {len(factors)} factors with the most works (of "
                        f"{len(cluster_order)} and {len(factor_order)}).")
    title = chart_title("Which case clusters the review links to which drivers and barriers", subtitle=subtitle,
                        layout=layout)
    usermeta = meta("evidence-matrix", "Evidence matrix", TABLE, hint=HINT, layout=layout,
                    details=[_panel(ev, links, cluster_order, factor_order)])
    links = links.assign(spoken=[f"{c} and {f}: {w} work{'s' if w != 1 else ''} ({cit})" for c, f, w, cit in
                                 zip(links["cluster"], links["factor"], links["works"], links["citations"])])
    if layout == "narrow":
        return _as_list(links, clusters, factors, theme, title, usermeta)

    shown = links[links["cluster"].isin(clusters) & links["factor"].isin(factors)]
    # cluster names stand at -40 degrees above their columns, on one line each (two lines at this angle run into
    # the neighbouring column's name); factor names wrap to 40 % of the narrowest width
    c_wrap = _wrapped(clusters, 40)
    f_wrap = _wrapped(factors, chars(MIN_WIDTH["wide"] * 0.4))
    shown = shown.assign(cluster_axis=shown["cluster"].map(c_wrap), factor_axis=shown["factor"].map(f_wrap))
    c_dom = [c_wrap[c] for c in clusters]
    f_dom = [f_wrap[f] for f in factors]
    x = alt.X("cluster_axis:N", scale=alt.Scale(domain=c_dom), title="Case cluster",
              axis=alt.Axis(labelAngle=-40, orient="top", grid=True, tickBand="extent", title=None,
                            labelExpr=f"datum.value ? split(datum.value, '{SEP}') : ''", labelAlign="left", labelBaseline="middle"))
    y = alt.Y("factor_axis:N", scale=alt.Scale(domain=f_dom), title="Driver or barrier",
              axis=alt.Axis(grid=True, tickBand="extent", title=None, labelExpr=f"datum.value ? split(datum.value, '{SEP}') : ''"))
    base = alt.Chart(shown).transform_filter(alt.datum.theme == theme).encode(x=x, y=y)
    pick = _pick()
    cells = base.mark_rect(cornerRadius=3, aria=False).encode(
        opacity=alt.Opacity("works:Q", scale=alt.Scale(domainMin=0, range=[0.12, 0.5]), legend=None),
        stroke=alt.condition(pick, alt.value("currentColor"), alt.value(None)),
        strokeWidth=alt.value(2),
    )
    counts = base.mark_text(fontSize=12, fontWeight=600, aria=False).encode(
        text=alt.Text("works:Q", format="d"))
    # the selectable target: the whole cell, invisible, on top, with the tooltip
    hit = base.mark_rect(opacity=0.001, cursor="pointer").encode(
        description=alt.Description("spoken:N"), tooltip=TOOLTIP).add_params(pick).properties(name=TARGET)
    layers = [cells, counts]
    if first_barrier in factors:  # a line between the drivers (above) and the barriers (below)
        layers.append(alt.Chart().mark_rule(strokeWidth=1.5, aria=False).encode(
            y=alt.YDatum(f_wrap[first_barrier], type="nominal", bandPosition=0, scale=alt.Scale(domain=f_dom))))
    layers.append(hit)
    most_lines = max([len(v.split(SEP)) for v in f_dom] or [1])
    return alt.layer(*layers).add_params(theme).properties(
        width="container", height=max(24, 14 * most_lines + 6) * max(len(factors), 1), autosize=FIT_X,
        padding={"left": 5, "top": 5, "bottom": 5,
                 "right": rotated_room([l for c in c_dom[-1:] for l in c.split(SEP)], 12, bold=False)},
        title=title, description=DESCRIPTION, usermeta=usermeta)


def _as_list(links, clusters, factors, theme, title, usermeta) -> alt.LayerChart:
    pick = _pick()
    rows = analysis.matrix_list(links, clusters, factors)
    c_ids = dict(zip(links["cluster"], links["cluster_id"]))
    f_ids = dict(zip(links["factor"], links["factor_id"]))
    rows = rows.assign(cluster_id=rows["cluster"].map(c_ids).fillna(""), factor_id=rows["factor"].map(f_ids).fillna(""))
    width = chars(MIN_WIDTH["narrow"] - 56)
    rows = rows.assign(text_lines=[analysis.wrap(t, width) for t in rows["text"]],
                       spoken=[(c if k == "head" else f"{f}: {w} work{'s' if w != 1 else ''} ({cit})")
                               for k, c, f, w, cit in zip(rows["kind"], rows["cluster"], rows["factor"],
                                                          rows["works"], rows["citations"])])
    most_lines = int(rows["text_lines"].map(len).max()) if len(rows) else 1
    step = max(26, 8 + 15 * most_lines)  # each factor's row is a target of at least 24 px
    n_rows = int(rows.groupby("theme")["row"].max().max()) + 1 if len(rows) else 1
    base = alt.Chart(rows).transform_filter(alt.datum.theme == theme).encode(
        y=alt.Y("row:O", title=None, axis=None, scale=alt.Scale(domain=list(range(n_rows)))))
    heads = base.transform_filter("datum.kind === 'head'").mark_text(
        align="left", baseline="middle", fontSize=13, fontWeight=700, lineHeight=15, aria=False).encode(
        x=alt.value(0), text="text_lines:N", description=alt.Description("spoken:N"))
    names = base.transform_filter("datum.kind === 'item'").mark_text(
        align="left", baseline="middle", fontSize=12, lineHeight=15, dx=10, aria=False).encode(
        x=alt.value(0), text="text_lines:N")
    dots = base.transform_filter("datum.kind === 'item'").mark_rect(cornerRadius=3, width=30, height=22, aria=False).encode(
        x=alt.value(alt.expr("width - 16")),
        opacity=alt.Opacity("works:Q", scale=alt.Scale(domainMin=0, range=[0.12, 0.5]), legend=None),
        stroke=alt.condition(pick, alt.value("currentColor"), alt.value(None)), strokeWidth=alt.value(2))
    counts = base.transform_filter("datum.kind === 'item'").mark_text(fontSize=12, fontWeight=600, aria=False).encode(
        x=alt.value(alt.expr("width - 16")), text=alt.Text("works:Q", format="d"))
    # the selectable target: each factor's whole row under its cluster, invisible, on top
    hit = base.transform_filter("datum.kind === 'item'").mark_rect(
        opacity=0.001, cursor="pointer", height=alt.RelativeBandSize(1)).encode(
        x=alt.value(0), x2=alt.value("width"), description=alt.Description("spoken:N"), tooltip=TOOLTIP,
    ).add_params(pick).properties(name=TARGET)
    return alt.layer(heads, names, dots, counts, hit).add_params(theme).properties(
        width="container", height=step * n_rows, title=title, autosize=FIT_X,
        description=DESCRIPTION.replace("Matrix of", "List of").replace("(columns)", "(as headings)").replace(
            "(rows)", "(listed under each cluster)").replace("A shaded cell", "A number"),
        usermeta=usermeta)
