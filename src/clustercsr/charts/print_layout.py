"""Charts laid out for print: the renderer's Typst branch (DESIGN §6, issue 14).

A screen spec is drawn for a browser: text of about 12 px in a column about 640 px wide. On paper every chart
text must be at least 8 pt and a title at least 9 pt, at the size the chart is printed. So print takes the
chart's spec (or usermeta `print`, a layout a builder made for paper), raises any font below the floor, drops
what only makes sense on screen (the linked lists, sentences that say "hover" or "click"; instructions live in
usermeta `hint`, which print ignores), sizes the chart to fill the width it is placed at, and writes the SVG
at PT_PER_PX points per pixel. Its width and height are given in pt, so Typst places it at exactly that size:
12 px prints as 8 pt, and nothing is scaled again.

Where a chart goes: a brief's chart spans the page's text width (its two columns); the report's charts span
its text width, and the charts in LANDSCAPE, too wide for a portrait page at 8 pt, span a landscape page.
"""
from __future__ import annotations

import copy
import importlib
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import vl_convert as vlc
import yaml

PT_PER_PX = 2 / 3
MIN_TEXT_PX = 12.0      # 8 pt
MIN_TITLE_PX = 14.0     # 9.33 pt
FONT = "Libertinus Serif, serif"  # the PDFs' own font (the typst wheel bundles it), so charts match the text
CM = 72 / 2.54
PAPERS = {"a4": (21.0 * CM, 29.7 * CM), "us-letter": (612.0, 792.0), "a5": (14.8 * CM, 21.0 * CM)}

# The report's page (publish/pdf.py hands the same margins to typst/report.typ).
REPORT_PAPER = "a4"
REPORT_MARGIN = {"left": "2.3cm", "right": "2.3cm", "top": "2.6cm", "bottom": "2.4cm"}
REPORT_MAX_HEIGHT = 18.5 * CM     # leaves room for a caption on the page
LANDSCAPE_MAX_HEIGHT = 13.0 * CM  # a landscape page's text height (16 cm) less the caption and header
BRIEF_MAX_HEIGHT = 9.0 * CM       # two pages hold the text and one full-width chart
# Charts whose labels cannot fit a portrait page at 8 pt: the report prints them on a landscape page.
LANDSCAPE = {"evidence-matrix", "frameworks-compared", "cluster-map"}

INTERACTION = re.compile(r"\b(hover|click|double-click|tap|select|drag|zoom|controls?|radio)\b", re.I)
FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")
LIMIT_KEYS = ("limit", "labelLimit")
# Print lines are about twice as long as a phone's (common.TITLE_WIDTH, SUBTITLE_WIDTH): titles re-wrap to these.
TITLE_CHARS, SUBTITLE_CHARS = 72, 110


@dataclass(frozen=True)
class Box:
    """Where a chart is placed: its width and the most height it may take, in pt."""
    width: float
    height: float
    landscape: bool = False


def length_pt(value) -> float:
    """A Typst length from front matter ("1.5cm", "12mm", "0.5in", "20pt") in points."""
    m = re.fullmatch(r"([\d.]+)\s*(cm|mm|in|pt)", str(value).strip())
    if not m:
        raise ValueError(f"unknown length {value!r}: use cm, mm, in or pt")
    return float(m.group(1)) * {"cm": CM, "mm": CM / 10, "in": 72.0, "pt": 1.0}[m.group(2)]


def _margins(margin) -> tuple[float, float, float, float]:
    """left, right, top, bottom of a `margin:` (a length, or a mapping with x/y/left/right/top/bottom)."""
    if not isinstance(margin, dict):
        m = length_pt(margin)
        return m, m, m, m
    x, y = margin.get("x", "2cm"), margin.get("y", "2cm")
    return tuple(length_pt(margin.get(side, x if side in ("left", "right") else y))
                 for side in ("left", "right", "top", "bottom"))


def text_box(paper: str, margin, flipped: bool = False) -> tuple[float, float]:
    w, h = PAPERS.get(paper, PAPERS["a4"])
    if flipped:
        w, h = h, w
    left, right, top, bottom = _margins(margin)
    return w - left - right, h - top - bottom


