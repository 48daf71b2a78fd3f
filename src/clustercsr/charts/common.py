"""What every builder shares: metadata the renderer reads, layouts by width, titles, labels and the name of selectable marks."""
from __future__ import annotations

import altair as alt

from clustercsr import analysis

# A single view with width="container" takes a numeric height: Vega-Lite warns in the browser console when
# a container-width view has a step (discrete) height.

# Views whose name contains this are the chart's selectable marks (hit areas at least 24x24 px): the browser
# tests find them by it, and their tooltips and ARIA descriptions are the ones a reader meets.
TARGET = "cc_target"

# Two layouts, chosen by the container's width (PLAN contract 1): "narrow" for containers up to 480 px (a phone,
# down to 320 px screens: a 288 px column), "wide" for anything wider (the desktop column is about 680 px).
LAYOUTS = ("wide", "narrow")
NARROW_MAX = 480
# the narrowest container each layout must read at, and the width its static SVG is drawn at
MIN_WIDTH = {"wide": 481, "narrow": 288}
STATIC_WIDTH = {"wide": 640, "narrow": 340}
# characters per title and subtitle line that fit the narrowest container of each layout (16 px bold title,
# 12 px subtitle, Arial metrics: about 0.58 and 0.52 em per character of running text)
TITLE_CHARS = {"wide": 50, "narrow": 29}
SUBTITLE_CHARS = {"wide": 74, "narrow": 44}


def check_layout(layout: str) -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    return layout


def chars(px: float, font_size: float = 12, em: float = 0.55) -> int:
    """How many characters of running text fit in `px` pixels at `font_size` (Arial metrics, with a margin)."""
    return max(8, int(px / (font_size * em)))


def lines(texts, width: int) -> list[list[str]]:
    """Each text wrapped at `width` characters, as a list of lines (Vega draws a list as multi-line text)."""
    return [analysis.wrap(t, width) for t in texts]


def meta(name: str, title: str, table: list[tuple[str, str]], *, hint: str | None = None,
         palette: dict | None = None, layout: str = "wide", details: list[dict] | None = None, **extra) -> dict:
    """usermeta read by the renderer: file name, title, the data table's fields with their headings, the
    interaction hint (the only place for instructions), the colour meanings the chart draws (theme.config_for)
    and, for the narrow layout, the width its static SVG is drawn at."""
    out = {"name": name, "title": title, "table": [list(t) for t in table]}
    if hint:
        out["hint"] = hint
    if palette:
        out["palette"] = palette
    if details:
        out["details"] = details
    out.update(extra)
    out["layout"] = layout
    out["static_width"] = STATIC_WIDTH[layout]
    return {"clustercsr": out}


# A single or layered view sized to its container fits its axes and legends inside that width; its static
# export (a fixed width) must do the same, so these views say so themselves.
FIT_X = alt.AutoSizeParams(type="fit-x", contains="padding")


def rotated_room(names, font_size: float = 12, angle: float = 40, bold: bool = True) -> int:
    """Pixels that names written at `angle` degrees above a column reach past its right edge (an Arial estimate),
    for padding: Vega's layout does not count rotated labels' full reach."""
    import math

    longest = max((len(n) for n in names), default=0)
    return int(longest * font_size * (0.62 if bold else 0.56) * math.cos(math.radians(angle))) + 6


def count_axis(largest: int, **kw) -> alt.Axis:
    """An axis of whole counts: integer labels only, and few enough ticks that small counts do not repeat."""
    return alt.Axis(format="d", tickMinStep=1, tickCount=int(min(max(largest, 1), 5)), **kw)


def chart_title(title: str, subtitle: str | list[str] | None = None, layout: str = "wide", **kw) -> alt.TitleParams:
    """A title and subtitle broken into lines that fit the narrowest container of the layout."""
    check_layout(layout)
    t_lines = analysis.wrap(title, TITLE_CHARS[layout] if kw.get("fontSize", 16) >= 15 else TITLE_CHARS[layout] + 8)
    if subtitle:
        text = " ".join(subtitle) if isinstance(subtitle, list) else subtitle
        kw["subtitle"] = analysis.wrap(text, SUBTITLE_CHARS[layout])
    return alt.TitleParams(t_lines if len(t_lines) > 1 else t_lines[0], **kw)


def described(chart: alt.Chart, tooltip: list) -> alt.Chart:
    """The chart with an ARIA description per mark in human words, built from its tooltip's titles ("Factor:
    Business associations; Works the review cites: 12"), so a screen reader never hears a field's internal
    name (Vega-Lite's default description lists every encoded field, e.g. "pair_key: ...")."""
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
