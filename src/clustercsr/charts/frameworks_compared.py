"""Chart 9: which factors each reviewed framework takes into account, against the paper's own model."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import chart_title, label_limit, meta


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
        opacity=0.12, width=alt.RelativeBandSize(1), height=alt.RelativeBandSize(1))
    status = ["covered", "not covered"]
    legend = alt.Legend(orient="bottom", title=None,
                        labelExpr="datum.value === 'covered' ? 'takes the factor into account' : 'does not'")
    marks = base.mark_point(filled=True, shape="circle").encode(
        size=alt.Size("status:O", sort=status, scale=alt.Scale(domain=status, range=[170, 28]), legend=legend),
        opacity=alt.Opacity("status:O", sort=status, scale=alt.Scale(domain=status, range=[1, 0.4]), legend=legend),
    )
    return alt.layer(band, marks).properties(
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
                       ("note", "Note")]),
    )
