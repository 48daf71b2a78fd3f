"""What every builder shares: metadata the renderer reads, and the linked evidence list."""
from __future__ import annotations

import altair as alt
import pandas as pd


def meta(name: str, title: str, table: list[tuple[str, str]]) -> dict:
    """usermeta read by the renderer: file name, title, and the data table's fields with their headings."""
    return {"clustercsr": {"name": name, "title": title, "table": [list(t) for t in table]}}


def evidence_list(rows: pd.DataFrame, selection: alt.Parameter, prompt: str, width="container") -> alt.Chart:
    """The evidence (work, cluster, finding) about the selected item only; empty until something is selected."""
    return alt.Chart(rows).transform_filter(selection).transform_window(
        row="row_number()", sort=[alt.SortField("citation")]
    ).transform_calculate(
        line="datum.citation + (datum.cluster ? ' · ' + datum.cluster : '') + ' — ' + datum.finding"
    ).mark_text(align="left", baseline="middle", limit=2000).encode(
        y=alt.Y("row:O", axis=None),
        text="line:N",
        tooltip=[alt.Tooltip("citation:N", title="Work"), alt.Tooltip("cluster:N", title="Cluster"),
                 alt.Tooltip("finding:N", title="Finding")],
    ).properties(width=width, title=alt.TitleParams("Evidence for the selected factor", subtitle=prompt, fontSize=13))
