"""Chart 6: Table 3's five critiques of the literature, the works and clusters behind each; select one to list
its evidence."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import MIN_WIDTH, chart_title, chars, check_layout, count_axis, evidence_list, meta

MAX_CRITIQUES = 20  # more than a reader can compare; the data table lists the rest
LINE = 16


def limitations(ev, layout: str = "wide") -> alt.VConcatChart:
    check_layout(layout)
    table = analysis.limitation_summary(ev.limitations, ev.evidence, ev.clusters)
    total = len(table)
    table = table.head(MAX_CRITIQUES)
    rows = analysis.subject_evidence(ev, "limitation").rename(columns={"subject_id": "id"})
    lines_ = analysis.evidence_lines(rows[rows["id"].isin(table["id"])], "id")
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
    pick = alt.selection_point(name="critique", fields=["id"], on="click", clear="dblclick", empty=False)
    tooltip = [alt.Tooltip("order:O", title="Critique no."), alt.Tooltip("label:N", title="Critique"),
               alt.Tooltip("works:Q", title="Works the review cites"),
               alt.Tooltip("n_clusters:Q", title="Case clusters named"), alt.Tooltip("clusters:N", title="Clusters")]
    base = alt.Chart(table).encode(
        y=alt.Y("label:N", sort=table["label"].tolist(), title="Critique", axis=None),
        tooltip=tooltip,
    )
    names = base.mark_text(align="left", baseline="top", yOffset=top, fontSize=13, fontWeight=600,
                           lineHeight=LINE, aria=False).encode(x=alt.value(0), text=alt.Text("head_lines:N"))
    bars = base.mark_bar(cornerRadius=2, height=12, yOffset=bar_y).encode(
        x=alt.X("works:Q", title="Works the review cites", scale=alt.Scale(domainMin=0),
                axis=count_axis(int(table["works"].max()) if len(table) else 1)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.4), empty=True),
        description=alt.Description("spoken:N"),
    ).add_params(pick)
    notes = base.mark_text(align="left", baseline="top", yOffset=bar_y + 10, fontSize=11, lineHeight=14,
                           aria=False).encode(x=alt.value(0), text="note_lines:N")
    chart = alt.layer(names, bars, notes).properties(width="container", height=alt.Step(step))
    subtitle = "In the paper's order; bar length counts the works the review cites for each."
    if total > len(table):
        subtitle += f" Showing the first {len(table)} of {total}."
    return alt.vconcat(
        chart,
        evidence_list(lines_, pick, title="Evidence behind the selected critique"),
        spacing=24,
    ).properties(
        title=chart_title("Five critiques of the cluster and CSR literature" if total == 5 else
                          "Critiques of the cluster and CSR literature", subtitle=subtitle, layout=layout),
        description=("Bar chart of the critiques of the literature in the review's Table 3, in the paper's order. "
                     "Each bar's length is the number of works the review cites for the critique, and the line under "
                     "it names the case clusters those findings concern."),
        usermeta=meta("limitations", "Limitations of the literature",
                      [("order", "No."), ("label", "Critique"), ("works", "Works the review cites"),
                       ("n_clusters", "Case clusters named"), ("clusters", "Clusters")],
                      hint="Select a critique's bar (click, tap, or Enter on a focused bar) to list the evidence "
                           "behind it.",
                      palette={"category": ["plain"]}, layout=layout),
    )
