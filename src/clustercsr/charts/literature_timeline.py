"""Chart 4: the cited works by year, stacked by type or theme; select years to list their works."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details, theme
from clustercsr.charts.common import TARGET, chart_title, check_layout, meta

PALETTE = ["work", "theme"]  # one colour scale: the types of work, then the themes, each in its own colours


def literature_timeline(ev, layout: str = "wide") -> alt.VConcatChart:
    check_layout(layout)
    narrow = layout == "narrow"
    labels = analysis.citation_labels(ev.references)
    works = analysis.works_timeline(ev.references, ev.evidence, labels)
    totals = analysis.works_per_year(works)
    years = works.loc[works["year_label"] != "forthcoming", "year_pos"]
    first, last = (int(years.min()), int(years.max())) if len(years) else (2000, 2000)
    forthcoming = works.loc[works["year_label"] == "forthcoming", "year_pos"]
    end = int(forthcoming.iloc[0]) if len(forthcoming) else last
    every = 10 if narrow else 5
    ticks = [y for y in range(first, last + 1) if y % every == 0] + ([end] if len(forthcoming) else [])
    label_expr = (f"datum.value == {end} ? ['forth-', 'coming'] : datum.value" if len(forthcoming) and narrow
                  else f"datum.value == {end} ? 'forthcoming' : datum.value" if len(forthcoming) else "datum.value")

    stack_by = alt.param(name="stack_by", value="type",
                         bind=alt.binding_radio(options=["type", "theme"], labels=["Type of work", "Theme"],
                                                name="Stack by: "))
    years_brush = alt.selection_interval(name="years", encodings=["x"], empty=False)
    year_bin = alt.Bin(step=1, extent=[first - 0.5, end + 0.5], nice=False)
    bars = alt.Chart(works).transform_calculate(
        group="stack_by == 'type' ? datum.type_group : datum.theme",
        stack_rank="stack_by == 'type' ? datum.type_order : datum.theme_order",
        spoken="datum.label + ', ' + datum.year_label + ': ' + (stack_by == 'type' ? datum.type_group : datum.theme)",
    ).mark_bar(binSpacing=2).encode(
        x=alt.X("year_pos:Q", bin=year_bin, title="Year of publication",
                axis=alt.Axis(values=ticks, labelExpr=label_expr, format="d", labelFlush=True, labelOverlap=False)),
        y=alt.Y("count():Q", title="Works", stack="zero", axis=None,
                scale=alt.Scale(domain=[0, int(totals["works"].max()) + 1 if len(totals) else 1])),
        detail=alt.Detail("key:N", title="Work"),
        order=alt.Order("stack_rank:Q", title="Stacking order"),
        color=alt.Color("group:N", title=None, scale=alt.Scale(domain=theme.domain(*PALETTE), range="category"),
                        sort=alt.SortField("stack_rank"),
                        legend=None),  # the key above follows the stacking (a legend would list both)
        opacity=alt.condition(years_brush, alt.value(1), alt.value(0.35), empty=True),
        description=alt.Description("spoken:N"),
        tooltip=[alt.Tooltip("label:N", title="Work"), alt.Tooltip("title:N", title="Title"),
                 alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("group:N", title="Type or theme")],
    ).add_params(stack_by, years_brush)
    # the area a drag (or swipe) across years starts in: the whole plot, one target far above 24x24 px
    area = alt.Chart().mark_rect(opacity=0.001, aria=False, cursor="crosshair").encode(
        x=alt.value(0), x2=alt.value("width"), y=alt.value(0), y2=alt.value("height"),
    ).properties(name=TARGET)
    # the number of works above each year's bar stands in for a y axis, which would not fit a phone
    counts = alt.Chart(totals).transform_calculate(
        spoken="datum.year_label + ': ' + datum.works + (datum.works == 1 ? ' work' : ' works')",
    ).mark_text(baseline="bottom", dy=-3, fontSize=10 if narrow else 11).encode(
        x=alt.X("year_pos:Q", bin=year_bin, title="Year of publication"),
        y=alt.Y("works:Q", title="Works"), text=alt.Text("works:Q", format="d"),
        description=alt.Description("spoken:N"),
        tooltip=[alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("works:Q", title="Works cited")])
    bars = alt.layer(area, bars, counts).properties(width="container", height=200 if narrow else 220)
    cols = 1 if narrow else 2
    entries = [{"mode": mode, "group": g, "col": i % cols, "row": i // cols}
               for mode, meaning in (("type", "work"), ("theme", "theme")) for i, g in enumerate(theme.DOMAINS[meaning])]
    key_base = alt.Chart(alt.InlineData(values=entries)).transform_filter("datum.mode === stack_by").encode(
        x=alt.X("col:O", axis=None, title=None, bandPosition=0, scale=alt.Scale(paddingOuter=0, align=0)),
        y=alt.Y("row:O", axis=None, title=None))
    key = alt.layer(
        key_base.mark_point(shape="square", filled=True, size=110, xOffset=6, aria=False).encode(
            color=alt.Color("group:N", scale=alt.Scale(domain=theme.domain(*PALETTE), range="category"), legend=None)),
        key_base.mark_text(align="left", baseline="middle", dx=16, fontSize=12).encode(
            text="group:N", description=alt.Description("group:N")),
    ).properties(width="container", height=18 * (5 // cols + (5 % cols > 0)))
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
    chart = alt.vconcat(key, bars, spacing=12)
    # the brush belongs to the bars' view only (listing the hit area's view too would declare it twice)
    for param in chart.params:
        if param.name == "years":
            param.views = [chart.vconcat[1].layer[1].name]
    return chart.properties(
        title=chart_title("When the works the review cites appeared",
                          subtitle=[f"{len(works)} works from the review's reference list by year; each block "
                                    "is one work, coloured by type of work or by theme.",
                                    "Forthcoming works (no year yet) have their own bar at the right."],
                          layout=layout),
        description=("Timeline of the works in the review's reference list (the review itself is left out), one "
                     "block per work stacked by year of publication. A control switches the stacking between the "
                     "type of work (journal article, book, book chapter, report or paper, other) and the work's "
                     "dominant theme among the review's findings that cite it; works cited as forthcoming form their "
                     "own bar after the last year."),
        usermeta=meta("literature-timeline", "Literature timeline",
                      [("label", "Work"), ("title", "Title"), ("year_label", "Year"), ("type_group", "Type of work"),
                       ("theme", "Dominant theme")],
                      hint="Choose the stacking with the buttons; drag across the years (or choose them from the "
                           "lists below the chart) to list their works.",
                      palette={"category": PALETTE}, layout=layout, details=[panel]),
    ).configure_range(category=theme.palette_range(PALETTE))
