"""Chart 9: which factors each reviewed framework takes into account, against the paper's own model."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import TARGET, chart_title, described, label_limit, meta


def frameworks_compared(ev) -> alt.LayerChart:
    grid = analysis.framework_grid(ev.frameworks, ev.framework_factors, ev.factors,
                                   analysis.citation_labels(ev.references))
    headers = grid.drop_duplicates("framework_id")["framework_header"].tolist()
    factors = grid.drop_duplicates("factor_id")["factor"].tolist()
    tooltip = [alt.Tooltip("framework:N", title="Framework"), alt.Tooltip("factor:N", title="Factor"),
               alt.Tooltip("status:N", title="Takes it into account?"), alt.Tooltip("note:N", title="Note")]
    base = alt.Chart(grid).encode(
        x=alt.X("framework_header:N", sort=headers, title=None,
                axis=alt.Axis(orient="top", labelAngle=-30, labelAlign="left", labelLimit=180, labelFontWeight=600,
                              ticks=False, domain=False)),
        y=alt.Y("factor:N", sort=factors, title=None, axis=alt.Axis(labelLimit=label_limit(0.45, 300))),
        tooltip=tooltip,
    )
    band = base.transform_filter("datum.framework_kind === 'this-paper'").mark_rect(
        opacity=0.12, aria=False, width=alt.RelativeBandSize(1), height=alt.RelativeBandSize(1))
    status = ["covered", "not covered"]
    legend = alt.Legend(orient="bottom", title=None,
                        labelExpr="datum.value === 'covered' ? 'takes the factor into account' : 'does not'")
    marks = base.mark_point(filled=True, shape="circle", aria=False).encode(
        size=alt.Size("status:O", sort=status, scale=alt.Scale(domain=status, range=[170, 28]), legend=legend),
        opacity=alt.Opacity("status:O", sort=status, scale=alt.Scale(domain=status, range=[1, 0.4]), legend=legend),
    )
    # a click or tap on any cell selects its framework, and the HTML panel lists what it covers, with our notes
    pick = alt.selection_point(name="framework", fields=["framework_id"], on="click", clear=False, toggle=False,
                               empty=False)
    hit = described(base, tooltip).mark_rect(opacity=0.001, cursor="pointer", width=alt.RelativeBandSize(1),
                         height=alt.RelativeBandSize(1)).add_params(pick).properties(name=TARGET)
    marks = marks.encode(strokeWidth=alt.condition(pick, alt.value(2), alt.value(0)), stroke=alt.value("currentColor"))
    rows = [{"framework_id": r["framework_id"], "label": r["factor"],
             "about": "takes it into account" if r["status"] == "covered" else "does not take it into account",
             "finding": r["note"] if isinstance(r.get("note"), str) else ""} for _, r in grid.iterrows()]
    panel = details.panel(
        "framework", fields=["framework_id"], heading="What the selected framework takes into account",
        url_key="framework", control="Framework", rows=rows, noun=("factor", "factors"),
        choices=details.options(grid, "framework_id", "framework"),
        empty="Select a column (or a framework from the list) to read, factor by factor, what it covers.",
        columns=[("label", "Factor"), ("about", "Takes it into account?"), ("finding", "Our note")])
    return alt.layer(band, marks, hit).properties(
        width="container", height=26 * max(len(factors), 1),  # a number, not a step: see common.py
        title=chart_title("Which factors each framework takes into account",
                          subtitle=["Reviewed frameworks, named by their authors, then the review's own model in "
                                    "the shaded last column. Hover over a mark for the framework's name and our "
                                    "note."]),
        description=("Grid of the theoretical frameworks the review discusses (columns, headed by their authors), "
                     "with the review's own "
                     "conceptual model as the last, shaded column, against the factors of the model (rows). A large "
                     "dot marks a factor the paper's account of the framework covers; a small faint dot marks one "
                     "it does not. Tooltips carry our note on each covered pairing."),
        usermeta=meta("frameworks-compared", "Frameworks compared",
                      [("framework", "Framework"), ("factor", "Factor"), ("status", "Takes it into account?"),
                       ("note", "Note")],
                      hint="Select a framework (click or tap a column, or the list below the chart) to read what it "
                           "covers.",
                      details=[panel]),
    )
