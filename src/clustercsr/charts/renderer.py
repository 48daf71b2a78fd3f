"""The project's Altair renderer: one output per target format, chosen the way Quarto tells the kernel.

HTML gets `text/markdown` holding a raw-HTML block, never `text/html`: real Quarto injects require.js and
jQuery from a CDN into any page whose cells emit `text/html` (DESIGN §4). Typst and PDF get a vector SVG.
Every output also carries `text/plain` alt text.
"""
from __future__ import annotations

import copy
import html
import json
import os
import re
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

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
    """JSON that cannot close its <script> element or open a comment, whatever the data holds."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def chart_meta(spec: dict) -> dict:
    meta = (spec.get("usermeta") or {}).get("clustercsr") or {}
    if not meta.get("name"):
        raise ValueError("chart spec lacks usermeta.clustercsr.name; build charts with clustercsr.charts builders")
    return meta


def static_spec(spec: dict) -> dict:
    """A copy for export, sized: vl-convert has no container to measure."""
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


def write_assets(spec: dict, root: Path) -> tuple[dict, list[str], dict]:
    """Write the chart's shared data, SVG, PNG and CSV under figures/; return the page spec and the files."""
    meta = chart_meta(spec)
    name = meta["name"]
    figures = root / "figures"
    (figures / "data").mkdir(parents=True, exist_ok=True)
    files = []
    rel_root = os.path.relpath(root, document_dir()).replace(os.sep, "/")
    urls = {}
    for dname, rows in (spec.get("datasets") or {}).items():
        path = figures / "data" / f"{dname}.json"
        payload = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        if not path.is_file() or path.read_text(encoding="utf-8") != payload:
            path.write_text(payload, encoding="utf-8")
        files.append(f"figures/data/{dname}.json")
        urls[dname] = f"{rel_root}/figures/data/{dname}.json"

    # what a selection reveals (charts/details.py): its rows go to shared files, read by chart-details.js
    panels, panel_files = details.externalize(meta, figures / "data", f"{rel_root}/figures/data")
    files += [f"figures/data/{f}" for f in panel_files]

    (figures / f"{name}.svg").write_text(to_svg(spec), encoding="utf-8")
    (figures / f"{name}.png").write_bytes(vlc.vegalite_to_png(static_spec(spec), scale=2))
    fields = [f for f, _ in meta.get("table", [])]
    table_name = table_dataset(spec, fields) if fields else None
    if table_name:
        frame = pd.DataFrame(spec["datasets"][table_name])[fields]
        frame.columns = [title for _, title in meta["table"]]
        csv_safe_frame(frame).to_csv(figures / f"{name}.csv", index=False, lineterminator="\n")
        files.append(f"figures/{name}.csv")
    files += [f"figures/{name}.svg", f"figures/{name}.png"]

    page_spec = copy.deepcopy(spec)
    page_spec.pop("datasets", None)
    _replace_named_data(page_spec, urls)
    page_spec.setdefault("usermeta", {}).setdefault("clustercsr", {})["themes"] = {
        s: theme.config_for(spec, s) for s in ("light", "dark")
    }
    # the page gets details/explorer as a small JSON block of their own (the narrow layout's copy too)
    cmeta = page_spec["usermeta"]["clustercsr"]
    for key in ("details", "explorer"):
        cmeta.pop(key, None)
    for variant in (cmeta.get("variants") or {}).values():
        vmeta = ((variant or {}).get("usermeta") or {}).get("clustercsr") or {}
        for key in ("details", "explorer"):
            vmeta.pop(key, None)
    info = {"rel_root": rel_root, "table_url": urls.get(table_name) if table_name else None, "details": panels}
    return page_spec, sorted(files), info


def figure_html(spec: dict, page_spec: dict, info: dict) -> str:
    global _page_has_scripts
    meta = chart_meta(spec)
    name = meta["name"]
    rel = info["rel_root"]
    alt_text = spec.get("description") or ""
    title = meta.get("title") or name
    esc = html.escape
    parts = []
    if not _page_has_scripts:
        parts.append(f'<script src="{rel}/assets/vendor/vega-bundle.js" defer></script>')
        parts.append(f'<script src="{rel}/assets/charts.js" defer></script>')
        parts.append(f'<script src="{rel}/assets/chart-details.js" defer></script>')
        parts.append(f'<link rel="stylesheet" href="{rel}/assets/chart-details.css">')
        _page_has_scripts = True
    parts.append(f'<div class="cc-chart" id="chart-{esc(name)}" data-chart="{esc(name)}">')
    parts.append('<div class="cc-chart-view"></div>')
    parts.append(f'<script type="application/json" class="cc-chart-spec">{json_for_script(page_spec)}</script>')
    parts.append(details.page_config(spec, info))
    parts.append(f'<noscript><img class="cc-chart-fallback" src="{rel}/figures/{esc(name)}.svg" alt="{esc(alt_text, quote=True)}"></noscript>')
    if info.get("table_url"):
        fields = json_for_script(meta["table"])
        parts.append(
            f'<details class="cc-chart-table" data-src="{esc(info["table_url"])}" data-fields="{esc(fields, quote=True)}">'
            f'<summary>Data table: {esc(title)}</summary><div class="cc-table-scroll" tabindex="0" role="region" '
            f'aria-label="Data table: {esc(title, quote=True)}"><p>Loading the table… If it does not appear, '
            f'<a href="{rel}/figures/{esc(name)}.csv">download the data as CSV</a>.</p></div>{details.static_table(meta)}</details>')
    links = []
    if info.get("table_url"):
        links.append(f'<a href="{rel}/figures/{esc(name)}.csv" download>Data (CSV)</a>')
    links.append(f'<a href="{rel}/figures/{esc(name)}.svg" download>Image (SVG)</a>')
    links.append(f'<a href="{rel}/figures/{esc(name)}.png" download>Image (PNG)</a>')
    parts.append('<p class="cc-chart-downloads">Download: ' + " · ".join(links) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


def render(spec: dict, **_options):
    """Altair renderer entry point: returns (mimebundle, metadata)."""
    alt_text = spec.get("description") or chart_meta(spec).get("title", "Chart")
    if target_format() != "html":  # print: sized for the page it is placed on (charts/print_layout.py)
        svg = print_layout.to_print_svg(spec)
        return {"image/svg+xml": labelled_svg(svg, spec), "text/plain": alt_text}, {}
    page_spec, files, info = write_assets(spec, project_root())
    block = "```{=html}\n" + figure_html(spec, page_spec, info) + "\n```\n"
    return {"text/markdown": block, "text/plain": alt_text}, {"clustercsr": {"files": files}}


def enable() -> None:
    # Datasets leave the page as shared files (write_assets), so Altair's guard against huge inline specs
    # would only stop large evidence bases from building.
    alt.data_transformers.disable_max_rows()
    alt.renderers.register("clustercsr", render)
    alt.renderers.enable("clustercsr")
