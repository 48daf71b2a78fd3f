"""What every builder shares: metadata the renderer reads, titles, axes, and the name of selectable marks."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis

# A single view with width="container" takes a numeric height: Vega-Lite warns in the browser console when
# a container-width view has a step (discrete) height.

# Views whose name contains this are the chart's selectable marks (hit areas at least 24×24 px): the browser
# tests find them by it, and their tooltips and ARIA descriptions are the ones a reader meets.
TARGET = "cc_target"


def meta(name: str, title: str, table: list[tuple[str, str]], *, hint: str | None = None,
         details: list[dict] | None = None, **extra) -> dict:
    """usermeta read by the renderer: file name, title, the data table's fields with their headings, and (for
    interactive charts) the interaction hint and the HTML details panels (see charts/details.py)."""
    out = {"name": name, "title": title, "table": [list(t) for t in table]}
    if hint:
        out["hint"] = hint
    if details:
        out["details"] = details
    out.update(extra)
    return {"clustercsr": out}


def label_limit(share: float, most: int) -> alt.ExprRef:
    """An axis label limit of `share` of the chart's container, at least 80 px and at most `most` px (and
    `most` in static exports, which have no container), so a narrow screen still leaves room to plot."""
    return alt.expr(f"isFinite(containerSize()[0]) ? clamp(containerSize()[0] * {share}, 80, {most}) : {most}")


def count_axis(largest: int, **kw) -> alt.Axis:
    """An axis of whole counts: integer labels only, and few enough ticks that small counts do not repeat."""
    return alt.Axis(format="d", tickMinStep=1, tickCount=int(min(max(largest, 1), 5)), **kw)


TITLE_WIDTH = 36  # characters per title line: titles do not wrap by themselves, and must fit a phone
SUBTITLE_WIDTH = 56


def chart_title(title: str, subtitle: str | list[str] | None = None, **kw) -> alt.TitleParams:
    """A title and subtitle broken into lines short enough for a 375 px screen."""
    lines = analysis.wrap(title, TITLE_WIDTH)
    if subtitle:
        text = " ".join(subtitle) if isinstance(subtitle, list) else subtitle
        kw["subtitle"] = analysis.wrap(text, SUBTITLE_WIDTH)
    return alt.TitleParams(lines if len(lines) > 1 else lines[0], **kw)


def described(chart: alt.Chart, tooltip: list) -> alt.Chart:
    """The chart with an ARIA description per mark in human words, built from its tooltip's titles ("Factor:
    Business associations; Works the review cites: 12"), so a screen reader never hears a field's internal
    name (Vega-Lite's default description lists every encoded field, e.g. "pair_key: …")."""
    parts = []
    for tip in tooltip:
        d = tip.to_dict() if hasattr(tip, "to_dict") else dict(tip)
        field, title = d["field"], d.get("title") or d["field"]
        value = f"datum[{field!r}]"
        if d.get("format"):
            value = f"format({value}, {d['format']!r})"
        parts.append(f"(isValid(datum[{field!r}]) && datum[{field!r}] !== '' ? '; ' + {title!r} + ': ' + {value} : '')")
    expr = "replace(" + " + ".join(parts) + ", /^; /, '')"
    return chart.transform_calculate(cc_aria=expr).encode(description="cc_aria:N")