def document_typst_options() -> dict | None:
    """The `format: typst:` options of the document being executed, or None for a page of the book."""
    path = None
    info = os.environ.get("QUARTO_EXECUTE_INFO")
    if info and Path(info).is_file():
        path = json.loads(Path(info).read_text(encoding="utf-8")).get("document-path")
    if not path or not Path(path).is_file():
        return None
    text = Path(path).read_text(encoding="utf-8")
    if not text.startswith("---"):
        return None
    meta = yaml.safe_load(text.split("---", 2)[1]) or {}
    fmt = meta.get("format")
    if isinstance(fmt, dict) and isinstance(fmt.get("typst"), dict):
        return fmt["typst"]
    return {} if fmt == "typst" else None


def placement(name: str, opts: dict | None = None) -> Box:
    """Where the chart `name` is printed: in a typst document (a brief) across its text width; in the report
    across the text width, or across a landscape page for the charts in LANDSCAPE."""
    if opts is not None:
        width, _ = text_box(opts.get("papersize", "a4"), opts.get("margin", {"x": "1.5cm", "y": "1.5cm"}))
        return Box(width, BRIEF_MAX_HEIGHT)
    if name in LANDSCAPE:
        width, _ = text_box(REPORT_PAPER, REPORT_MARGIN, flipped=True)
        return Box(width, LANDSCAPE_MAX_HEIGHT, landscape=True)
    width, _ = text_box(REPORT_PAPER, REPORT_MARGIN)
    return Box(width, REPORT_MAX_HEIGHT)


# ---------------------------------------------------------------------------------------------------------------
# The print form of a spec

def _rewrap(text, width: int):
    from clustercsr import analysis

    if text is None:
        return None
    lines = analysis.wrap(" ".join([text] if isinstance(text, str) else list(text)), width)
    return lines[0] if len(lines) == 1 else lines


def _without_interaction(text):
    """A title or subtitle without its sentences (or clauses) that tell the reader to hover, click or select."""
    if text is None:
        return None
    lines = [text] if isinstance(text, str) else list(text)
    joined = " ".join(lines)
    if not INTERACTION.search(joined):
        return text
    parts = re.split(r"(?<=[.;])\s+", joined)
    kept = [p for p in parts if not INTERACTION.search(p)]
    out = " ".join(kept).strip()
    out = re.sub(r";$", ".", out)
    return out or None


def _floor_fonts(node, parent: str | None = None):
    if isinstance(node, dict):
        for key in FONT_KEYS:
            value = node.get(key)
            if isinstance(value, (int, float)):
                floor = MIN_TITLE_PX if (parent == "title" and key == "fontSize") else MIN_TEXT_PX
                node[key] = max(value, floor)
        for key in LIMIT_KEYS:  # on paper a name is never cut short: no screen-width limits
            value = node.get(key)
            if isinstance(value, (int, float)) or (isinstance(value, dict) and "containerSize" in str(value.get("expr"))):
                node[key] = 0
        if isinstance(node.get("lineHeight"), (int, float)) and isinstance(node.get("fontSize"), (int, float)):
            node["lineHeight"] = max(node["lineHeight"], node["fontSize"] * 1.25)
        for key, value in node.items():
            _floor_fonts(value, key)
    elif isinstance(node, list):
        for v in node:
            _floor_fonts(v, parent)


def _clean(node, drop_views: set[str]):
    """Drop screen-only views (by name) and interaction wording in titles, set the print font."""
    if isinstance(node, dict):
        for key in ("vconcat", "hconcat", "concat"):
            if isinstance(node.get(key), list):
                node[key] = [v for v in node[key] if not (isinstance(v, dict) and v.get("name") in drop_views)]
        title = node.get("title")
        if isinstance(title, dict):
            for k, width in (("text", TITLE_CHARS), ("subtitle", SUBTITLE_CHARS)):
                if k in title:
                    cleaned = _rewrap(_without_interaction(title[k]), width)
                    if cleaned is None:
                        title.pop(k)
                    else:
                        title[k] = cleaned
        for v in node.values():
            _clean(v, drop_views)
    elif isinstance(node, list):
        for v in node:
            _clean(v, drop_views)


