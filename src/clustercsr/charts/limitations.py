"""Chart 6: Table 3's five critiques of the literature, the works and clusters behind each; click to list them."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import chart_title, count_axis, evidence_list, meta


def limitations(ev) -> alt.VConcatChart:
    table = analysis.limitation_summary(ev.limitations, ev.evidence, ev.clusters)
    rows = analysis.subject_evidence(ev, "limitation").rename(columns={"subject_id": "id"})
    lines = analysis.evidence_lines(rows, "id")
    pick = alt.selection_point(name="critique", fields=["id"], on="click", clear="dblclick", empty=False)
    tooltip = [alt.Tooltip("order:O", title="Critique no."), alt.Tooltip("label:N", title="Critique"),
               alt.Tooltip("works:Q", title="Works the review cites"),
               alt.Tooltip("n_clusters:Q", title="Case clusters named"), alt.Tooltip("clusters:N", title="Clusters")]
    base = alt.Chart(table).encode(
        y=alt.Y("label:N", sort=table["label"].tolist(), title=None, axis=None),
        tooltip=tooltip,
    )
    names = base.mark_text(align="left", baseline="middle", dy=-17, fontSize=13, fontWeight=600,
                           limit=alt.expr("max(width, 200)")).encode(
        x=alt.value(0), text=alt.Text("heading:N"))
    bars = base.mark_bar(cornerRadius=2, height=12).encode(
        x=alt.X("works:Q", title="Works the review cites", scale=alt.Scale(domainMin=0),
                axis=count_axis(int(table["works"].max()) if len(table) else 1)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.4), empty=True),
    ).add_params(pick)
    notes = base.mark_text(align="left", baseline="middle", dy=17, fontSize=11,
                           limit=alt.expr("max(width, 200)")).encode(x=alt.value(0), text="note:N")
    chart = alt.layer(names, bars, notes).properties(width="container", height=alt.Step(64))
    return alt.vconcat(
        chart,
        evidence_list(lines, pick, "Click a critique to list the evidence behind it; double-click to clear.",
                      title="Evidence behind the selected critique"),
        spacing=24,
    ).properties(
        title=chart_title("Five critiques of the cluster and CSR literature",
                              subtitle="In the paper's order; bar length counts the works the review cites for each"),
        description=("Bar chart of the five critiques of the literature in the review's Table 3, in the paper's order. "
                     "Each bar's length is the number of works the review cites for the critique, and the line under "
                     "it names the case clusters those findings concern. Selecting a critique lists its evidence."),
        usermeta=meta("limitations", "Limitations of the literature",
                      [("order", "No."), ("label", "Critique"), ("works", "Works the review cites"),
                       ("n_clusters", "Case clusters named"), ("clusters", "Clusters")]),
    )
