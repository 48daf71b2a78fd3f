"""Chart 1: each driver set against the barrier we pair it with (our pairing: Table 1 lists the two unpaired); select a
bar to list the evidence behind it (in HTML)."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import TARGET, chart_title, count_axis, described, meta

LEVELS = analysis.LEVELS


def drivers_barriers(ev, table1_only: bool = False) -> alt.LayerChart:
    """table1_only=True keeps the six pairs of the paper's Table 1 (a compact form, e.g. for a brief)."""
    factors = ev.factors[ev.factors["in_table1"]] if table1_only else ev.factors
    pairs = analysis.factor_pairs(factors, ev.evidence)
    largest = int(pairs["works"].max()) if len(pairs) else 1
    order = list(dict.fromkeys(pairs["pair_key"]))
    # a click or tap on a factor's half-row selects it; one on empty space clears it (no double-click needed)
    pick = alt.selection_point(name="factor", fields=["id"], on="click", clear=False, empty=False,
                               toggle=False)
    y = alt.Y("pair_key:N", scale=alt.Scale(domain=order), title=None, axis=None)
    tooltip = [alt.Tooltip("label:N", title="Factor"), alt.Tooltip("kind:N", title="Driver or barrier"),
               alt.Tooltip("level:N", title="Level"), alt.Tooltip("works:Q", title="Works the review cites")]
    bars = alt.Chart(pairs).mark_bar(cornerRadius=2, height=11, yOffset=6, aria=False).encode(
        y=y,
        x=alt.X("signed_works:Q", title="Works the review cites",
                scale=alt.Scale(domain=[-largest, largest]),
                axis=count_axis(largest, labelExpr="abs(datum.value)")),
        color=alt.Color("level:N", scale=alt.Scale(domain=LEVELS), title="Level at which the factor works",
                        legend=alt.Legend(orient="top")),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.4), empty=True),
    )
    # each name sits above its own bar, beside the zero line: barriers to the left, drivers to the right
    names = [alt.Chart(pairs).transform_filter(test).mark_text(
        align=align, baseline="middle", dx=dx, yOffset=-7, fontSize=12, limit=alt.expr("max(width / 2 - 12, 60)"),
        aria=False,
    ).encode(y=y, x=alt.datum(0), text="label:N")
        for test, align, dx in (("datum.kind === 'driver'", "left", 4), ("datum.kind !== 'driver'", "right", -4))]
    zero = alt.Chart().mark_rule(strokeWidth=1, aria=False).encode(x=alt.datum(0))
    # the selectable target: each factor's whole half-row (its name and its bar), drawn on top, invisible
    hit = described(alt.Chart(pairs), tooltip).transform_calculate(
        edge=f"datum.kind === 'driver' ? {largest} : {-largest}",
    ).mark_bar(opacity=0, height=alt.RelativeBandSize(0.9), cursor="pointer").encode(
        y=y, x=alt.X("edge:Q"), x2=alt.datum(0), tooltip=tooltip,
    ).add_params(pick).properties(name=TARGET)
    rows = details.evidence_rows(ev, "factor")
    panel = details.panel(
        "factor", fields=["id"], heading="Evidence for the selected factor", url_key="factor", control="Factor",
        rows=rows, choices=[{"value": r["id"], "label": f"{r['label']} ({r['kind']})"} for _, r in pairs.iterrows()],
        empty="Select a bar, or choose a factor from the list, to read the evidence for it here.",
        columns=[("label", "Work"), ("cluster", "Cluster"), ("finding", "Finding"), ("locator", "Where")])
    return alt.layer(bars, *names, zero, hit).properties(width="container", height=alt.Step(34)).properties(
        title=chart_title("Drivers of and barriers to CSR in developing-country clusters",
                              subtitle=["Each row sets a barrier (left) against the driver we pair it with (right; our "
                                        "pairing), each named above its bar; bar length counts the works the review "
                                        "cites."]),
        description=("Diverging bar chart of the drivers of CSR adoption in developing-country clusters (to the "
                     "right) and the barriers we pair with them (to the left; the pairing is ours, since the paper's "
                     "Table 1 lists the two unpaired), each named above its bar. "
                     "Each bar's length is the number of works the review cites for that factor, a count of "
                     "citations rather than a measure of the strength of the evidence, and its colour is the level "
                     "at which the factor works (our classification). Selecting a bar lists its evidence beside the "
                     "chart."),
        usermeta=meta("drivers-barriers", "Drivers and barriers",
                      [("label", "Factor"), ("kind", "Driver or barrier"), ("level", "Level"),
                       ("works", "Works the review cites")],
                      hint="Select a bar (click, tap, or the list below the chart) to read its evidence.",
                      details=[panel]),
    )
