"""Chart 1: each driver set against its mirror barrier; click a bar to list the evidence behind it."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import evidence_list, meta

LEVELS = ["global", "national", "cluster", "community"]


def drivers_barriers(ev) -> alt.VConcatChart:
    pairs = analysis.factor_pairs(ev.factors, ev.evidence)
    rows = analysis.subject_evidence(ev, "factor").rename(columns={"subject_id": "id"})
    pick = alt.selection_point(name="factor", fields=["id"], on="click", clear="dblclick", empty=False)
    bars = alt.Chart(pairs).mark_bar(cornerRadius=2).encode(
        y=alt.Y("pair_label:N", sort=alt.SortField("pair_rank"), title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("signed_works:Q", title="Works the review cites (barriers to the left, drivers to the right)",
                axis=alt.Axis(labelExpr="abs(datum.value)", tickMinStep=1)),
        color=alt.Color("level:N", scale=alt.Scale(domain=LEVELS), title="Level"),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.55)),
        tooltip=[alt.Tooltip("label:N", title="Factor"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("level:N", title="Level"), alt.Tooltip("works:Q", title="Works cited")],
    ).add_params(pick).properties(width="container", height=alt.Step(22))
    zero = alt.Chart().mark_rule(strokeWidth=1).encode(x=alt.datum(0))
    chart = alt.vconcat(
        alt.layer(bars, zero),
        evidence_list(rows, pick, "Click a bar to list its evidence; double-click to clear."),
        spacing=24,
    ).properties(
        title=alt.TitleParams("Drivers of and barriers to CSR in developing-country clusters",
                              subtitle="Each driver beside its mirror barrier; bar length = works the review cites"),
        description=("Diverging bar chart of the drivers of CSR adoption in clusters (to the right) and the barriers "
                     "that mirror them (to the left); each bar's length is the number of works the review cites for "
                     "that factor, and its colour is the level at which the factor works."),
        usermeta=meta("drivers-barriers", "Drivers and barriers",
                      [("label", "Factor"), ("kind", "Kind"), ("level", "Level"), ("works", "Works the review cites")]),
    )
    return chart
