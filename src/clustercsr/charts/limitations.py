"""Chart 6: Table 3's five critiques of the literature, the works and clusters behind each; select one to list
its evidence."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import MIN_WIDTH, TARGET, chart_title, chars, check_layout, count_axis, meta

MAX_CRITIQUES = 20  # more than a reader can compare; the data table lists the rest
LINE = 16


def limitations(ev, layout: str = "wide") -> alt.LayerChart:
    check_layout(layout)
    table = analysis.limitation_summary(ev.limitations, ev.evidence, ev.clusters)
    total = len(table)
    table = table.head(MAX_CRITIQUES)
    head_chars = chars(MIN_WIDTH[layout], 13, em=0.6)  # bold 13 px
    note_chars = chars(MIN_WIDTH[layout], 11)
    table = table.assign(head_lines=[analysis.wrap(h, head_chars) for h in table["heading"]],
                         note_lines=[analysis.wrap(n, note_chars) for n in table["note"]],
                         spoken=[f"{h}: {n}" for h, n in zip(table["heading"], table["note"])])
    n_head = int(table["head_lines"].map(len).max()) if len(table) else 1
    n_note = int(table["note_lines"].map(len).max()) if len(table) else 1
    step = 30 + LINE * n_head + 14 * n_note
    top = -step / 2 + 4  # the heading starts here; the bar and the note follow
    bar_y = top + LINE * n_head + 8
    pick = alt.selection_point(name="critique", fields=["id"], on="click", clear=False, toggle=False, empty=False)
    tooltip = [alt.Tooltip("order:O", title="Critique no."), alt.Tooltip("label:N", title="Critique"),
               alt.Tooltip("works:Q", title="Works the review cites"),
               alt.Tooltip("n_clusters:Q", title="Case clusters named"), alt.Tooltip("clusters:N", title="Clusters")]
    base = alt.Chart(table).encode(
        y=alt.Y("label:N", sort=table["label"].tolist(), title="Critique", axis=None),
        tooltip=tooltip,
    )
    names = base.mark_text(align="left", baseline="top", yOffset=top, fontSize=13, fontWeight=600,
                           lineHeight=LINE, aria=False).encode(x=alt.value(0), text=alt.Text("head_lines:N"))
    bars = base.mark_bar(cornerRadius=2, height=12, yOffset=bar_y, aria=False).encode(
        x=alt.X("works:Q", title="Works the review cites", scale=alt.Scale(domainMin=0),
                axis=count_axis(int(table["works"].max()) if len(table) else 1)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.4), empty=True),
    )
    notes = base.mark_text(align="left", baseline="top", yOffset=bar_y + 10, fontSize=11, lineHeight=14,
                           aria=False).encode(x=alt.value(0), text="note_lines:N")
    # the selectable target: each critique's whole row (heading, bar and note), drawn on top, invisible
    hit = base.mark_rect(opacity=0.001, cursor="pointer", height=alt.RelativeBandSize(0.95)).encode(
        x=alt.value(0), x2=alt.value("width"), description=alt.Description("spoken:N"),
    ).add_params(pick).properties(name=TARGET)
    panel = details.panel(
        "critique", fields=["id"], heading="Evidence behind the selected critique", url_key="critique",
        control="Critique", rows=details.evidence_rows(ev, "limitation"),
        choices=[{"value": r["id"], "label": f"{r['order']}. {r['label']}"} for _, r in table.iterrows()],
        empty="Select a critique, or choose one from the list, to read the evidence behind it here.")
    chart = alt.layer(names, bars, notes, hit).properties(width="container", height=alt.Step(step))
    subtitle = "In the paper's order; bar length counts the works the review cites for each."
    if total > len(table):
        subtitle += f" Showing the first {len(table)} of {total}."
    return chart.properties(
        title=chart_title("Five critiques of the cluster and CSR literature" if total == 5 else
                          "Critiques of the cluster and CSR literature", subtitle=subtitle, layout=layout),
        description=("Bar chart of the critiques of the literature in the review's Table 3, in the paper's order. "
                     "Each bar's length is the number of works the review cites for the critique, and the line under "
                     "it names the case clusters those findings concern."),
        usermeta=meta("limitations", "Limitations of the literature",
                      [("order", "No."), ("label", "Critique"), ("works", "Works the review cites"),
                       ("n_clusters", "Case clusters named"), ("clusters", "Clusters")],
                      hint="Select a critique (click, tap, or the list below the chart) to read the evidence "
                           "behind it.",
                      palette={"category": ["plain"]}, layout=layout, details=[panel]),
    )
