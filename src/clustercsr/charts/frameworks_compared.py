"""Chart 9: which factors each reviewed framework takes into account, against the paper's own model."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details, theme
from clustercsr.charts.common import FIT_X, MIN_WIDTH, TARGET, chart_title, chars, check_layout, meta, rotated_room

MOST_FRAMEWORKS, MOST_FACTORS = 12, 40  # past these the grid cannot be read (nor drawn by vl-convert at 100x)
SEP = "|"


def frameworks_compared(ev, layout: str = "wide") -> alt.LayerChart:
    check_layout(layout)
    frameworks, links, n_frameworks, n_factors = analysis.framework_subset(
        ev.frameworks, ev.framework_factors, MOST_FRAMEWORKS, MOST_FACTORS)
    grid = analysis.framework_grid(frameworks, links, ev.factors, analysis.citation_labels(ev.references))
    head_chars = 12 if layout == "narrow" else 16
    fac_chars = chars(MIN_WIDTH[layout] * (0.5 if layout == "narrow" else 0.42) - 10)
    grid = grid.assign(
        header_axis=[SEP.join(analysis.wrap(h, head_chars)) for h in grid["framework_header"]],
        factor_axis=[SEP.join(analysis.wrap(f, fac_chars)) for f in grid["factor"]],
        spoken=[f"{fw} {'takes' if c else 'does not take'} {f.lower() if f[:1].isupper() and f[1:2].islower() else f}"
                f" into account" for fw, f, c in zip(grid["framework"], grid["factor"], grid["covered"])])
    headers = list(dict.fromkeys(grid["header_axis"]))
    factors = list(dict.fromkeys(grid["factor_axis"]))
    most_lines = max([len(f.split(SEP)) for f in factors] or [1])
    tooltip = [alt.Tooltip("framework:N", title="Framework"), alt.Tooltip("factor:N", title="Factor"),
               alt.Tooltip("status:N", title="Takes it into account?"), alt.Tooltip("note:N", title="Note")]
    base = alt.Chart(grid).encode(
        x=alt.X("header_axis:N", sort=headers, scale=alt.Scale(domain=headers), title="Framework",
                axis=alt.Axis(orient="top", labelAngle=-40, labelAlign="left", labelBaseline="middle",
                              labelFontWeight=600, ticks=False, domain=False, title=None,
                              labelExpr=f"datum.value ? split(datum.value, '{SEP}') : ''",
                              description="Frameworks, named by their authors, and this review's own model")),
        y=alt.Y("factor_axis:N", sort=factors, scale=alt.Scale(domain=factors), title="Factor",
                axis=alt.Axis(title=None, labelExpr=f"datum.value ? split(datum.value, '{SEP}') : ''",
                              description="The factors of the model")),
        tooltip=tooltip,
    )
    band = base.transform_filter("datum.framework_kind === 'this-paper'").mark_rect(
        opacity=0.12, width=alt.RelativeBandSize(1), height=alt.RelativeBandSize(1), aria=False)
    status = ["covered", "not covered"]
    legend = alt.Legend(orient="top", title=None, direction="vertical" if layout == "narrow" else "horizontal",
                        labelExpr="datum.value === 'covered' ? 'takes the factor into account' : 'does not'")
    # a click or tap on any cell selects its framework, and the HTML panel lists what it covers, with our notes
    pick = alt.selection_point(name="framework", fields=["framework_id"], on="click", clear=False, toggle=False,
                               empty=False)
    marks = base.mark_point(filled=True, shape="circle", aria=False).encode(
        size=alt.Size("status:O", sort=status, scale=alt.Scale(domain=status, range=[170, 28]), legend=legend,
                      title="Takes it into account?"),
        opacity=alt.Opacity("status:O", sort=status, scale=alt.Scale(domain=status, range=[1, 0.4]), legend=legend,
                            title="Takes it into account?"),
        strokeWidth=alt.condition(pick, alt.value(2), alt.value(0)), stroke=alt.value("currentColor"),
    )
    hit = base.mark_rect(opacity=0.001, cursor="pointer", width=alt.RelativeBandSize(1),
                         height=alt.RelativeBandSize(1)).encode(
        description=alt.Description("spoken:N")).add_params(pick).properties(name=TARGET)
    rows = [{"framework_id": r["framework_id"], "label": r["factor"],
             "about": "takes it into account" if r["status"] == "covered" else "does not take it into account",
             "finding": r["note"] if isinstance(r.get("note"), str) else ""} for _, r in grid.iterrows()]
    panel = details.panel(
        "framework", fields=["framework_id"], heading="What the selected framework takes into account",
        url_key="framework", control="Framework", rows=rows, noun=("factor", "factors"),
        choices=details.options(grid, "framework_id", "framework"),
        empty="Select a column (or a framework from the list) to read, factor by factor, what it covers.",
        columns=[("label", "Factor"), ("about", "Takes it into account?"), ("finding", "Our note")])
    subtitle = ["Reviewed frameworks, named by their authors, then the review's own model in the shaded last "
                "column; a large dot marks a factor the framework takes into account."]
    if len(frameworks) < n_frameworks or grid["factor_id"].nunique() < n_factors:
        subtitle.append(f"Showing {len(frameworks)} of {n_frameworks} frameworks and the "
                        f"{grid['factor_id'].nunique()} factors most of them cover, of {n_factors}.")
    return alt.layer(band, marks, hit).properties(
        width="container", height=(14 * most_lines + 12) * max(len(factors), 1), autosize=FIT_X,
        padding={"left": 5, "top": 5, "bottom": 5,
                 "right": rotated_room([l for h in headers[-1:] for l in h.split(SEP)], 12)},
        title=chart_title("Which factors each framework takes into account", subtitle=subtitle, layout=layout),
        description=("Grid of the theoretical frameworks the review discusses (columns, headed by their authors), "
                     "with the review's own "
                     "conceptual model as the last, shaded column, against the factors of the model (rows). A large "
                     "dot marks a factor the paper's account of the framework covers; a small faint dot marks one "
                     "it does not. Tooltips carry our note on each covered pairing."),
        usermeta=meta("frameworks-compared", "Frameworks compared",
                      [("framework", "Framework"), ("factor", "Factor"), ("status", "Takes it into account?"),
                       ("note", "Note")],
                      hint="Select a framework (click or tap a column, or the list below the chart) to read what it "
                           "covers; point at a dot for the framework's full name and our note.",
                      palette={"category": ["plain"]}, layout=layout, details=[panel]),
    ).configure_range(category=theme.palette_range(["plain"]))
