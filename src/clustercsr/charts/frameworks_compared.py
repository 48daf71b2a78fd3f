"""Chart 9: which factors each reviewed framework takes into account, against the paper's own model."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import meta


def frameworks_compared(ev) -> alt.LayerChart:
    grid = analysis.framework_grid(ev.frameworks, ev.framework_factors, ev.factors)
    frameworks = grid.drop_duplicates("framework_id")["framework"].tolist()
    factors = grid.drop_duplicates("factor_id")["factor"].tolist()
    tooltip = [alt.Tooltip("framework:N", title="Framework"), alt.Tooltip("factor:N", title="Factor"),
               alt.Tooltip("status:N", title="Takes it into account?"), alt.Tooltip("note:N", title="Note")]
    base = alt.Chart(grid).encode(
        x=alt.X("factor:N", sort=factors, title=None,
                axis=alt.Axis(orient="top", labelAngle=-40, labelLimit=240, labelAlign="left")),
        y=alt.Y("framework:N", sort=frameworks, title=None, axis=alt.Axis(labelLimit=300)),
        tooltip=tooltip,
    )
    band = base.transform_filter("datum.framework_kind === 'this-paper'").mark_rect(
        opacity=0.12, width=alt.RelativeBandSize(1), height=alt.RelativeBandSize(1))
    status = alt.Scale(domain=["covered", "not covered"])
    legend = alt.Legend(orient="bottom", title=None,
                        labelExpr="datum.value === 'covered' ? 'takes the factor into account' : 'does not'")
    marks = base.mark_point(filled=True, shape="circle").encode(
        size=alt.Size("status:O", sort=status.domain, scale=alt.Scale(domain=status.domain, range=[170, 28]),
                      legend=legend),
        opacity=alt.Opacity("status:O", sort=status.domain, scale=alt.Scale(domain=status.domain, range=[1, 0.4]),
                            legend=legend),
    )
    return alt.layer(band, marks).properties(
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        width="container", height=alt.Step(30),
        title=alt.TitleParams("Which factors each framework takes into account",
                              subtitle=["Reviewed frameworks above, the review's own model in the shaded last row. "
                                        "Hover over a mark for our note."]),
        description=("Grid of the theoretical frameworks the review discusses (rows), with the review's own "
                     "conceptual model as the last, shaded row, against the factors they take into account "
                     "(columns). A filled dot marks a factor the paper's account of the framework covers; a short "
                     "dash marks one it does not. Tooltips carry our note on each covered pairing."),
        usermeta=meta("frameworks-compared", "Frameworks compared",
                      [("framework", "Framework"), ("factor", "Factor"), ("status", "Takes it into account?"),
                       ("note", "Note")]),
    )
