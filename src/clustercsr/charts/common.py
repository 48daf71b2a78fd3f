"""What every builder shares: metadata the renderer reads, and the linked list of evidence (or works)."""
from __future__ import annotations

import altair as alt
import pandas as pd

LIST_STEP = 17  # pixels per line of a linked list


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
    ).properties(width=width, height=alt.Step(LIST_STEP),
                 title=alt.TitleParams(title, subtitle=prompt, fontSize=13, subtitleFontSize=12))


def evidence_list(lines: pd.DataFrame, selection: alt.Parameter, prompt: str, title: str = "Evidence",
                  width="container") -> alt.Chart:
    """The evidence (work, cluster, finding) about the selected item only; empty until something is selected."""
    return linked_list(lines, selection, title, prompt, width=width,
                       tooltip=[alt.Tooltip("finding:N", title="Finding")])


def count_axis(largest: int, **kw) -> alt.Axis:
    """An axis of whole counts: integer labels only, and few enough ticks that small counts do not repeat."""
    return alt.Axis(format="d", tickMinStep=1, tickCount=int(min(max(largest, 1), 5)), **kw)


def chart_title(title: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
    return alt.TitleParams(title, subtitle=subtitle) if subtitle else alt.TitleParams(title)
