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
    out = copy.deepcopy(meta.get("print") or (made(spec, box) if made else spec))
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
    return in_points(svg, w, h)


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
    return fit(out, box)


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


def explorer_table(spec: dict, box: Box | None = None) -> dict:
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


def landscape_names(spec: dict, box: Box | None = None) -> dict:
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


def drivers_names(spec: dict, box: Box | None = None) -> dict:
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
    half = (box.width / PT_PER_PX / 2 - 24) / AVERAGE_PX_PER_CHAR if box else PRINT_NAME_CHARS // 2 - 4
    shown, name_rows, n_slots = analysis.pair_slots(pd.DataFrame(bars).drop(columns="slot"), int(half))
    name_rows = name_rows.merge(shown[["id", "label", "level", "works"]], on="id")
    first_line = name_rows.groupby("id")["slot"].min()
    edges = {r["id"]: r["edge"] for r in hits}
    hit_rows = shown.assign(top=[int(first_line.get(i, s)) for i, s in zip(shown["id"], shown["slot"])],
                            edge=[edges.get(i, 0) for i in shown["id"]])
    bars[:], names[:], hits[:] = _records(shown), _records(name_rows), _records(hit_rows)
    _renumber_slots(out, old, n_slots)
    return out

PX_PER_CHAR = 6.0  # 12 px Libertinus Serif: even names of wide letters average under 6 px a character
AVERAGE_PX_PER_CHAR = 5.2  # and a name of ordinary words about 5 px (4.9 px measured in the briefs' PDFs)


def one_line_rows(spec: dict, box: Box | None = None, field: str = "factor_axis") -> dict:
    """The matrix and the frameworks grid with each factor's name on one line: on screen the names wrap to fit
    a phone's column (lines joined by "|", split by the axis' labelExpr); on a landscape page there is room for
    the whole name, and a printed row, shortened to fit the page, has room for one line only."""
    names = {v for rows in (spec.get("datasets") or {}).values() for r in rows
             if isinstance(r, dict) and isinstance(v := r.get(field), str) and "|" in v}
    return _replace_strings(spec, {n: n.replace("|", " ") for n in names})


def model_names(spec: dict, box: Box | None = None) -> dict:
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
    column = int(longest * PX_PER_CHAR + 24)
    screen = f"min({cm.MOST[0]}, width * {cm.SHARE['wide'][0]})"
    return json.loads(json.dumps(out).replace(screen, f"min({column}, width * 0.5)"))


def map_names(spec: dict, box: Box | None = None) -> dict:
    """The close-up's names placed again for print: on screen they are spaced for 11 px text in a 480 px view;
    on paper the text is larger and the view, beside the world map, is shorter, so names ran into each other."""
    import pandas as pd
    from clustercsr import analysis
    cmap = importlib.import_module("clustercsr.charts.cluster_map")

    out = copy.deepcopy(spec)
    rows = _dataset_with(out, "label_lon", "label_lat", "side", "moved")
    if not rows or not box:
        return out
    # the close-up is about half the landscape page wide and ~300 px high; the box of 30 degrees of latitude
    # fits that height, so a degree is ~1/30 of it, and the view shows more longitude than the box on each side
    height_px = 300.0
    per_deg = height_px / (cmap.INSET_BOX[1][1] - cmap.INSET_BOX[0][1])
    view_w = box.width / PT_PER_PX / (2 if box.landscape else 1) - 20
    mid = (cmap.INSET_BOX[0][0] + cmap.INSET_BOX[1][0]) / 2
    half = view_w / 2 / per_deg - 0.5
    wide_box = [[mid - half, cmap.INSET_BOX[0][1]], [mid + half, cmap.INSET_BOX[1][1]]]
    points = pd.DataFrame(rows)[["id", "name", "plot_lon", "plot_lat"]]
    placed = analysis.inset_labels(points, wide_box, gap=17 / per_deg, char_width=PX_PER_CHAR / per_deg,
                                   dx=15 / per_deg)  # clear of the largest point (radius ~11 px)
    rows[:] = _records(placed)
    return out


# Print layouts made here, from the screen spec or the same analysis helpers, for charts whose screen form does
# not print well: the explorer only works live; the others have names wrapped or spaced for a phone-sized column.
PRINT_LAYOUTS = {"proposition-explorer": explorer_table, "research-landscape": landscape_names,
                 "drivers-barriers": drivers_names, "evidence-matrix": one_line_rows,
                 "frameworks-compared": one_line_rows, "conceptual-model": model_names,
                 "cluster-map": map_names}
