"""Chart 5: Table 2's research areas and topics, the works cited for each, and where the paper finds them thin."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import TARGET, chart_title, count_axis, described, meta

COVERAGE = ["substantial", "few", "virtually-none"]
COVERAGE_NAMES = [analysis.COVERAGE_LABELS[c] for c in COVERAGE]
COVERAGE_TITLE = "The paper's verdict"


def research_landscape(ev) -> alt.LayerChart:
    topics = analysis.topic_coverage(ev.topics, ev.evidence)
    largest = int(topics["works"].max()) if len(topics) else 1
    areas = [analysis.AREA_LABELS[a] for a in analysis.THEMES]
    pick = alt.selection_point(name="topic", fields=["id"], on="click", clear=False, toggle=False, empty=False)
    tooltip = [alt.Tooltip("area_label:N", title="Research area"), alt.Tooltip("label:N", title="Topic"),
               alt.Tooltip("works:Q", title="Works the review cites"),
               alt.Tooltip("coverage_label:N", title="The paper's view of the evidence"),
               alt.Tooltip("coverage_note:N", title="Note")]
    coverage_legend = alt.Legend(orient="top", direction="vertical", symbolType="square", symbolSize=220,
                                 symbolStrokeWidth=1.5, symbolFillColor="transparent")
    base = alt.Chart(topics).encode(
        y=alt.Y("label:N", sort=topics["label"].tolist(), title=None, axis=None),
        tooltip=tooltip,
    )
    names = base.mark_text(align="left", baseline="middle", yOffset=-8, fontSize=12, aria=False,
                           limit=alt.expr("max(width, 200)")).encode(x=alt.value(0), text="label:N")
    bars = base.mark_bar(cornerRadius=2, strokeWidth=1.5, height=12, yOffset=7, aria=False).encode(
        x=alt.X("works:Q", title="Works the review cites", axis=count_axis(largest),
                scale=alt.Scale(domain=[0, largest * 1.25 + 0.5], nice=False)),
        color=alt.Color("area_label:N", title="Research area", scale=alt.Scale(domain=areas),
                        legend=alt.Legend(orient="top", direction="vertical")),
        stroke=alt.Stroke("area_label:N", title="Research area", scale=alt.Scale(domain=areas),
                          legend=alt.Legend(orient="top", direction="vertical")),
        fillOpacity=alt.FillOpacity("coverage_label:O", title=COVERAGE_TITLE, legend=None,
                                    sort=COVERAGE_NAMES,
                                    scale=alt.Scale(domain=COVERAGE_NAMES, range=[0.9, 0.35, 0.1])),
        strokeDash=alt.StrokeDash("coverage_label:O", title=COVERAGE_TITLE, legend=coverage_legend,
                                  sort=COVERAGE_NAMES,
                                  scale=alt.Scale(domain=COVERAGE_NAMES, range=[[1, 0], [4, 2], [2, 2]])),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.4), empty=True),
    )
    notes = base.transform_filter(alt.datum.thin).mark_text(align="left", dx=6, yOffset=7, fontSize=11,
                                                            fontStyle="italic", aria=False).encode(
        x=alt.X("works:Q"), text=alt.Text("coverage_label:N"),
    )
    # the selectable target: each topic's whole row (name, bar and note), drawn on top, invisible
    hit = described(base, tooltip).mark_rect(opacity=0.001, height=alt.RelativeBandSize(0.95), cursor="pointer").encode(
        x=alt.value(0), x2=alt.value("width"),
    ).add_params(pick).properties(name=TARGET)
    panel = details.panel(
        "topic", fields=["id"], heading="Evidence for the selected topic", url_key="topic", control="Topic",
        rows=details.evidence_rows(ev, "topic"),
        choices=[{"value": r["id"], "label": f"{r['label']} ({r['area_label']})"} for _, r in topics.iterrows()],
        empty="Select a topic's bar, or choose a topic from the list, to read the evidence for it here.")
    return alt.layer(names, bars, notes, hit).properties(width="container", height=alt.Step(38)).properties(
        title=chart_title("The research landscape: three areas and their main topics",
                              subtitle=["Bar length counts the works the review cites for a topic. Pale bars with dashed "
                                        "or dotted outlines, and italic notes, mark topics the paper calls thinly "
                                        "studied."]),
        description=("Bar chart of the main research topics of the review's Table 2, coloured by research area "
                     "(environmental management, work conditions, poverty reduction). Each bar's length is the number "
                     "of works the review cites for the topic; topics the paper describes as having few studies or "
                     "virtually none are drawn pale with a dashed outline and labelled. Selecting a topic lists its "
                     "evidence beside the chart."),
        usermeta=meta("research-landscape", "Research landscape",
                      [("area_label", "Research area"), ("label", "Topic"), ("works", "Works the review cites"),
                       ("coverage_label", "The paper's view of the evidence"), ("coverage_note", "Note")],
                      hint="Select a topic (click, tap, or the list below the chart) to read its evidence.",
                      details=[panel]),
    )
