"""The project's Altair renderer: one output per target format, chosen the way Quarto tells the kernel.

HTML gets `text/markdown` holding a raw-HTML block, never `text/html`: real Quarto injects require.js and
jQuery from a CDN into any page whose cells emit `text/html` (DESIGN §4). Typst and PDF get a vector SVG.
Every output also carries `text/plain` alt text.
"""
from __future__ import annotations

import copy
import functools
import html
import json
import os
import re
import subprocess
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from clustercsr import vendor
from clustercsr.charts import details, print_layout, theme
from clustercsr.safety import csv_safe_frame

STATIC_WIDTH = 640
_page_has_scripts = False


def target_format() -> str:
    info = os.environ.get("QUARTO_EXECUTE_INFO")
    if info and Path(info).is_file():
        fmt = json.loads(Path(info).read_text(encoding="utf-8")).get("format", {})
        target = fmt.get("identifier", {}).get("target-format") or fmt.get("pandoc", {}).get("to")
        if target:
            return "html" if target.startswith("html") else target
    return "html"


def project_root() -> Path:
    if os.environ.get("QUARTO_PROJECT_ROOT"):
        return Path(os.environ["QUARTO_PROJECT_ROOT"])
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if (folder / "_quarto.yml").is_file():
            return folder
    return here


def document_dir() -> Path:
    return Path(os.environ.get("QUARTO_DOCUMENT_PATH") or Path.cwd()).resolve()


def json_for_script(value) -> str:
    """JSON that cannot close its <script> element or open a comment, whatever the data holds. Keys keep their
    order: Vega applies a scale's properties in key order, so a point scale with `padding` then `paddingOuter`
    lays out differently from one with them the other way round (vl-convert's order is the one it drew)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def chart_meta(spec: dict) -> dict:
    meta = (spec.get("usermeta") or {}).get("clustercsr") or {}
    if not meta.get("name"):
        raise ValueError("chart spec lacks usermeta.clustercsr.name; build charts with clustercsr.charts builders")
    return meta


def static_spec(spec: dict) -> dict:
    """A copy for export: sized (vl-convert has no container to measure), without the interactive-only lists."""
    out = copy.deepcopy(spec)
    # the narrow layout (usermeta.clustercsr.variants.narrow) says how wide its static drawing is
    width = ((spec.get("usermeta") or {}).get("clustercsr") or {}).get("static_width") or STATIC_WIDTH

    def fix(node):
        if isinstance(node, dict):
            if node.get("width") == "container":
                node["width"] = width
            for v in node.values():
                fix(v)
        elif isinstance(node, list):
            for v in node:
                fix(v)

    fix(out)
    return out


def to_svg(spec: dict) -> str:
    """Static SVG with the chart's title and description as its accessible name (Vega adds them only in browsers)."""
    return labelled_svg(vlc.vegalite_to_svg(static_spec(spec)), spec)


def labelled_svg(svg: str, spec: dict) -> str:
    meta = (spec.get("usermeta") or {}).get("clustercsr") or {}
    label = html.escape(spec.get("description") or meta.get("title") or "Chart", quote=True)
    title = html.escape(meta.get("title") or "Chart")
    return re.sub(r"<svg\b([^>]*)>", lambda m: f'<svg{m.group(1)} role="img" aria-label="{label}"><title>{title}</title>'
                  f"<desc>{label}</desc>", svg, count=1)


def _replace_named_data(node, urls: dict):
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if key == "data" and isinstance(value, dict) and value.get("name") in urls:
                node[key] = {"url": urls[value["name"]], "format": {"type": "json"}}
            else:
                _replace_named_data(value, urls)
    elif isinstance(node, list):
        for v in node:
            _replace_named_data(v, urls)


def table_dataset(spec: dict, fields: list[str]) -> str | None:
    """The dataset holding every field the data table shows: the chart's own tidy table."""
    for name, rows in (spec.get("datasets") or {}).items():
        if rows and all(f in rows[0] for f in fields):
            return name
    return None


