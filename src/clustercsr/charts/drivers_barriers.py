"""Chart 1: each driver set against its mirror barrier; click a bar to list the evidence behind it."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import count_axis, evidence_list, meta

LEVELS = analysis.LEVELS
# room for the names on each side: about a quarter of the chart's width, never more than 250 px
LABEL_LIMIT = alt.expr("isFinite(containerSize()[0]) ? clamp(containerSize()[0] * 0.27, 90, 250) : 250")


def drivers_barriers(ev) -> alt.VConcatChart:
    pairs = analysis.factor_pairs(ev.factors, ev.evidence)
    rows = analysis.subject_evidence(ev, "factor").rename(columns={"subject_id": "id"})
    lines = analysis.evidence_lines(rows, "id")
    largest = int(pairs["works"].max()) if len(pairs) else 1
    order = list(dict.fromkeys(pairs["pair_key"]))
    pick = alt.selection_point(name="factor", fields=["id"], on="click", clear="dblclick", empty=False)
    y_scale = alt.Scale(domain=order)
    bars = alt.Chart(pairs).mark_bar(cornerRadius=2, height=alt.RelativeBandSize(0.72)).encode(
        y=alt.Y("pair_key:N", scale=y_scale, title=None,
                axis=alt.Axis(labelExpr="split(datum.value, '|')[1]", labelLimit=LABEL_LIMIT, ticks=False,
                              domain=False)),
        x=alt.X("signed_works:Q", title="Works the review cites: barriers to the left, drivers to the right",
                scale=alt.Scale(domain=[-largest, largest]),
                axis=count_axis(largest, labelExpr="abs(datum.value)")),
        color=alt.Color("level:N", scale=alt.Scale(domain=LEVELS), title="Level at which the factor works",
                        legend=alt.Legend(orient="top")),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.6)),
        tooltip=[alt.Tooltip("label:N", title="Factor"), alt.Tooltip("kind:N", title="Driver or barrier"),
                 alt.Tooltip("level:N", title="Level"), alt.Tooltip("works:Q", title="Works the review cites")],
    ).add_params(pick)
    right_names = alt.Chart(pairs).mark_tick(opacity=0).encode(
        y=alt.Y("pair_key:N", scale=y_scale, title=None,
                axis=alt.Axis(orient="right", labelExpr="split(datum.value, '|')[2]", labelLimit=LABEL_LIMIT,
                              ticks=False, domain=False, labelColor=None)),
        x=alt.X("signed_works:Q"),
    )
    zero = alt.Chart().mark_rule(strokeWidth=1).encode(x=alt.datum(0))
    chart = alt.layer(bars, right_names, zero).resolve_axis(y="independent").properties(
        width="container", height=alt.Step(26))
    return alt.vconcat(
        chart,
        evidence_list(lines, pick, "Click a bar to list its evidence; double-click to clear.",
                      title="Evidence for the selected factor"),
        spacing=24,
    ).properties(
        title=alt.TitleParams("Drivers of and barriers to CSR in developing-country clusters",
                              subtitle=["Each row sets a barrier (left) against the driver it mirrors (right); "
                                        "bar length counts the works the review cites."]),
        description=("Diverging bar chart of the drivers of CSR adoption in developing-country clusters (to the "
                     "right, named on the right) and the barriers that mirror them (to the left, named on the left). "
                     "Each bar's length is the number of works the review cites for that factor, a count of "
                     "citations rather than a measure of the strength of the evidence, and its colour is the level "
                     "at which the factor works. Selecting a bar lists its evidence below."),
        usermeta=meta("drivers-barriers", "Drivers and barriers",
                      [("label", "Factor"), ("kind", "Driver or barrier"), ("level", "Level"),
                       ("works", "Works the review cites")]),
    )