def print_config(config: dict, font: str = FONT) -> dict:
    """The chart's theme config with print type sizes (in px; PT_PER_PX turns 12 px into 8 pt)."""
    c = copy.deepcopy(config or {})
    c["font"] = font
    for key in ("axis", "legend", "header"):
        part = c.setdefault(key, {})
        for k in ("labelFont", "titleFont"):
            part[k] = font
        part["labelFontSize"] = max(part.get("labelFontSize", 0), MIN_TEXT_PX)
        part["titleFontSize"] = max(part.get("titleFontSize", 0), MIN_TEXT_PX)
    title = c.setdefault("title", {})
    title.update(font=font, subtitleFont=font, fontSize=max(title.get("fontSize", 0), 15),
                 subtitleFontSize=max(title.get("subtitleFontSize", 0), MIN_TEXT_PX + 0.5))
    for mark in ("text", "mark"):
        c.setdefault(mark, {}).update(font=font, fontSize=max(c[mark].get("fontSize", 0), MIN_TEXT_PX))
    c["background"] = "#ffffff"
    return c


def print_spec(spec: dict, drop_views: set[str] = frozenset(), box: Box | None = None, font: str = FONT) -> dict:
    """The spec as it is printed: usermeta `print` if a builder made one, else the screen spec, cleaned."""
    meta = (spec.get("usermeta") or {}).get("clustercsr") or {}
    made = PRINT_LAYOUTS.get(meta.get("name"))
    out = copy.deepcopy(meta.get("print") or (made(spec, box, font=font) if made else spec))
    if "datasets" not in out and spec.get("datasets"):
        out["datasets"] = copy.deepcopy(spec["datasets"])
    out["usermeta"] = {"clustercsr": {k: v for k, v in meta.items() if k not in ("print", "variants", "hint")}}
    out["config"] = print_config(out.get("config") or spec.get("config") or {}, font)
    _clean(out, set(drop_views))
    _floor_fonts(out)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Sizing to the placement

def _set_size(node, width: float, height_scale: float, top: bool = True):
    if isinstance(node, dict):
        if node.get("width") == "container" or (top and "width" in node and isinstance(node["width"], (int, float))):
            node["width"] = width
        h = node.get("height")
        if isinstance(h, (int, float)) and height_scale != 1:
            node["height"] = h * height_scale
        elif isinstance(h, dict) and isinstance(h.get("step"), (int, float)) and height_scale != 1:
            node["height"] = {"step": h["step"] * height_scale}
        for key, v in node.items():
            if key not in ("datasets", "data", "usermeta", "config"):
                _set_size(v, width, height_scale, top=False)
    elif isinstance(node, list):
        for v in node:
            _set_size(v, width, height_scale, top=False)