# ---- HTML: Vega compiled at build time, a static preview of each layout, the live view drawn by charts.js ----

# Containers at most this wide get the "narrow" variant; charts.js and site.css use the same number.
NARROW_MAX = 480
# The widths previews are drawn at: the chart column of common screens (320, 360, 375, 390, 412 and 430 px phones;
# 768 and 1024 px tablets; 1280 px and wider desktops, whose column stops at 736 px), the explorer's box beside its
# controls (365 to 396 px) and steps between. site.css shows, for a container of width c, the preview drawn at the
# widest of these that is at most c, and gives the chart's box that width; the live view is drawn in the same box,
# so it is the preview, pixel for pixel, whatever c is (at a common width the box fills the column). Keep this list
# and the @container ranges of site.css the same (tests/test_runtime.py checks them).
PREVIEW_WIDTHS = (280, 320, 335, 350, 372, 390, 520, 600, 680, 720, 728, 736)
PREVIEWS = "figures/preview"
# usermeta keys that concern only the build (the other layouts' Vega-Lite, print), not the page.
# "details" and "explorer" (charts/details.py) reach the page as a JSON block of their own, their rows in files.
_BUILD_ONLY_META = ("variants", "print", "themes", "details", "explorer")


def layouts(spec: dict) -> dict[str, dict]:
    """The chart's Vega-Lite specs by layout: "wide" is the spec itself; usermeta.variants adds the others."""
    out = {"wide": spec}
    out.update((chart_meta(spec).get("variants") or {}))
    return out


def themed(spec: dict, scheme: str) -> dict:
    out = copy.deepcopy(spec)
    out["config"] = {**out.get("config", {}), **theme.config_for(spec, scheme)}
    return out


def page_meta(spec: dict) -> dict:
    """The chart's usermeta as the page sees it: without the build-only keys."""
    usermeta = dict(spec.get("usermeta") or {})
    usermeta["clustercsr"] = {k: v for k, v in (usermeta.get("clustercsr") or {}).items() if k not in _BUILD_ONLY_META}
    return copy.deepcopy(usermeta)


def _page_vega_lite(spec: dict, urls: dict) -> dict:
    """The spec as the page loads it: datasets replaced by the shared files' URLs."""
    out = copy.deepcopy({k: v for k, v in spec.items() if k not in ("datasets", "usermeta")})
    _replace_named_data(out, urls)
    out["usermeta"] = page_meta(spec)
    return out


def check_transforms(vega: dict, name: str) -> None:
    """Fail the build, not the reader's browser, when a spec needs something the shipped runtime leaves out: a
    transform, mark type, projection, data format or colour scheme (VENDOR.json lists what it has)."""
    missing = vendor.unsupported(vega)
    if missing:
        raise ValueError(f"chart {name!r} needs {'; '.join(missing)}, which the shipped chart runtime leaves "
                         "out: add them in js/vega-runtime.mjs or js/slim/ and run `make vendor`, or change the "
                         "chart (README, \"The chart runtime\")")


def fit_container(vega: dict) -> dict:
    """A chart as wide as its container, padding and overhanging labels included. Vega-Lite makes single and
    layered views with `width: "container"` fit ("fit-x"), but leaves concatenated ones padded: their views
    take the container's whole width and the padding comes on top, so the chart would be drawn about 12 px
    wider than its column and scaled down. Their views share the `width` signal, so fitting works for them too."""
    width = next((s for s in vega.get("signals", []) if s.get("name") == "width"), {})
    if "containerSize()" in str(width.get("init", "")) and vega.get("autosize", "pad") in ("pad", {"type": "pad"}):
        vega["autosize"] = {"type": "fit-x", "contains": "padding"}
    return vega


