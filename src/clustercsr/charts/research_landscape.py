"""Chart 5: Table 2's research areas and topics, what the paper says of the evidence for each, and the works
the review cites for it.

The bar shows the paper's verdict (virtually none, few studies, a body of studies), so a topic the paper calls
unstudied never looks well studied; the number of works the review cites for the topic is written beside it.
"""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details, theme
from clustercsr.charts.common import MIN_WIDTH, TARGET, chart_title, chars, check_layout, meta

COVERAGE = ["substantial", "few", "virtually-none"]
COVERAGE_NAMES = [analysis.COVERAGE_LABELS[c] for c in COVERAGE]
PER_AREA = 20  # topics per area a reader can scan; past that the data table lists the rest
VERDICT_PX = 112  # room right of the longest bar for the verdict's words ("A body of studies", 11 px)
LINE = 15


def research_landscape(ev, layout: str = "wide") -> alt.LayerChart:
    check_layout(layout)
    topics = analysis.topic_coverage(ev.topics, ev.evidence)
    table = analysis.landscape_rows(topics, per_area=PER_AREA)
    capped = bool(len(table) and (table["shown"] < table["total"]).any())
    width = chars(MIN_WIDTH[layout] - 4, 12)
    table = table.assign(
        name_lines=[analysis.wrap(t if k == "head" else f"{t} ({w} work{'s' if w != 1 else ''} cited)", width)
                    for k, t, w in zip(table["kind"], table["label"], table["works"])],
        note=[("" if k == "head" else v) for k, v in zip(table["kind"], table["coverage_label"])],
        spoken=[(a if k == "head" else f"{lbl}: {v.lower()}, according to the paper; {w} work{'s' if w != 1 else ''} "
                 "cited") for k, a, lbl, v, w in zip(table["kind"], table["area_label"], table["label"],
                                                     table["coverage_label"], table["works"])])
    most_lines = int(table["name_lines"].map(len).max()) if len(table) else 1
    step = 22 + LINE * most_lines
    pick = alt.selection_point(name="topic", fields=["id"], on="click", clear=False, toggle=False, empty=False)
    tooltip = [alt.Tooltip("area_label:N", title="Research area"), alt.Tooltip("label:N", title="Topic"),
               alt.Tooltip("coverage_label:N", title="The paper's view of the evidence"),
               alt.Tooltip("works:Q", title="Works the review cites"),
               alt.Tooltip("coverage_note:N", title="Note")]
    n_rows = max(len(table), 1)
    # rows exactly `step` apart (no band padding), so each bar can sit right under its own topic's name
    y = alt.Y("row:O", title=None, axis=None,
              scale=alt.Scale(domain=list(range(n_rows)), paddingInner=0, paddingOuter=0))
    base = alt.Chart(table).encode(y=y)
    # offsets from the row's centre, in terms of the row's height, so rows shortened for print keep each
    # bar under its name (the text keeps its size)
    bar_px = "(bandwidth('y') / 2 - 13)"
    bar_y = alt.expr(bar_px)
    # an area's heading sits low in its row, near its first topic, with the space above it
    heads = base.transform_filter("datum.kind === 'head'").mark_text(
        align="left", baseline="middle", fontSize=13, fontWeight=700, yOffset=alt.expr(f"{bar_px} - 4"), aria=False).encode(
        x=alt.value(0), text="label:N", description=alt.Description("spoken:N"))
    items = base.transform_filter("datum.kind === 'item'")
    # each name ends just above its own bar (a name of fewer lines leaves its space above, after the previous
    # row's bar), so no bar is read with the next topic's name
    names = items.mark_text(align="left", baseline="top", fontSize=12, lineHeight=LINE,
                            yOffset=alt.expr(f"{bar_px} - 6 - {LINE} * length(datum.name_lines)"),
                            aria=False).encode(x=alt.value(0), text="name_lines:N")
    bars = items.mark_bar(cornerRadius=2, strokeWidth=1.5, height=11, yOffset=bar_y, aria=False).encode(
        x=alt.X("verdict:Q", title="The paper's verdict", axis=None,
                scale=alt.Scale(domain=[0, 3], range=[0, alt.expr(f"max(width - {VERDICT_PX}, 60)")])),
        fillOpacity=alt.FillOpacity("coverage_label:N", title="The paper's verdict", legend=None,
                                    scale=alt.Scale(domain=COVERAGE_NAMES, range=[0.9, 0.45, 0.15])),
        strokeDash=alt.StrokeDash("coverage_label:N", title="The paper's verdict", legend=None,
                                  scale=alt.Scale(domain=COVERAGE_NAMES, range=[[1, 0], [4, 2], [2, 2]])),
        # one colour, the theme's plain mark colour, for fill and outline (the outline carries the dashes)
        color=alt.Color("kind:N", scale=alt.Scale(domain=["item"], range="category"), legend=None),
        stroke=alt.Stroke("kind:N", scale=alt.Scale(domain=["item"], range="category"), legend=None),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.4), empty=True),
    )
    notes = items.mark_text(align="left", baseline="middle", dx=6, yOffset=bar_y, fontSize=11,
                            fontStyle=alt.expr("datum.verdict < 3 ? 'italic' : 'normal'"), aria=False).encode(
        x=alt.X("verdict:Q"), text="note:N")
    # the selectable target: each topic's whole row (name, bar and note), drawn on top, invisible
    hit = items.mark_rect(opacity=0.001, height=alt.RelativeBandSize(0.95), cursor="pointer").encode(
        x=alt.value(0), x2=alt.value("width"), description=alt.Description("spoken:N"), tooltip=tooltip,
    ).add_params(pick).properties(name=TARGET)
    shown = table[table["kind"] == "item"]
    panel = details.panel(
        "topic", fields=["id"], heading="Evidence for the selected topic", url_key="topic", control="Topic",
        rows=details.evidence_rows(ev, "topic"),
        choices=[{"value": r["id"], "label": f"{r['label']} ({r['area_label']})"} for _, r in shown.iterrows()],
        empty="Select a topic's bar, or choose a topic from the list, to read the evidence for it here.")
    chart = alt.layer(heads, names, bars, notes, hit).properties(width="container", height=step * n_rows)
    subtitle = ["The bar shows what the paper says of the evidence for each topic, from virtually none to a body "
                "of studies; after each topic, the number of works the review itself cites for it."]
    if capped:
        subtitle.append(f"Showing the first {PER_AREA} topics of each area, of {len(topics)} topics in all.")
    return chart.properties(
        title=chart_title("The research landscape: three areas and their main topics", subtitle=subtitle,
                          layout=layout),
        description=("Chart of the main research topics of the review's Table 2, listed under their research area "
                     "(environmental management, work conditions, poverty reduction). Each topic's bar shows the "
                     "paper's verdict on the evidence for it: a short, pale, dotted bar for virtually none, a "
                     "middle, dashed one for few studies and a full, solid one for a body of studies; the number of "
                     "works the review cites for the topic is written after its name."),
        usermeta=meta("research-landscape", "Research landscape",
                      [("area_label", "Research area"), ("label", "Topic"), ("works", "Works the review cites"),
                       ("coverage_label", "The paper's view of the evidence"), ("coverage_note", "Note")],
                      hint="Select a topic (click, tap, or the list below the chart) to read its evidence.",
                      palette={"category": ["plain"]}, layout=layout, details=[panel]),
    ).configure_range(category=theme.palette_range(["plain"]))
