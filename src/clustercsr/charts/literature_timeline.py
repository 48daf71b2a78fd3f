"""Chart 4: the cited works by year, stacked by type or theme; brush over years to list the works (in HTML)."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details
from clustercsr.charts.common import TARGET, chart_title, described, meta


def literature_timeline(ev) -> alt.LayerChart:
    labels = analysis.citation_labels(ev.references)
    works = analysis.works_timeline(ev.references, ev.evidence, labels)
    totals = analysis.works_per_year(works)
    years = works.loc[works["year_label"] != "forthcoming", "year_pos"]
    first, last = (int(years.min()), int(years.max())) if len(years) else (2000, 2000)
    forthcoming = works.loc[works["year_label"] == "forthcoming", "year_pos"]
    end = int(forthcoming.iloc[0]) if len(forthcoming) else last
    ticks = [y for y in range(first, last + 1) if y % 5 == 0] + ([end] if len(forthcoming) else [])
    label_expr = (f"datum.value == {end} ? 'forthcoming' : datum.value" if len(forthcoming) else "datum.value")

    stack_by = alt.param(name="stack_by", value="type",
                         bind=alt.binding_radio(options=["type", "theme"], labels=["Type of work", "Theme"],
                                                name="Stack by: "))
    years_brush = alt.selection_interval(name="years", encodings=["x"], empty=False)
    work_tip = [alt.Tooltip("label:N", title="Work"), alt.Tooltip("title:N", title="Title"),
                alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("group:N", title="Group")]
    bars = described(alt.Chart(works).transform_calculate(
        group="stack_by == 'type' ? datum.type_group : datum.theme",
        group_order="stack_by == 'type' ? datum.type_order : datum.theme_order",
    ), work_tip).mark_bar(binSpacing=2).encode(
        x=alt.X("year_pos:Q", bin=alt.Bin(step=1, extent=[first - 0.5, end + 0.5], nice=False), title="Year of publication",
                axis=alt.Axis(values=ticks, labelExpr=label_expr, format="d", labelFlush=True, labelOverlap=False)),
        y=alt.Y("count():Q", title=None, stack="zero", axis=None,
                scale=alt.Scale(domain=[0, int(totals["works"].max()) + 1 if len(totals) else 1])),
        detail="key:N",
        order=alt.Order("group_order:Q"),
        color=alt.Color("group:N", title=None, sort=alt.SortField("group_order"),
                        legend=alt.Legend(orient="top", columns=3, symbolType="square")),
        opacity=alt.condition(years_brush, alt.value(1), alt.value(0.35), empty=True),
        tooltip=work_tip,
    ).add_params(stack_by, years_brush)
    # the area a drag (or swipe) across years starts in: the whole plot, one target far above 24×24 px
    area = alt.Chart().mark_rect(opacity=0.001, aria=False, cursor="crosshair").encode(
        x=alt.value(0), x2=alt.value("width"), y=alt.value(0), y2=alt.value("height"),
    ).properties(name=TARGET)
    # the number of works above each year's bar stands in for a y axis, which would not fit a phone
    count_tip = [alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("works:Q", title="Works cited")]
    counts = described(alt.Chart(totals), count_tip).mark_text(baseline="bottom", dy=-3, fontSize=11).encode(
        x=alt.X("year_pos:Q", bin=alt.Bin(step=1, extent=[first - 0.5, end + 0.5], nice=False)),
        y=alt.Y("works:Q"), text=alt.Text("works:Q", format="d"), tooltip=count_tip)
    year_choices = [{"value": y, "label": "forthcoming" if (len(forthcoming) and y == end) else str(y)}
                    for y in range(first, end + 1) if y <= last or y == end]
    rows = [{"year_pos": int(w["year_pos"]), "citekey": w["key"], "label": w["label"], "about": w["type_group"],
             "year_label": w["year_label"], "title": w["title"]}
            for _, w in works.sort_values(["year_pos", "label"]).iterrows()]
    panel = details.panel(
        "years", kind="interval", fields=["year_pos"], heading="Works from the selected years", url_key="years",
        control="Years", rows=rows, choices=year_choices, noun=("work", "works"),
        empty="Drag across the years (or choose them from the lists) to list their works here.",
        columns=[("label", "Work"), ("year_label", "Year"), ("about", "Type of work"), ("title", "Title")])
    return alt.layer(area, bars, counts).properties(width="container", height=220).properties(
        title=chart_title("When the works the review cites appeared",
                              subtitle=[f"{len(works)} works from the review's reference list by year; each block "
                                        "is one work. Switch between type of work and theme.",
                                        "Forthcoming works (no year yet) have their own bar at the right."]),
        description=("Timeline of the works in the review's reference list (the review itself is left out), one "
                     "block per work stacked by year of publication. A control switches the stacking between the "
                     "type of work (journal article, book, book chapter, report or paper, other) and the work's "
                     "dominant theme among the review's findings that cite it; works cited as forthcoming form their "
                     "own bar after the last year. Dragging across years lists those works beside the chart."),
        usermeta=meta("literature-timeline", "Literature timeline",
                      [("label", "Work"), ("title", "Title"), ("year_label", "Year"), ("type_group", "Type of work"),
                       ("theme", "Dominant theme")],
                      hint="Drag across the years (or choose them from the lists below the chart) to list their works.",
                      details=[panel]),
    )
