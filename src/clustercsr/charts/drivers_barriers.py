"""Chart 1: each driver set against the barrier we pair it with (our pairing: Table 1 lists the two unpaired); select
a bar to list the evidence behind it."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis
from clustercsr.charts import details, theme
from clustercsr.charts.common import (MIN_WIDTH, TARGET, chart_title, chars, check_layout, count_axis, described,
                                      meta)

LEVELS = analysis.LEVELS
MAX_PAIRS = 40  # more rows than a reader can scan: the chart keeps the pairs with the most works
LINE = 15  # px per line of a factor's name


def drivers_barriers(ev, table1_only: bool = False, layout: str = "wide") -> alt.LayerChart:
    """table1_only=True keeps the six pairs of the paper's Table 1 (a compact form, e.g. for a brief)."""
    check_layout(layout)
    factors = ev.factors[ev.factors["in_table1"]] if table1_only else ev.factors
    pairs = analysis.factor_pairs(factors, ev.evidence)
    n_pairs = pairs["pair_key"].nunique()
    shown = pairs
    if n_pairs > MAX_PAIRS:
        keep = list(dict.fromkeys(pairs.sort_values("pair_rank")["pair_key"]))[:MAX_PAIRS]
        shown = pairs[pairs["pair_key"].isin(keep)]
    # each name wraps to the half of the narrowest container it must fit (no name is cut short), one line per
    # slot, so that a long name takes more room and a short one none
    shown, name_rows, n_slots = analysis.pair_slots(shown, chars(MIN_WIDTH[layout] / 2 - 14))
    shown = shown.assign(spoken=[f"{lbl}: {kind} at {lvl} level, {w} work{'s' if w != 1 else ''} cited"
                                 for lbl, kind, lvl, w in zip(shown["label"], shown["kind"], shown["level"],
                                                              shown["works"])])
    name_rows = name_rows.merge(shown[["id", "label", "level", "works"]], on="id")
    largest = int(shown["works"].max()) if len(shown) else 1
    # a click or tap on a factor's half-row selects it; one on empty space clears it (no double-click needed)
    pick = alt.selection_point(name="factor", fields=["id"], on="click", clear=False, empty=False, toggle=False)
    y = alt.Y("slot:O", scale=alt.Scale(domain=list(range(n_slots)), paddingInner=0, paddingOuter=0),
              title="Row", axis=None)
    tooltip = [alt.Tooltip("label:N", title="Factor"), alt.Tooltip("kind:N", title="Driver or barrier"),
               alt.Tooltip("level:N", title="Level"), alt.Tooltip("works:Q", title="Works the review cites")]
    bars = alt.Chart(shown).mark_bar(cornerRadius=2, height=11, aria=False).encode(
        y=y,
        x=alt.X("signed_works:Q", title="Works the review cites",
                scale=alt.Scale(domain=[-largest, largest]),
                axis=count_axis(largest, labelExpr="abs(datum.value)")),
        color=alt.Color("level:N", scale=alt.Scale(domain=theme.domain("level"), range="category"),
                        title="Level at which the factor works",
                        legend=alt.Legend(orient="top", direction="horizontal",
                                          columns=2 if layout == "narrow" else 4, titleOrient="top")),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.4), empty=True),
    )
    # each name sits above its own bar, beside the zero line: barriers to the left, drivers to the right;
    # the hit area carries the accessible name, so the text is left out of the accessibility tree
    names = [alt.Chart(name_rows).transform_filter(test).mark_text(
        align=align, baseline="middle", dx=dx, fontSize=12, aria=False,
    ).encode(y=y, x=alt.datum(0), text="text:N")
        for test, align, dx in (("datum.kind === 'driver'", "left", 4), ("datum.kind !== 'driver'", "right", -4))]
    zero = alt.Chart().mark_rule(strokeWidth=1, aria=False).encode(x=alt.datum(0))
    # the selectable target: each factor's whole half-row (its name's lines and its bar, at least two slots of
    # LINE px), drawn on top, invisible, carrying the tooltip, the selection and the spoken description
    n_lines = name_rows.groupby("id")["slot"].min()
    hit_rows = shown.assign(top=[int(n_lines.get(i, s)) for i, s in zip(shown["id"], shown["slot"])],
                            edge=[largest if k == "driver" else -largest for k in shown["kind"]])
    hit = alt.Chart(hit_rows).mark_rect(opacity=0, cursor="pointer").encode(
        y=alt.Y("top:O", bandPosition=0, scale=alt.Scale(domain=list(range(n_slots)), paddingInner=0,
                                                          paddingOuter=0), title="Row", axis=None),
        y2=alt.Y2("slot:O", bandPosition=1), x=alt.X("edge:Q"), x2=alt.datum(0),
        description=alt.Description("spoken:N"), tooltip=tooltip,
    ).add_params(pick).properties(name=TARGET)
    chart = alt.layer(bars, *names, zero, hit).properties(width="container", height=alt.Step(LINE))
    panel = details.panel(
        "factor", fields=["id"], heading="Evidence for the selected factor", url_key="factor", control="Factor",
        rows=details.evidence_rows(ev, "factor"),
        choices=[{"value": r["id"], "label": f"{r['label']} ({r['kind']})"} for _, r in shown.iterrows()],
        empty="Select a bar, or choose a factor from the list, to read the evidence for it here.",
        columns=[("label", "Work"), ("cluster", "Cluster"), ("finding", "Finding"), ("locator", "Where")])
    subtitle = ["Each row sets a barrier (left) against the driver we pair it with (right; our pairing), each named "
                "above its bar; bar length counts the works the review cites."]
    if len(shown) < len(pairs):
        subtitle.append(f"Showing the {shown['pair_key'].nunique()} pairs with the most works, of {n_pairs}.")
    return chart.properties(
        title=chart_title("Drivers of and barriers to CSR in developing-country clusters", subtitle=subtitle,
                          layout=layout),
        description=("Diverging bar chart of the drivers of CSR adoption in developing-country clusters (to the "
                     "right) and the barriers we pair with them (to the left; the pairing is ours, since the paper's "
                     "Table 1 lists the two unpaired), each named above its bar. "
                     "Each bar's length is the number of works the review cites for that factor, a count of "
                     "citations rather than a measure of the strength of the evidence, and its colour is the level "
                     "at which the factor works (our classification)."),
        usermeta=meta("drivers-barriers", "Drivers and barriers",
                      [("label", "Factor"), ("kind", "Driver or barrier"), ("level", "Level"),
                       ("works", "Works the review cites")],
                      hint="Select a bar (click, tap, or the list below the chart) to read its evidence.",
                      palette={"category": ["level"]}, layout=layout, details=[panel]),
    ).configure_range(category=theme.palette_range(["level"]))
