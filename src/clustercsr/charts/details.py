"""What a selection reveals, as HTML beside the chart: the usermeta "details" the page's chart-details.js reads.

A builder describes each of its selections with `panel(...)` and puts the result in usermeta["clustercsr"]
["details"] (a list). The browser draws, per entry, an HTML panel (heading, aria-live region, clear button),
a keyboard control bound to the same Vega param, a "Copy link" button, and lists the rows whose `key` fields
match the selection. The renderer moves the rows out of the page into a shared data file (`externalize`) and
writes the same rows as a static table inside the chart's data table (`static_table`), so a reader without
JavaScript can read them too.

Rows are plain dicts. Evidence rows (`evidence_rows`) carry citekey, label (author-year), cluster, finding and
locator (when the evidence table has one); other rows may carry any of: label, citekey, title, about, finding,
note, locator. The panel shows, per row: the label (linked to the reference entry when a citekey is given),
the cluster and what the row is about, then the finding (or title, or note) and the locator.
"""
from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

import pandas as pd

from clustercsr import analysis

ROW_FIELDS = ["citekey", "label", "cluster", "about", "finding", "locator"]


def _text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def evidence_rows(ev, subject_type: str | None = None, *, key: str = "id", about: dict | None = None,
                  evidence: pd.DataFrame | None = None) -> list[dict]:
    """The evidence rows (of one subject type, or the given `evidence` frame) as panel rows.

    `key` names the field that holds the row's subject id (what a selection matches); `about` optionally maps a
    row's subject (type, id) to a short name shown beside the cluster ("Business associations").
    """
    rows = ev.evidence if evidence is None else evidence
    if subject_type is not None:
        rows = rows[rows["subject_type"] == subject_type]
    labels = analysis.citation_labels(ev.references)
    clusters = ev.clusters.set_index("id")["name"] if len(ev.clusters) else pd.Series(dtype=object)
    out = []
    for _, r in rows.iterrows():
        cluster_id = _text(r.get("cluster_id"))
        row = {
            key: _text(r.get("subject_id")),
            "cluster_id": cluster_id,
            "citekey": _text(r.get("citekey")),
            "label": _text(labels.get(r.get("citekey"), r.get("citekey"))),
            "cluster": _text(clusters.get(cluster_id, "")) if cluster_id else "",
            "finding": _text(r.get("finding")),
            "locator": _text(r.get("locator")) if "locator" in rows.columns else "",
        }
        if about:
            row["about"] = _text(about.get((r.get("subject_type"), r.get("subject_id")), ""))
        out.append(row)
    out.sort(key=lambda x: (x[key], x["label"].lower(), x["finding"]))
    return out


def subject_names(ev) -> dict:
    """(subject_type, subject_id) → the subject's short name, for `evidence_rows(about=...)`."""
    names = {}
    for kind, table in (("factor", ev.factors), ("topic", ev.topics), ("limitation", ev.limitations),
                        ("framework", ev.frameworks)):
        col = "label" if "label" in table.columns else ("name" if "name" in table.columns else "id")
        for _, r in table.iterrows():
            names[(kind, r["id"])] = _text(r[col])
    return names


def options(frame: pd.DataFrame, value: str | list[str], label: str | list[str], sep: str = " \u2013 ") -> list[dict]:
    """The keyboard control's choices: one per distinct value, in the frame's order."""
    values = [value] if isinstance(value, str) else value
    labels = [label] if isinstance(label, str) else label
    out, seen = [], set()
    for _, r in frame.iterrows():
        v = "~".join(_text(r[c]) for c in values)
        if v in seen or not all(_text(r[c]) for c in values):
            continue
        seen.add(v)
        out.append({"value": v, "label": sep.join(_text(r[c]) for c in labels)})
    return out


def panel(param: str, *, fields: list[str], heading: str, url_key: str, control: str, rows: list[dict],
          choices: list[dict], key: list[str] | None = None, kind: str = "point", empty: str = "",
          noun: tuple[str, str] = ("piece of evidence", "pieces of evidence"), views: list[str] | None = None,
          columns: list[tuple[str, str]] | None = None) -> dict:
    """One details entry (contract 1 in the project's PLAN): how the HTML panel of one selection is filled.

    param: the Vega-Lite selection's name (its store is "<param>_store"); fields: the selection's fields, in the
    order the store holds them; key: the row fields matched against them (default: the same names); kind:
    "point" or "interval" (an interval over one numeric field, e.g. a brush over years); url_key: the query
    parameter that holds the selection in a permalink; control: the keyboard control's label; choices: its
    options [{"value", "label"}] (multi-field values joined by "~"); empty: what the panel says before a
    selection; noun: singular and plural of what a row is; columns: the static table's columns [(field, heading)].
    """
    return {
        "param": param, "kind": kind, "fields": list(fields), "key": list(key or fields), "heading": heading,
        "url_key": url_key, "control": control, "options": choices, "empty": empty, "noun": list(noun),
        "rows": rows, "columns": [list(c) for c in (columns or [("label", "Work"), ("cluster", "Cluster"),
                                                               ("finding", "Finding"), ("locator", "Where")])],
        **({"views": views} if views else {}),
    }