def _svg_size(svg: str) -> tuple[float, float]:
    m = re.search(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"', svg)
    return float(m.group(1)), float(m.group(2))


def _render(spec: dict, width: float, height_scale: float) -> tuple[str, float, float]:
    s = copy.deepcopy(spec)
    _set_size(s, width, height_scale)
    svg = vlc.vegalite_to_svg(s)
    w, h = _svg_size(svg)
    return svg, w, h


def fit(spec: dict, box: Box) -> str:
    """SVG of the print spec exactly box.width wide (and at most box.height high), sized in pt."""
    _, svg, w, h = fit_spec(spec, box)
    return in_points(svg, w, h)


def fit_spec(spec: dict, box: Box) -> tuple[dict, str, float, float]:
    """The print spec sized to the box, its SVG and the SVG's width and height in px."""
    target_w, target_h = box.width / PT_PER_PX, box.height / PT_PER_PX
    view, scale = target_w - 200, 1.0
    svg, w, h = _render(spec, view, scale)
    for _ in range(4):                   # the SVG grows about one for one with the views' width
        if abs(w - target_w) < 0.5 and h <= target_h + 0.5:
            break
        view = max(view + (target_w - w) / max(len(spec.get("hconcat") or [1]), 1), 40)
        if h > target_h + 0.5:           # shorter rows or views, never smaller text
            _, _, h_half = _render(spec, view, scale / 2)
            per_unit = max(2 * (h - h_half) / scale, 1e-6)
            scale = max(0.55, scale - (h - target_h) / per_unit)
        svg, w, h = _render(spec, view, scale)
    sized = copy.deepcopy(spec)
    _set_size(sized, view, scale)
    return sized, svg, w, h


def in_points(svg: str, w: float, h: float) -> str:
    """Give the SVG's width and height in pt (PT_PER_PX per px); the viewBox keeps the drawing in px."""
    def size(m):
        head = m.group(0)
        if "viewBox" not in head:
            head = head.replace("<svg", f'<svg viewBox="0 0 {w:g} {h:g}"', 1)
        head = re.sub(r'\bwidth="[\d.]+"', f'width="{w * PT_PER_PX:.2f}pt"', head, count=1)
        return re.sub(r'\bheight="[\d.]+"', f'height="{h * PT_PER_PX:.2f}pt"', head, count=1)
    return re.sub(r"<svg\b[^>]*>", size, svg, count=1)


def to_print_svg(spec: dict, drop_views: set[str] = frozenset(), opts: dict | None | bool = False,
                 font: str = FONT) -> str:
    """The chart for a PDF: print spec, fitted to where the executing document places it. A browser's print
    passes the site's `font`: the PDFs' own is not on readers' machines."""
    meta = (spec.get("usermeta") or {}).get("clustercsr") or {}
    if opts is False:
        opts = document_typst_options()
    box = placement(meta.get("name", ""), opts)
    out = print_spec(spec, drop_views, box, font)
    if box.landscape and len(out.get("vconcat") or []) == 2:  # on a landscape page two stacked views sit side by side
        out["hconcat"] = out.pop("vconcat")
        out = _replace_strings(out, {"close-up below": "close-up on the right"}, partial=True)
    sized, svg, w, h = fit_spec(out, box)
    if meta.get("name") == "cluster-map" and place_closeup_names(sized, font):
        svg = vlc.vegalite_to_svg(sized)
        w, h = _svg_size(svg)
    return in_points(svg, w, h)


def _replace_strings(node, mapping: dict[str, str], partial: bool = False):
    """The spec with every string equal to a key of `mapping` (or, partial, containing one) replaced; the
    datasets' rows and the scale domains are strings like any other."""
    if isinstance(node, dict):
        return {k: (v if k == "usermeta" else _replace_strings(v, mapping, partial)) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_strings(v, mapping, partial) for v in node]
    if isinstance(node, str):
        if node in mapping:
            return mapping[node]
        if partial:
            for k, v in mapping.items():
                node = node.replace(k, v)
    return node


# ---------------------------------------------------------------------------------------------------------------
# The proposition explorer on paper: a table of which settings lead to which outcome

ANY = "any"


def rule_summary(rules, groups: list[str]) -> list[dict]:
    """The rule table (analysis.proposition_rules) folded into few rows: settings that lead to the same outcomes
    are merged one group at a time, so every combination falls in exactly one row. Each row maps a group to
    the set of strengths it covers, plus first_tier, lower_tier and proposition."""
    from clustercsr import analysis

    outcome = ["first_tier", "lower_tier", "proposition"]
    out = []
    for key, part in rules.groupby(outcome, sort=False):
        cubes = {tuple(frozenset([r[g]]) for g in groups) for r in part.to_dict("records")}
        changed = True
        while changed:
            changed = False
            for i in range(len(groups)):
                merged: dict[tuple, frozenset] = {}
                for c in cubes:
                    rest = c[:i] + c[i + 1:]
                    merged[rest] = merged.get(rest, frozenset()) | c[i]
                new = {rest[:i] + (values,) + rest[i:] for rest, values in merged.items()}
                if len(new) < len(cubes):
                    cubes, changed = new, True
        for c in sorted(cubes, key=lambda c: [sorted(analysis.STRENGTHS.index(v) for v in s) for s in c], reverse=True):
            out.append({**dict(zip(groups, c)), **dict(zip(outcome, key))})
    return out


def setting_words(values: frozenset) -> str:
    from clustercsr import analysis

    if len(values) == len(analysis.STRENGTHS):
        return ANY
    return " or ".join(v for v in reversed(analysis.STRENGTHS) if v in values)


def _outcome_tints() -> tuple[list[str], list[str]]:
    """The outcomes and their tint colours: the theme's "outcome" palette, the one the screen explorer draws
    (teal for better CSR, red for worse, purple for mixed; tests/test_theme.py keeps them apart for colour-blind
    readers). The words in the cells say the outcome; the tint only repeats it."""
    from clustercsr.charts import theme

    return theme.domain("outcome"), theme.palette_range(["outcome"])


OUTCOMES, OUTCOME_TINTS = _outcome_tints()
TINT_OPACITY = 0.16


def explorer_table(spec: dict, box: Box | None = None, font: str = FONT) -> dict:
    """A Vega-Lite table (text marks) of the explorer's rule table for print, labelled with the propositions."""
    import altair as alt

    from clustercsr import analysis

    groups = [g for g, _, _ in analysis.MODEL_GROUPS]
    heads = [label for _, label, _ in analysis.MODEL_GROUPS] + ["First-tier firms", "Lower-tier firms", "Proposition"]
    order = {o: i for i, o in enumerate(["improves", "partial, piecemeal", "poor"])}
    rows = sorted(rule_summary(analysis.proposition_rules(), groups),
                  key=lambda r: (order.get(r["first_tier"], 9), order.get(r["lower_tier"], 9)))
    line, head_lines = 15, max(len(analysis.wrap(h, 13)) for h in heads)
    row_h = 2 * line + 6
    cells = []
    for col, h in enumerate(heads):
        cells.append({"col": col, "y": 0, "text": "\n".join(analysis.wrap(h, 13)), "kind": "head", "outcome": ""})
    for i, r in enumerate(rows):
        y = head_lines * line + 8 + i * row_h
        values = [setting_words(r[g]) for g in groups] + [r["first_tier"], r["lower_tier"], r["proposition"]]
        for col, v in enumerate(values):
            text = v.replace(", ", ",\n").replace(" or ", " or\n") if col < len(groups) + 2 else v
            cells.append({"col": col, "y": y, "text": text, "kind": "body",
                          "outcome": v if col in (len(groups), len(groups) + 1) else ""})
    height = head_lines * line + 8 + len(rows) * row_h
    x = alt.X("col:O", axis=None, scale=alt.Scale(paddingInner=0.08, paddingOuter=0))
    y = alt.Y("y:Q", scale=None, axis=None)
    base = alt.Chart(alt.Data(values=cells))
    tint = base.transform_filter("datum.outcome !== ''").mark_rect(opacity=TINT_OPACITY, cornerRadius=2).encode(
        x=x, y=alt.Y("y0:Q", scale=None, axis=None), y2="y1:Q",
        color=alt.Color("outcome:N", legend=None, scale=alt.Scale(domain=OUTCOMES, range=OUTCOME_TINTS)),
    ).transform_calculate(y0="datum.y - 3", y1=f"datum.y + {row_h - 3}")
    words = [base.transform_filter(test).mark_text(align="center", baseline="top", lineBreak="\n", lineHeight=line,
                                                   fontSize=MIN_TEXT_PX, fontWeight=weight).encode(x=x, y=y, text="text:N")
             for test, weight in (("datum.kind === 'head' || datum.outcome !== ''", 600),
                                  ("datum.kind !== 'head' && datum.outcome === ''", 400))]
    rule = alt.Chart(alt.Data(values=[{"y": head_lines * line + 3}])).mark_rule(strokeWidth=0.8).encode(
        y=alt.Y("y:Q", scale=None, axis=None))
    chart = alt.layer(tint, *words, rule).properties(
        width="container", height=height,
        title=alt.TitleParams("Which settings lead to which CSR outcome under propositions P1–P3",
                              subtitle=analysis.wrap("An illustration of the paper's argument, not an estimate. "
                                                     "Each row covers every combination of its settings; “any” "
                                                     "means that setting does not change the outcome.", 80)))
    out = chart.to_dict()
    out["usermeta"] = spec.get("usermeta")
    out["description"] = spec.get("description")
    return out


def landscape_names(spec: dict, box: Box | None = None, font: str = FONT) -> dict:
    """The research landscape with each topic's name on one line where the page's width allows: its screen
    names are wrapped for a 480 px column, and a printed row, shortened to fit the page, has room for one line
    of name above its bar."""
    out = copy.deepcopy(spec)
    for rows in (out.get("datasets") or {}).values():
        for row in rows:
            if isinstance(row, dict) and isinstance(row.get("name_lines"), list):
                row["name_lines"] = _rewrap(row["name_lines"], PRINT_NAME_CHARS)
                if isinstance(row["name_lines"], str):
                    row["name_lines"] = [row["name_lines"]]
    return out


PRINT_NAME_CHARS = 95  # 12 px text across a brief's or the report's text width (about 680 px)


def _records(frame) -> list[dict]:
    return json.loads(frame.to_json(orient="records"))


def _data_names(node, out: set) -> set:
    """The named datasets the spec's views draw (not those of the layouts kept in usermeta)."""
    if isinstance(node, dict):
        if isinstance(node.get("data"), dict) and "name" in node["data"]:
            out.add(node["data"]["name"])
        for k, v in node.items():
            if k != "usermeta":
                _data_names(v, out)
    elif isinstance(node, list):
        for v in node:
            _data_names(v, out)
    return out


def _dataset_with(spec: dict, *keys: str) -> list[dict] | None:
    drawn = _data_names(spec, set())
    for name, rows in (spec.get("datasets") or {}).items():
        if name in drawn and rows and isinstance(rows[0], dict) and all(k in rows[0] for k in keys):
            return rows
    return None


def _slot_domain_length(node, at_least: int) -> int:
    """The length of the first scale domain that lists the slots 0 … n-1 (n at least `at_least`)."""
    if isinstance(node, dict):
        d = node.get("domain")
        if isinstance(d, list) and len(d) >= at_least and d == list(range(len(d))):
            return len(d)
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return 0
    for v in children:
        found = _slot_domain_length(v, at_least)
        if found:
            return found
    return 0


def _renumber_slots(node, old: int, new: int):
    """Every scale domain that lists the old slots (0 … old-1) lists the new ones."""
    if isinstance(node, dict):
        if node.get("domain") == list(range(old)):
            node["domain"] = list(range(new))
        for v in node.values():
            _renumber_slots(v, old, new)
    elif isinstance(node, list):
        for v in node:
            _renumber_slots(v, old, new)


def drivers_names(spec: dict, box: Box | None = None, font: str = FONT) -> dict:
    """The drivers and barriers with each name re-wrapped to half the page's width: the screen names are wrapped
    for half a phone's column, one line per row, and a brief shortens its rows to fit the page, so two-line names
    ran into their bars."""
    import pandas as pd
    from clustercsr import analysis

    out = copy.deepcopy(spec)
    bars, names, hits = (_dataset_with(out, *k) for k in (("signed_works", "slot"), ("text", "line", "slot"),
                                                            ("top", "edge")))
    if not (bars and names and hits):
        return out
    old = _slot_domain_length(out, at_least=max(r["slot"] for r in bars) + 1)
    half = (box.width / PT_PER_PX / 2 - 24) / char_px(font) if box else PRINT_NAME_CHARS // 2 - 4
    shown, name_rows, n_slots = analysis.pair_slots(pd.DataFrame(bars).drop(columns="slot"), int(half))
    name_rows = name_rows.merge(shown[["id", "label", "level", "works"]], on="id")
    first_line = name_rows.groupby("id")["slot"].min()
    edges = {r["id"]: r["edge"] for r in hits}
    hit_rows = shown.assign(top=[int(first_line.get(i, s)) for i, s in zip(shown["id"], shown["slot"])],
                            edge=[edges.get(i, 0) for i in shown["id"]])
    bars[:], names[:], hits[:] = _records(shown), _records(name_rows), _records(hit_rows)
    _renumber_slots(out, old, n_slots)
    return out


def char_px(font: str, widest: bool = False) -> float:
    """The width a character of a 12 px name takes, on average: Libertinus Serif (the PDFs') about 5 px (4.9 px
    measured in the briefs), the site's sans serif (a browser's print) about 6 px; names of wide letters up to
    0.8 px more."""
    base = 5.2 if "Libertinus" in font else 6.2
    return base + (0.8 if widest else 0.0)


def one_line_rows(spec: dict, box: Box | None = None, font: str = FONT, field: str = "factor_axis") -> dict:
    """The matrix and the frameworks grid with each factor's name on one line: on screen the names wrap to fit
    a phone's column (lines joined by "|", split by the axis' labelExpr); on a landscape page there is room for
    the whole name, and a printed row, shortened to fit the page, has room for one line only."""
    fields = (field, "header_axis")  # the frameworks' slanted column heads too: a second line ran into a dot
    names = {v for rows in (spec.get("datasets") or {}).values() for r in rows for f in fields
             if isinstance(r, dict) and isinstance(v := r.get(f), str) and "|" in v}
    return _replace_strings(spec, {n: n.replace("|", " ") for n in names})


def model_names(spec: dict, box: Box | None = None, font: str = FONT) -> dict:
    """The conceptual model with each factor's name on one line, in a column wide enough for the longest: the
    screen wraps them for a phone, and a brief's shorter rows left no room for a second line."""
    cm = importlib.import_module("clustercsr.charts.conceptual_model")  # the package's name is the builder

    out = copy.deepcopy(spec)
    longest = 0
    for rows in (out.get("datasets") or {}).values():
        for r in rows:
            if isinstance(r, dict) and r.get("role") == "factor" and isinstance(r.get("text"), list):
                r["text"] = [" ".join(r["text"])]
                longest = max(longest, len(r["text"][0]))
    column = int(longest * char_px(font, widest=True) + 24)
    screen = f"min({cm.MOST[0]}, width * {cm.SHARE['wide'][0]})"
    return json.loads(json.dumps(out).replace(screen, f"min({column}, width * 0.5)"))


def _marks(node, out: list) -> list:
    """Every mark of a Vega scenegraph with the group (x, y, width, height) it is drawn in."""
    if isinstance(node, dict):
        for mark in node.get("items") or []:
            if isinstance(mark, dict) and mark.get("marktype"):
                out.append((node, mark))
                for item in mark.get("items") or []:
                    if mark["marktype"] == "group":
                        _marks(item, out)
    return out


LABEL_H, LABEL_PAD = 13.0, 3.0  # a 12 px name's height; the clear space around names and points, in px


def place_closeup_names(spec: dict, font: str = FONT) -> bool:
    """Place the close-up's names again, in pixels of the printed chart, so that no name runs into another name or
    into a point (points are drawn larger than the screen's names were spaced for). Each name goes east or west
    of its point, else the nearest free place one line further south or north, with a leader line (`moved`).
    The names' data rows get their new place in longitude/latitude, read off the scenegraph's own projection.
    Returns False (spec unchanged) when the close-up is not found."""
    rows = _dataset_with(spec, "label_lon", "label_lat", "side", "moved")
    if not rows:
        return False
    sg = vlc.vegalite_to_scenegraph(spec)["scenegraph"]
    by_name = {r["name"]: r for r in rows}
    group = texts = None
    for g, mark in _marks({"items": [sg]}, []):
        items = [i for i in mark.get("items") or [] if mark["marktype"] == "text" and isinstance(i.get("text"), str) and i["text"] in by_name]
        if items:
            group, texts = g, (texts or []) + items
    if not texts or len({round(by_name[t["text"]]["label_lon"], 3) for t in texts}) < 2:
        return False
    # the close-up's projection (Equal Earth, fitted to the view): pixels = scale·(X, Y) + offset, with scale and
    # offset found by least squares from where the names are anchored now
    def line(pairs):
        n = len(pairs)
        mx, my = sum(p[0] for p in pairs) / n, sum(p[1] for p in pairs) / n
        k = sum((p[0] - mx) * (p[1] - my) for p in pairs) / sum((p[0] - mx) ** 2 for p in pairs)
        return my - k * mx, k
    anchors = [(equal_earth(by_name[t["text"]]["label_lon"], by_name[t["text"]]["label_lat"]), t) for t in texts]
    ax, kx = line([(xy[0], t["x"]) for xy, t in anchors])
    ay, ky = line([(xy[1], t["y"]) for xy, t in anchors])

    def to_px(lon, lat):
        x, y = equal_earth(lon, lat)
        return ax + kx * x, ay + ky * y
    width, height = group.get("width", 0), group.get("height", 0)
    symbols = [i for g, m in _marks({"items": [sg]}, []) if g is group and m["marktype"] == "symbol"
               for i in m.get("items") or [] if i.get("size", 0) < 700 and i.get("opacity", 1) > 0.01]
    circles = [(i["x"], i["y"], (i.get("size", 64) / math.pi) ** 0.5) for i in symbols]
    placed: list[tuple[float, float, float, float]] = []
    leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []

    def clear(x0, x1, yc, points):
        y0, y1 = yc - LABEL_H / 2, yc + LABEL_H / 2
        if x0 < 0 or x1 > width or y0 < 0 or y1 > height:
            return False
        if any(x0 < b[1] + LABEL_PAD and b[0] - LABEL_PAD < x1 and y0 < b[3] + LABEL_PAD and b[2] - LABEL_PAD < y1
               for b in placed):
            return False
        # a point may come near a name's ascenders and descenders, not its letters' body (about 8 px high)
        return not any(x0 - r - 1 < cx < x1 + r + 1 and yc - 4 - r < cy < yc + 4 + r for cx, cy, r in points)

    for r in sorted(rows, key=lambda r: (-r["plot_lat"], r["plot_lon"])):
        px, py = to_px(r["plot_lon"], r["plot_lat"])
        own = min(circles, key=lambda c: (c[0] - px) ** 2 + (c[1] - py) ** 2, default=(px, py, 5.0))
        circles_without = [c for c in circles if c is not own]
        w = len(str(r["name"])) * char_px(font) + 4
        gap = own[2] + LABEL_PAD + 2
        found = None
        # beside the point, else a line further south or north, or a little further out; first with the leader
        # lines kept off the names, then without
        for strict in (True, False):
            for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5):
                yc = py + step * (LABEL_H + LABEL_PAD)
                for side, extra in (("east", 0), ("west", 0), ("east", 14), ("west", 14), ("east", 28), ("west", 28)):
                    x0 = px + gap + extra if side == "east" else px - gap - extra - w
                    moved = bool(step or extra)
                    ok = clear(x0, x0 + w, yc, circles_without)
                    if ok and strict:
                        box_ = (x0, x0 + w, yc - LABEL_H / 2, yc + LABEL_H / 2)
                        end_ = (x0 if side == "east" else x0 + w, yc)
                        ok = not _crosses(leaders, box_) and not (
                            moved and any(_crosses([((px, py), end_)], b) for b in placed))
                    if ok:
                        found = (side, x0, yc, moved)
                        break
                if found:
                    break
            if found:
                break
        if not found:  # nowhere free: east of the point, as on screen
            found = ("east", px + gap, py, False)
        side, x0, yc, moved = found
        placed.append((x0, x0 + w, yc - LABEL_H / 2, yc + LABEL_H / 2))
        if moved:
            leaders.append(((px, py), (x0 if side == "east" else x0 + w, yc)))
        anchor = x0 if side == "east" else x0 + w
        lon, lat = equal_earth_inverse((anchor - ax) / kx, (yc - ay) / ky)
        r.update(side=side, label_lon=round(lon, 4), label_lat=round(lat, 4), moved=bool(moved))
    return True


