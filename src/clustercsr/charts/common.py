"""What every builder shares: metadata the renderer reads, and the linked list of evidence (or works)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from clustercsr import analysis

LIST_STEP = 17  # pixels per line of a linked list
# A single view with width="container" takes a numeric height: Vega-Lite warns in the browser console when
# a container-width view has a step (discrete) height. Views inside a vconcat may use steps.


# Views with this name only make sense interactively; static exports (PDF, SVG, PNG) leave them out.
LINKED_LIST = "cc-linked-list"


def meta(name: str, title: str, table: list[tuple[str, str]]) -> dict:
    """usermeta read by the renderer: file name, title, and the data table's fields with their headings."""
    return {"clustercsr": {"name": name, "title": title, "table": [list(t) for t in table]}}


def linked_list(lines: pd.DataFrame, selection: alt.Parameter, title: str, prompt: str, *,
                tooltip: list | None = None, width="container") -> alt.Chart:
    """The lines (from analysis.evidence_lines or analysis.work_lines) of the selected items only.

    Empty until something is selected: the prompt in the subtitle says how to select. Heading lines are bold.
    """
    tooltip = tooltip or [alt.Tooltip("finding:N", title="Finding")]
    return alt.Chart(lines).transform_filter(selection).transform_window(
        row="row_number()", sort=[alt.SortField("order")]
    ).mark_text(
        align="left", baseline="middle", fontSize=12, limit=alt.expr("max(width - 8, 120)"),
        fontWeight=alt.expr("datum.kind === 'head' ? 600 : 400"),
    ).encode(
        x=alt.value(0),
        y=alt.Y("row:O", axis=None),
        text="text:N",
        tooltip=tooltip,
    ).properties(width=width, height=alt.Step(LIST_STEP), name=LINKED_LIST,
                 title=chart_title(title, prompt, fontSize=13, subtitleFontSize=12))


def evidence_list(lines: pd.DataFrame, selection: alt.Parameter, prompt: str, title: str = "Evidence",
                  width="container") -> alt.Chart:
    """The evidence (work, cluster, finding) about the selected item only; empty until something is selected."""
    return linked_list(lines, selection, title, prompt, width=width,
                       tooltip=[alt.Tooltip("finding:N", title="Finding")])


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