# ---------------------------------------------------------------------------------------------------------------
# Used by the renderer
# ---------------------------------------------------------------------------------------------------------------

def entries(meta: dict) -> list[dict]:
    d = meta.get("details") or []
    return [d] if isinstance(d, dict) else list(d)


def _write_rows(rows: list, data_dir: Path, url_prefix: str, files: list) -> str:
    payload = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    name = "details-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20] + ".json"
    path = Path(data_dir) / name
    if not path.is_file() or path.read_text(encoding="utf-8") != payload:
        path.write_text(payload, encoding="utf-8")
    files.append(name)
    return f"{url_prefix}/{name}"


def externalize(meta: dict, data_dir: Path, url_prefix: str) -> tuple[dict, list[str]]:
    """The page's share of the details: the panels (and the explorer's rules) with their rows moved to shared
    files under `data_dir`, named by content so that charts listing the same rows share one file. Returns
    ({"panels": [...], "explorer": {...}?}, files written, relative to the site's figures/data)."""
    panels, files = [], []
    for entry in entries(meta):
        entry = dict(entry)
        rows = entry.pop("rows", [])
        entry.pop("columns", None)
        entry["url"] = _write_rows(rows, data_dir, url_prefix, files)
        panels.append(entry)
    out: dict = {"panels": panels}
    if meta.get("explorer"):
        explorer = dict(meta["explorer"])
        explorer["url"] = _write_rows(explorer.pop("rows", []), data_dir, url_prefix, files)
        explorer.pop("glossary", None)
        out["explorer"] = explorer
    return out, files


def static_table(meta: dict, limit: int = 3000) -> str:
    """The rows of every details entry as static HTML tables (for readers without JavaScript), grouped by the
    selection's choices. Above `limit` rows a table gives way to a sentence (the CSV and the panel remain)."""
    esc = html.escape
    parts = []
    for entry in entries(meta):
        rows = entry.get("rows") or []
        if not rows:
            continue
        cols = entry.get("columns") or [["label", "Work"], ["finding", "Finding"]]
        caption = esc(entry.get("heading") or "Details")
        if len(rows) > limit:
            parts.append(f"<p>{caption}: {len(rows)} rows, too many to list here; select an item in the chart.</p>")
            continue
        labels = {o["value"]: o["label"] for o in entry.get("options") or []}
        keys = entry.get("key") or []
        head = "".join(f'<th scope="col">{esc(h)}</th>' for _, h in cols)
        body = []
        if entry.get("kind") == "interval" or not keys:
            groups = [(None, rows)]
        else:
            grouped: dict[str, list] = {}
            for r in rows:
                grouped.setdefault("~".join(_text(r.get(k)) for k in keys), []).append(r)
            order = [o["value"] for o in entry.get("options") or []]
            groups = sorted(grouped.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
        for value, group in groups:
            if value is not None:
                body.append(f'<tr><th scope="rowgroup" colspan="{len(cols)}">{esc(labels.get(value, value))}</th></tr>')
            for r in group:
                body.append("<tr>" + "".join(f"<td>{esc(_text(r.get(f)))}</td>" for f, _ in cols) + "</tr>")
        parts.append(f'<table class="cc-details-table"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
                     f"<tbody>{''.join(body)}</tbody></table>")
    return "".join(parts)


def page_config(spec: dict, info: dict) -> str:
    """The small JSON block chart-details.js reads (no need to parse the chart's spec): the chart's name, title,
    hint, and its panels with their rows' URLs."""
    from clustercsr.charts.renderer import json_for_script

    meta = (spec.get("usermeta") or {}).get("clustercsr") or {}
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    label = " ".join(text) if isinstance(text, list) else (text or "")
    # the settings a theme redraw must keep: every top-level param bound to an input (radio buttons etc.)
    keep = [p["name"] for p in spec.get("params") or [] if isinstance(p, dict) and p.get("bind") and "select" not in p]
    page = info.get("details") or {}
    config = {"name": meta.get("name"), "title": meta.get("title") or meta.get("name"), "hint": meta.get("hint") or "",
              "label": " ".join(label.split()) or meta.get("title") or meta.get("name"), "keep": keep,
              "panels": page.get("panels") or []}
    if page.get("explorer"):
        config["explorer"] = page["explorer"]
    out = f'<script type="application/json" class="cc-chart-details">{json_for_script(config)}</script>'
    explorer = meta.get("explorer") or {}
    if explorer.get("glossary"):  # HTML text, for every reader (with or without JavaScript)
        esc = html.escape
        items = "".join(f"<dt>{esc(g['term'])}</dt><dd>{esc(g['text'])}"
                        + (f" In the model: {esc(g['factors'])}." if g.get("factors") else "") + "</dd>"
                        for g in explorer["glossary"])
        out += (f'<details class="cc-glossary"><summary>{esc(explorer.get("glossary_heading") or "Glossary")}</summary>'
                f"<dl>{items}</dl></details>")
    return out