def dark_patch(light, dark, path=()) -> list:
    """The [path, value] replacements (a path alone: delete) that turn the light Vega spec into the dark one.
    The two differ only in colours, so the page ships one spec and a short patch instead of two specs."""
    if type(light) is not type(dark) or (isinstance(light, list) and len(light) != len(dark)):
        return [[list(path), dark]]
    if isinstance(light, dict):
        out = []
        for key in sorted(set(light) | set(dark)):
            if key not in dark:
                out.append([list(path + (key,))])
            elif key not in light:
                out.append([list(path + (key,)), dark[key]])
            else:
                out += dark_patch(light[key], dark[key], path + (key,))
        return out
    if isinstance(light, list):
        return [p for i, (a, b) in enumerate(zip(light, dark)) for p in dark_patch(a, b, path + (i,))]
    return [] if light == dark else [[list(path), dark]]


# Generic families: fontconfig chooses the face for them, as the browser does.
_GENERIC = ("sans-serif", "serif", "monospace", "system-ui")


def _fc(*args: str) -> str:
    try:
        return subprocess.run(["fc-" + args[0], *args[1:]], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


@functools.cache
def _browser_font() -> str | None:
    """The family a Linux browser draws the theme's font stack in: the first family of the stack that is
    installed, or fontconfig's face for the generic family that ends it. vl-convert falls back differently (an
    absent family is measured in some other face), so previews measured with the stack itself could lay out
    text a few pixels apart from the live view."""
    for family in (f.strip().strip('"') for f in theme.FONT.split(",")):
        if family in _GENERIC:
            return _fc("match", "-f", "%{family[0]}", family) or None
        if _fc("list", family, "family"):
            return family
    return None


def _numbered_clips(svg: str) -> str:
    """vl-convert numbers clip paths across every drawing of the process (clip71 in the tenth chart drawn); number
    them within the SVG, so the same chart always draws to the same bytes, whichever was drawn before it."""
    ids = {}
    return re.sub(r"\bclip(\d+)\b", lambda m: "clip" + ids.setdefault(m.group(1), str(len(ids) + 1)), svg)


def preview_svg(vega: dict, rows_by_url: dict, width: int, scheme: str = "light") -> str:
    """The Vega spec drawn by vl-convert as the live view draws it in a container `width` px wide: the same
    compiled spec, its data inlined, containerSize() (which vl-convert cannot measure) fixed, and text measured
    in the font the browser will use. The SVG names the theme's font stack, so the reader's own font draws it."""
    spec = copy.deepcopy(vega)
    for d in spec.get("data", []):
        if d.get("url") in rows_by_url:
            d["values"] = rows_by_url[d.pop("url")]
            d.pop("format", None)
    text = json.dumps(spec).replace("containerSize()", f"[{width},NaN]")
    font, stack = _browser_font(), json.dumps(theme.FONT)[1:-1]
    if font:
        text = text.replace(stack, font)
    svg = _numbered_clips(vlc.vega_to_svg(json.loads(text)))
    if font:
        svg = svg.replace(f'font-family="{html.escape(font)}"', f'font-family="{html.escape(theme.FONT, quote=True)}"')
    # "currentColor" (a selected mark's outline, a legend's symbols) is the page's text colour in the live view,
    # which is inline; an SVG shown as an image has no page around it, so the preview names that colour itself
    return re.sub(r"<svg\b", f'<svg color="{theme.PALETTE[scheme]["text"]}"', svg, count=1)


def svg_size(svg: str) -> tuple[int, int]:
    m = re.search(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"', svg)
    if not m:
        raise ValueError("vl-convert returned an SVG without a width and height")
    return round(float(m.group(1))), round(float(m.group(2)))


# A colour as the compiled specs write it (and the SVG repeats it): hex or rgb()/rgba().
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\([^()]*\)")


def colour_map(light, dark) -> dict | None:
    """Each colour of the light Vega spec and the colour the dark spec has in its place. The two specs differ only
    in colours (see dark_patch), so the dark preview is the light one with these colours replaced. None when the
    specs pair colours ambiguously (one light colour becomes two dark ones, or a value changes that is not a
    colour): the dark previews are then drawn by vl-convert."""
    pairs = {}

    def walk(a, b):
        if isinstance(a, dict) and isinstance(b, dict):
            if a.keys() != b.keys():
                raise ValueError
            for key in a:
                walk(a[key], b[key])
        elif isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                raise ValueError
            for x, y in zip(a, b):
                walk(x, y)
        elif isinstance(a, str) and isinstance(b, str):
            ca, cb = _COLOUR.findall(a), _COLOUR.findall(b)
            if len(ca) != len(cb) or (a != b and _COLOUR.sub("", a) != _COLOUR.sub("", b)):
                raise ValueError
            for x, y in zip(ca, cb):
                if pairs.setdefault(x.lower(), y) != y:
                    raise ValueError
        elif a != b:
            raise ValueError

    try:
        walk(light, dark)
    except ValueError:
        return None
    return pairs


def recolour(svg: str, colours: dict) -> str:
    return _COLOUR.sub(lambda m: colours.get(m.group(0).lower(), m.group(0)), svg)


def preview_variant(width: int, compiled: dict) -> str:
    """The layout a container `width` px wide shows: the same rule as charts.js's."""
    return "narrow" if width <= NARROW_MAX and "narrow" in compiled else "wide"


def write_previews(name: str, compiled: dict, rows_by_url: dict, root: Path, rel_root: str) -> tuple[list, set]:
    """A preview for each width of PREVIEW_WIDTHS and each theme. The dark ones are the light ones recoloured
    (half the drawing), once a dark preview drawn by vl-convert has matched its recoloured light one, byte for
    byte, for that layout. Widths that draw the same SVG share one file (one <img>, listing its widths)."""
    shown, files, by_svg = [], set(), {}
    colours = {v: colour_map(specs["light"], specs["dark"]) for v, specs in compiled.items()}
    checked = set()
    for width in PREVIEW_WIDTHS:
        variant = preview_variant(width, compiled)
        light = preview_svg(compiled[variant]["light"], rows_by_url, width, "light")
        if colours[variant] is not None and variant in checked:
            dark = recolour(light, colours[variant])
        else:
            dark = preview_svg(compiled[variant]["dark"], rows_by_url, width, "dark")
            if colours[variant] is not None and recolour(light, colours[variant]) != dark:
                colours[variant] = None  # this chart's colours do not map one to one: draw every dark preview
            checked.add(variant)
        for scheme, svg in (("light", light), ("dark", dark)):
            entry = by_svg.get((scheme, svg))
            if entry:
                entry["widths"].append(width)
                continue
            rel = f"{PREVIEWS}/{name}.{width}.{scheme}.svg"
            path = root / rel
            if not path.is_file() or path.read_text(encoding="utf-8") != svg:
                path.write_text(svg, encoding="utf-8")
            files.add(rel)
            w, h = svg_size(svg)
            by_svg[(scheme, svg)] = entry = {"widths": [width], "scheme": scheme, "src": f"{rel_root}/{rel}", "w": w, "h": h}
            shown.append(entry)
    return shown, files


def write_assets(spec: dict, root: Path) -> tuple[dict, list[str], dict]:
    """Write the chart's shared data, downloads (SVG, PNG, CSV) and previews under figures/; compile every
    layout to Vega. Returns the page payload (what charts.js reads), the files written, and page details."""
    meta = chart_meta(spec)
    name = meta["name"]
    figures = root / "figures"
    (figures / "data").mkdir(parents=True, exist_ok=True)
    (root / PREVIEWS).mkdir(parents=True, exist_ok=True)
    files = set()
    rel_root = os.path.relpath(root, document_dir()).replace(os.sep, "/")
    variants = layouts(spec)

    # Shared data: one file per dataset, named by Altair from its content, so equal tables share a file.
    urls, rows_by_url, data_files = {}, {}, {}
    for variant in variants.values():
        for dname, rows in (variant.get("datasets") or {}).items():
            urls[dname] = f"{rel_root}/figures/data/{dname}.json"
            rows_by_url[urls[dname]] = rows
            data_files[urls[dname]] = (f"figures/data/{dname}.json", rows)

    # what a selection reveals (charts/details.py): its rows go to shared files, read by chart-details.js
    panels, panel_files = details.externalize(meta, figures / "data", f"{rel_root}/figures/data")
    files |= {f"figures/data/{f}" for f in panel_files}

    (figures / f"{name}.svg").write_text(to_svg(spec), encoding="utf-8")
    (figures / f"{name}.png").write_bytes(vlc.vegalite_to_png(static_spec(spec), scale=2))
    # What a browser prints (site.css, site.js): the report's print form, so paper never shows the one setting on
    # screen or screen wording; the explorer, for one, prints as its table of settings and outcomes.
    printed = print_layout.to_print_svg(spec, opts=None, font=theme.FONT)
    (figures / f"{name}.print.svg").write_text(labelled_svg(printed, spec), encoding="utf-8")
    fields = [f for f, _ in meta.get("table", [])]
    table_name = table_dataset(spec, fields) if fields else None
    if table_name:
        frame = pd.DataFrame(spec["datasets"][table_name])[fields]
        frame.columns = [title for _, title in meta["table"]]
        csv_safe_frame(frame).to_csv(figures / f"{name}.csv", index=False, lineterminator="\n")
        files.add(f"figures/{name}.csv")
    files |= {f"figures/{name}.svg", f"figures/{name}.png", f"figures/{name}.print.svg"}

    payload = {"usermeta": page_meta(spec), "narrowMax": NARROW_MAX,
               "variants": {}, "dark": {}}
    compiled = {}
    for vname, variant in variants.items():
        compiled[vname] = {s: fit_container(vlc.vegalite_to_vega(themed(_page_vega_lite(variant, urls), s)))
                           for s in ("light", "dark")}
        check_transforms(compiled[vname]["light"], name)
        payload["variants"][vname] = compiled[vname]["light"]
        payload["dark"][vname] = dark_patch(compiled[vname]["light"], compiled[vname]["dark"])
    # Only the datasets the compiled specs load become files (the build deletes files no page refers to).
    used = json.dumps(payload)
    for url, (rel, rows) in data_files.items():
        if json.dumps(url) in used or rel == f"figures/data/{table_name}.json":  # the data table loads its own
            path, text = root / rel, json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            files.add(rel)
    # A preview for each width of container and theme (a chart without a narrow layout is drawn wide at any width).
    previews, preview_files = write_previews(name, compiled, rows_by_url, root, rel_root)
    files |= preview_files
    info = {"rel_root": rel_root, "table_url": urls.get(table_name) if table_name else None, "previews": previews,
            "table_rows": spec["datasets"][table_name] if table_name else None, "details": panels}
    return payload, sorted(files), info


def bindings_html(vega: dict) -> str:
    """The controls Vega builds for bound signals, written into the page as Vega will build them, so they hold
    their place before the runtime arrives (Vega empties this form and rebuilds the same markup in it)."""
    esc = html.escape
    out = []
    for sig in vega.get("signals", []):
        bind = sig.get("bind")
        if not isinstance(bind, dict) or "input" not in bind or bind.get("element"):
            continue
        label = f'<span class="vega-bind-name">{esc(str(bind.get("name") or sig["name"]))}</span>'
        value, signal = sig.get("value"), esc(sig["name"], quote=True)
        if bind["input"] == "radio":
            labels = bind.get("labels") or []
            opts = "".join(f'<label><input type="radio" name="{signal}" value="{esc(str(o), quote=True)}"'
                           f'{" checked" if str(o) == str(value) else ""}>{esc(str(labels[i] if i < len(labels) else o))}</label>'
                           for i, o in enumerate(bind.get("options", [])))
            out.append(f'<div class="vega-bind">{label}<span class="vega-bind-radio">{opts}</span></div>')
        elif bind["input"] == "select":
            labels = bind.get("labels") or []
            opts = "".join(f'<option value="{esc(str(o), quote=True)}"{" selected" if str(o) == str(value) else ""}>'
                           f'{esc(str(labels[i] if i < len(labels) else o))}</option>' for i, o in enumerate(bind.get("options", [])))
            out.append(f'<div class="vega-bind"><label>{label}<select name="{signal}">{opts}</select></label></div>')
        else:
            attrs = {k: v for k, v in bind.items() if k not in ("input", "name", "element", "debounce", "options", "labels")}
            extra = "".join(f' {esc(k)}="{esc(str(v), quote=True)}"' for k, v in attrs.items())
            checked = " checked" if bind["input"] == "checkbox" and value else ""
            val = "" if bind["input"] == "checkbox" else f' value="{esc(str(value), quote=True)}"'
            after = f"<span>{esc(str(value))}</span>" if bind["input"] == "range" else ""
            out.append(f'<div class="vega-bind"><label>{label}<input type="{esc(bind["input"])}"{extra} name="{signal}"'
                       f'{val}{checked}>{after}</label></div>')
    return f'<form class="vega-bindings cc-chart-controls">{"".join(out)}</form>' if out else ""


# Rows of the data table written into the page for readers without JavaScript; the CSV has them all.
NOSCRIPT_ROWS = 200


def _cell(value) -> str:
    if value is None:
        return ""
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def noscript_table(rows: list[dict], fields: list, csv_href: str) -> str:
    esc = html.escape
    head = "".join(f'<th scope="col">{esc(title)}</th>' for _, title in fields)
    body = "".join("<tr>" + "".join(f"<td>{esc(_cell(r.get(f)))}</td>" for f, _ in fields) + "</tr>"
                   for r in rows[:NOSCRIPT_ROWS])
    more = (f'<p>The first {NOSCRIPT_ROWS} of {len(rows)} rows; <a href="{csv_href}">the CSV</a> has them all.</p>'
            if len(rows) > NOSCRIPT_ROWS else "")
    return f"<noscript><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}</noscript>"


def figure_html(spec: dict, payload: dict, info: dict) -> str:
    global _page_has_scripts
    meta = chart_meta(spec)
    name = meta["name"]
    rel = info["rel_root"]
    alt_text = spec.get("description") or ""
    title = meta.get("title") or name
    esc = html.escape
    parts = []
    if not _page_has_scripts:
        # charts.js is small and deferred; it fetches the Vega runtime itself, once, when a chart is needed.
        parts.append(f'<script src="{rel}/assets/charts.js" data-runtime="{rel}/assets/vendor/vega-runtime.js" defer></script>')
        parts.append(f'<script src="{rel}/assets/chart-details.js" defer></script>')
        parts.append(f'<link rel="stylesheet" href="{rel}/assets/chart-details.css">')
        _page_has_scripts = True
    # a chart the report prints across a landscape page goes on one in a browser's print too (site.css)
    landscape = ' data-print-landscape=""' if name in print_layout.LANDSCAPE else ""
    parts.append(f'<div class="cc-chart" id="chart-{esc(name)}" data-chart="{esc(name)}" '
                 f'data-print="{rel}/figures/{esc(name)}.print.svg"{landscape}>')
    # The box is as wide as the preview site.css shows (the widest drawn at most as wide as the container) and as
    # tall as that preview: its width and height attributes reserve it before it loads, and the live view is drawn
    # in the same box. The box carries the alt text, once, for all its previews; charts.js hands it to the live
    # chart's own label.
    parts.append(f'<div class="cc-chart-view" role="img" aria-label="{esc(alt_text, quote=True)}">')
    for p in info["previews"]:
        # Lazy: the browser fetches only the preview that is displayed (width and theme), when it is near.
        parts.append(f'<img class="cc-chart-static" data-w="{" ".join(map(str, p["widths"]))}" data-scheme="{p["scheme"]}" '
                     f'src="{esc(p["src"])}" width="{p["w"]}" height="{p["h"]}" alt="" loading="lazy">')
    parts.append("</div>")
    parts.append(bindings_html(payload["variants"]["wide"]))
    parts.append(f'<script type="application/json" class="cc-chart-spec">{json_for_script(payload)}</script>')
    parts.append(details.page_config(spec, info))
    if meta.get("hint"):
        parts.append(f'<p class="cc-chart-hint">{esc(meta["hint"])}</p>')
    csv_href = f"{rel}/figures/{esc(name)}.csv"
    if info.get("table_url"):
        fields = json_for_script(meta["table"])
        parts.append(
            f'<details class="cc-chart-table" data-src="{esc(info["table_url"])}" data-fields="{esc(fields, quote=True)}">'
            f'<summary>Data table: {esc(title)}</summary><div class="cc-table-scroll" tabindex="0" role="region" '
            f'aria-label="Data table: {esc(title, quote=True)}">'
            + noscript_table(info["table_rows"], meta["table"], csv_href) + "</div>" + details.static_table(meta)
            + "</details>")
    links = []
    if info.get("table_url"):
        links.append(f'<a href="{csv_href}" download>Data (CSV)</a>')
    links.append(f'<a href="{rel}/figures/{esc(name)}.svg" download>Image (SVG)</a>')
    links.append(f'<a href="{rel}/figures/{esc(name)}.png" download>Image (PNG)</a>')
    parts.append('<p class="cc-chart-downloads">Download: ' + " · ".join(links) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


# `clustercsr build` executes each page once for all its formats: it sets CLUSTERCSR_TARGETS=html,typst and
# render() then returns the HTML bundle with the Typst SVG added under TYPST_SVG_MIME; the build's convert stage
# picks per format (publish/execute.py for_target). Without it (real Quarto), QUARTO_EXECUTE_INFO decides.
TARGETS_ENV = "CLUSTERCSR_TARGETS"
TYPST_SVG_MIME = "application/vnd.clustercsr.typst-svg+xml"


def targets() -> list[str]:
    wanted = [t.strip() for t in os.environ.get(TARGETS_ENV, "").split(",") if t.strip()]
    return wanted or [target_format()]


def render_typst(spec: dict, alt_text: str):
    # print: sized for the page it is placed on (charts/print_layout.py)
    svg = print_layout.to_print_svg(spec)
    return {"image/svg+xml": labelled_svg(svg, spec), "text/plain": alt_text}, {}


def render_html(spec: dict, alt_text: str):
    payload, files, info = write_assets(spec, project_root())
    block = "```{=html}\n" + figure_html(spec, payload, info) + "\n```\n"
    return {"text/markdown": block, "text/plain": alt_text}, {"clustercsr": {"files": files}}


def render(spec: dict, **_options):
    """Altair renderer entry point: returns (mimebundle, metadata) for the target format(s)."""
    alt_text = spec.get("description") or chart_meta(spec).get("title", "Chart")
    wanted = targets()
    if "html" not in wanted:
        return render_typst(spec, alt_text)
    bundle, meta = render_html(spec, alt_text)
    if any(t != "html" for t in wanted):
        bundle[TYPST_SVG_MIME] = render_typst(spec, alt_text)[0]["image/svg+xml"]
    return bundle, meta


def enable() -> None:
    # Datasets leave the page as shared files (write_assets), so Altair's guard against huge inline specs
    # would only stop large evidence bases from building.
    alt.data_transformers.disable_max_rows()
    alt.renderers.register("clustercsr", render)
    alt.renderers.enable("clustercsr")