def _crosses(segments, box, samples: int = 24) -> bool:
    """Whether any of the line segments passes through the box (x0, x1, y0, y1), its ends excepted."""
    x0, x1, y0, y1 = box
    for (ax_, ay_), (bx, by) in segments:
        for i in range(1, samples):
            t = i / samples
            x, y = ax_ + t * (bx - ax_), ay_ + t * (by - ay_)
            if x0 + 1 < x < x1 - 1 and y0 + 2 < y < y1 - 2:
                return True
    return False


EE = (1.340264, -0.081106, 0.000893, 0.003796)  # Equal Earth's coefficients (Šavrič, Patterson and Jenny 2018)


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth x, y (unit sphere) of a longitude and latitude in degrees, as d3-geo computes them."""
    a1, a2, a3, a4 = EE
    t = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(lat)))
    t2 = t * t
    x = math.radians(lon) * math.cos(t) / (math.sqrt(3) / 2 * (a1 + 3 * a2 * t2 + t2 ** 3 * (7 * a3 + 9 * a4 * t2)))
    y = t * (a1 + a2 * t2 + t2 ** 3 * (a3 + a4 * t2))
    return x, y


def equal_earth_inverse(x: float, y: float) -> tuple[float, float]:
    a1, a2, a3, a4 = EE
    t = y
    for _ in range(12):  # Newton on y(t)
        t2 = t * t
        f = t * (a1 + a2 * t2 + t2 ** 3 * (a3 + a4 * t2)) - y
        df = a1 + 3 * a2 * t2 + t2 ** 3 * (7 * a3 + 9 * a4 * t2)
        t -= f / df
    t2 = t * t
    lon = x * math.sqrt(3) / 2 * (a1 + 3 * a2 * t2 + t2 ** 3 * (7 * a3 + 9 * a4 * t2)) / math.cos(t)
    return math.degrees(lon), math.degrees(math.asin(2 * math.sin(t) / math.sqrt(3)))


# Print layouts made here, from the screen spec or the same analysis helpers, for charts whose screen form does
# not print well: the explorer only works live; the others have names wrapped or spaced for a phone-sized column.
PRINT_LAYOUTS = {"proposition-explorer": explorer_table, "research-landscape": landscape_names,
                 "drivers-barriers": drivers_names, "evidence-matrix": one_line_rows,
                 "frameworks-compared": one_line_rows, "conceptual-model": model_names}
