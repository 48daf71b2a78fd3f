"""Chart 4: the cited works by year, stacked by type or theme; brush over years to list the works."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts.common import chart_title, linked_list, meta


def literature_timeline(ev) -> alt.VConcatChart:
    labels = analysis.citation_labels(ev.references)
    works = analysis.works_timeline(ev.references, ev.evidence, labels)
    lines = analysis.work_lines(works)
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
    bars = alt.Chart(works).transform_calculate(
        group="stack_by == 'type' ? datum.type_group : datum.theme",
        group_order="stack_by == 'type' ? datum.type_order : datum.theme_order",
    ).mark_bar(binSpacing=2).encode(
        x=alt.X("year_pos:Q", bin=alt.Bin(step=1, extent=[first - 0.5, end + 0.5], nice=False), title="Year of publication",
                axis=alt.Axis(values=ticks, labelExpr=label_expr, format="d", labelFlush=True, labelOverlap=False)),
        y=alt.Y("count():Q", title=None, stack="zero", axis=None,
                scale=alt.Scale(domain=[0, int(totals["works"].max()) + 1 if len(totals) else 1])),
        detail="key:N",
        order=alt.Order("group_order:Q"),
        color=alt.Color("group:N", title=None, sort=alt.SortField("group_order"),
                        legend=alt.Legend(orient="top", columns=3, symbolType="square")),
        tooltip=[alt.Tooltip("label:N", title="Work"), alt.Tooltip("title:N", title="Title"),
                 alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("group:N", title="Group")],
    ).add_params(stack_by, years_brush)
    # the number of works above each year's bar stands in for a y axis, which would not fit a phone
    counts = alt.Chart(totals).mark_text(baseline="bottom", dy=-3, fontSize=11).encode(
        x=alt.X("year_pos:Q", bin=alt.Bin(step=1, extent=[first - 0.5, end + 0.5], nice=False)),
        y=alt.Y("works:Q"), text=alt.Text("works:Q", format="d"),
        tooltip=[alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("works:Q", title="Works cited")])
    bars = alt.layer(bars, counts).properties(width="container", height=220)
    listing = linked_list(lines, years_brush, "Works in the selected years",
                          "Drag across the years to list their works; click outside the selection to clear.",
                          tooltip=[alt.Tooltip("title:N", title="Title")])
    return alt.vconcat(bars, listing, spacing=24).properties(
        title=chart_title("When the works the review cites appeared",
                              subtitle=[f"{len(works)} works from the review's reference list by year; each block "
                                        "is one work. Switch between type of work and theme.",
                                        "Forthcoming works (no year yet) have their own bar at the right."]),
        description=("Timeline of the works in the review's reference list (the review itself is left out), one "
                     "block per work stacked by year of publication. A control switches the stacking between the "
                     "type of work (journal article, book, book chapter, report or paper, other) and the work's "
                     "dominant theme among the review's findings that cite it; works cited as forthcoming form their "
                     "own bar after the last year. Dragging across years lists those works below."),
        usermeta=meta("literature-timeline", "Literature timeline",
                      [("label", "Work"), ("title", "Title"), ("year_label", "Year"), ("type_group", "Type of work"),
                       ("theme", "Dominant theme")]),
    )
