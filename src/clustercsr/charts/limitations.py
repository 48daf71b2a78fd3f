"""Chart 6: Table 3's five critiques of the literature, the works and clusters behind each; click to list them."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import TARGET, chart_title, count_axis, described, meta


def limitations(ev) -> alt.LayerChart:
    table = analysis.limitation_summary(ev.limitations, ev.evidence, ev.clusters)
    pick = alt.selection_point(name="critique", fields=["id"], on="click", clear=False, toggle=False, empty=False)
    tooltip = [alt.Tooltip("order:O", title="Critique no."), alt.Tooltip("label:N", title="Critique"),
               alt.Tooltip("works:Q", title="Works the review cites"),
               alt.Tooltip("n_clusters:Q", title="Case clusters named"), alt.Tooltip("clusters:N", title="Clusters")]
    base = alt.Chart(table).encode(
        y=alt.Y("label:N", sort=table["label"].tolist(), title=None, axis=None),
        tooltip=tooltip,
    )
    names = base.mark_text(align="left", baseline="middle", dy=-17, fontSize=13, fontWeight=600, aria=False,
                           limit=alt.expr("max(width, 200)")).encode(
        x=alt.value(0), text=alt.Text("heading:N"))
    bars = base.mark_bar(cornerRadius=2, height=12, aria=False).encode(
        x=alt.X("works:Q", title="Works the review cites", scale=alt.Scale(domainMin=0),
                axis=count_axis(int(table["works"].max()) if len(table) else 1)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.4), empty=True),
    )
    notes = base.mark_text(align="left", baseline="middle", dy=17, fontSize=11, aria=False,
                           limit=alt.expr("max(width, 200)")).encode(x=alt.value(0), text="note:N")
    # the selectable target: each critique's whole row (heading, bar and note), drawn on top, invisible
    hit = described(base, tooltip).mark_rect(opacity=0.001, cursor="pointer", height=alt.RelativeBandSize(0.95)).encode(
        x=alt.value(0), x2=alt.value("width"),
    ).add_params(pick).properties(name=TARGET)
    panel = details.panel(
        "critique", fields=["id"], heading="Evidence behind the selected critique", url_key="critique",
        control="Critique", rows=details.evidence_rows(ev, "limitation"),
        choices=[{"value": r["id"], "label": f"{r['order']}. {r['label']}"} for _, r in table.iterrows()],
        empty="Select a critique, or choose one from the list, to read the evidence behind it here.")
    return alt.layer(names, bars, notes, hit).properties(width="container", height=alt.Step(64)).properties(
        title=chart_title("Five critiques of the cluster and CSR literature",
                              subtitle="In the paper's order; bar length counts the works the review cites for each"),
        description=("Bar chart of the five critiques of the literature in the review's Table 3, in the paper's order. "
                     "Each bar's length is the number of works the review cites for the critique, and the line under "
                     "it names the case clusters those findings concern. Selecting a critique lists its evidence beside the chart."),
        usermeta=meta("limitations", "Limitations of the literature",
                      [("order", "No."), ("label", "Critique"), ("works", "Works the review cites"),
                       ("n_clusters", "Case clusters named"), ("clusters", "Clusters")],
                      hint="Select a critique (click, tap, or the list below the chart) to read its evidence.",
                      details=[panel]),
    )
