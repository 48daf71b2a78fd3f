"""What a reader sees of every chart's static SVG, in both layouts (wide and narrow), at 320, 375 and 1280 px.

Every builder returns a chart whose usermeta carries `variants.narrow`, the same chart laid out for a phone.
Both layouts are exported with vl-convert (as the site's static fallback and the PDF are) and drawn in Chromium:
no text may stick out of its SVG or the viewport, and no label may be cut short with "…". The words a reader
meets (axis and legend titles, the SVG's accessible labels) are human words, not field names, and the
interaction instructions live only in usermeta `hint`, never in the title, subtitle or description.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from clustercsr import charts, evidence
from clustercsr.charts import renderer, theme
from clustercsr.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "book"
WIDTHS = [320, 375, 1280]
NARROW_MAX = 480  # the narrow layout is for containers up to this width (PLAN contract 1)
# words a reader should never meet: Vega-Lite's defaults for untitled fields and our internal field names
FIELD_WORDS = re.compile(r"Count of Records|\(binned\)|\bkey: |group_order|year_pos|plot_lon|plot_lat|pair_key|"
                         r"signed_works|label_lon|label_lat|\b[a-z]+_[a-z_]+\b")
INSTRUCTIONS = re.compile(r"\b(hover|click|tap|drag|double-click|press|select (a|an|the)|mouse)\w*", re.I)


@lru_cache(maxsize=None)
def _ev():
    try:
        return evidence.load(ROOT)
    except BuildError:
        return evidence.load(FIXTURE)


@lru_cache(maxsize=None)
def layouts(name: str) -> dict[str, dict]:
    theme.enable()
    spec = charts.REGISTRY[name](_ev()).to_dict(validate=True)
    # the narrow layout as a standalone spec: its named data and the config come from the wide spec
    return {"wide": spec, "narrow": charts.variant_spec(spec, "narrow")}


@lru_cache(maxsize=None)
def svg(name: str, layout: str) -> str:
    spec = layouts(name)[layout]
    assert spec, f"{name}: no usermeta.clustercsr.variants.narrow layout"
    return renderer.to_svg(spec)


CASES = [pytest.param(n, lay, id=f"{n}-{lay}") for n in charts.REGISTRY for lay in ("wide", "narrow")]

MEASURE = """() => {
  const svg = document.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    const s = getComputedStyle(t);
    if (!t.textContent.trim() || s.display === 'none' || s.visibility === 'hidden' || +s.opacity === 0) continue;
    if (t.closest('[opacity="0"]')) continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const bad = [];
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) bad.push('outside its svg');
    if (r.left < -1 || r.right > innerWidth + 1) bad.push('outside the viewport');
    if (/\u2026\\s*$/.test(t.textContent)) bad.push('ends in an ellipsis');
    if (bad.length) out.push(`${JSON.stringify(t.textContent)} ${bad.join(', ')} ` +
      `(text ${Math.round(r.left)}..${Math.round(r.right)} x ${Math.round(r.top)}..${Math.round(r.bottom)}, ` +
      `svg ${Math.round(box.left)}..${Math.round(box.right)} x ${Math.round(box.top)}..${Math.round(box.bottom)})`);
  }
  return {faults: out, width: box.width, natural: svg.viewBox.baseVal ? svg.viewBox.baseVal.width : box.width};
}"""


@pytest.fixture(scope="module")
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


@pytest.mark.parametrize("name, layout", CASES)
def test_no_text_is_clipped_or_cut(page, name, layout):
    """Each text element of the static SVG lies inside its SVG and the viewport, and none ends in "…"."""
    markup = svg(name, layout)
    faults = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.set_content("<!doctype html><html><head><style>body{margin:0;padding:0 12px;font-family:system-ui}"
                         "svg{max-width:100%;height:auto;display:block}</style></head><body>"
                         f"<div style='max-width:680px'>{markup}</div></body></html>")
        found = page.evaluate(MEASURE)
        faults += [f"at {width} px: {f}" for f in found["faults"]]
    assert not faults, f"{name} ({layout}): {len(faults)} clipped or cut text(s):\n" + "\n".join(faults[:20])


@pytest.mark.parametrize("name", list(charts.REGISTRY))
def test_narrow_layout_fits_a_phone(name):
    """The narrow layout is drawn for a phone's width, so its static SVG is not a shrunken desktop chart, and it
    draws the same data as the wide one (its named datasets are all in the wide spec's datasets)."""
    narrow = layouts(name)["narrow"]
    assert narrow, f"{name}: no usermeta.clustercsr.variants.narrow layout"
    raw = layouts(name)["wide"]["usermeta"]["clustercsr"]["variants"]["narrow"]
    assert "datasets" not in raw and "config" not in raw
    used = set(re.findall(r'"name": "(data-[0-9a-f]+)"', json.dumps(raw)))
    assert used and used <= set(layouts(name)["wide"]["datasets"])
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg(name, "narrow")).group(1))
    assert width <= NARROW_MAX, f"{name}: the narrow static SVG is {width:.0f} px wide"


def _titles(spec) -> list[str]:
    """Every title and subtitle in a spec (top level and views), as text."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            t = node.get("title")
            if isinstance(t, dict):
                for key in ("text", "subtitle"):
                    v = t.get(key)
                    found.extend(v if isinstance(v, list) else [v] if v else [])
            elif isinstance(t, (str, list)) and ("mark" in node or "layer" in node or "vconcat" in node
                                                  or "hconcat" in node or "concat" in node):
                found.extend(t if isinstance(t, list) else [t])
            for k, v in node.items():
                if k not in ("datasets", "usermeta", "data"):
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk({k: v for k, v in spec.items() if k != "config"})
    return [str(x) for x in found]


@pytest.mark.parametrize("name, layout", CASES)
def test_instructions_only_in_hint(name, layout):
    """Titles, subtitles and the description describe the chart; how to interact is usermeta `hint` only."""
    spec = layouts(name)[layout]
    assert spec, f"{name}: no narrow layout"
    words = _titles(spec) + [spec.get("description", "")]
    said = [w for w in words if INSTRUCTIONS.search(w)]
    assert not said, f"{name} ({layout}) gives instructions outside usermeta.hint: {said}"
    meta = spec["usermeta"]["clustercsr"]
    if renderer_params(spec):
        assert meta.get("hint"), f"{name}: an interactive chart needs a usermeta hint"


def renderer_params(spec) -> bool:
    return '"params"' in json.dumps({k: v for k, v in spec.items() if k not in ("datasets", "usermeta")})


@pytest.mark.parametrize("name, layout", CASES)
def test_reader_meets_no_field_names(name, layout):
    """The static SVG's words, including the accessible labels Vega gives each mark, are human words."""
    markup = svg(name, layout)
    spoken = re.findall(r'aria-label="([^"]*)"', markup) + re.findall(r"<text[^>]*>([^<]*)</text>", markup)
    bad = sorted({m.group(0) + " in " + json.dumps(s[:90]) for s in spoken for m in [FIELD_WORDS.search(s)] if m})
    assert not bad, f"{name} ({layout}) exposes field names: " + "; ".join(bad[:8])


BAR_AND_NAMES = """() => {
  const svg = document.querySelector('svg');
  const texts = Array.from(svg.querySelectorAll('g.mark-text text')).filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect(); return {text: t.textContent.trim(), top: r.top, bottom: r.bottom}; });
  const bars = Array.from(svg.querySelectorAll('g.mark-rect path')).map(p => p.getBoundingClientRect())
    .filter(r => r.height > 4 && r.height < 16 && r.width > 4);  // the verdict bars, not the row-high targets
  return bars.map(b => {
    const above = texts.filter(t => t.bottom <= b.top + 1).sort((p, q) => q.bottom - p.bottom)[0];
    const below = texts.filter(t => t.top >= b.bottom - 1).sort((p, q) => p.top - q.top)[0];
    return {name: above ? above.text : null, above: above ? b.top - above.bottom : null,
            below: below ? below.top - b.bottom : null, next: below ? below.text : null};
  });
}"""


@pytest.mark.parametrize("layout", ["wide", "narrow", "brief"])
def test_research_landscape_bars_sit_with_their_own_topic(page, layout):
    """A topic's bar is drawn right under its name, nearer to it than to the next topic's name, so a reader
    pairs each verdict with the right topic (a one-line name once left its bar next to the following name, and
    a printed brief, whose rows are shortened to fit the page, drew names across the bars)."""
    if layout == "brief":
        from clustercsr.charts import print_layout
        markup = print_layout.to_print_svg(layouts("research-landscape")["wide"],
                                           opts={"papersize": "a4", "margin": {"x": "1.5cm", "y": "1.5cm"}})
    else:
        markup = svg("research-landscape", layout)
    page.set_viewport_size({"width": 375 if layout == "narrow" else 1280, "height": 900})
    page.set_content(f"<!doctype html><html><body style='margin:0'>{markup}</body></html>")
    bars = page.evaluate(BAR_AND_NAMES)
    assert len(bars) >= 5, f"found only {len(bars)} verdict bars"
    overlaps = [b for b in bars if b["above"] is not None and b["above"] < 0]
    assert not overlaps, f"names drawn across bars: {[b['name'] for b in overlaps][:5]}"
    strays = [b for b in bars if b["below"] is not None and b["above"] >= b["below"]]
    assert not strays, (f"{len(strays)} bars sit nearer the next topic's name than their own: "
                        + "; ".join(f"{b['name']!r} {b['above']:.0f} px above, {b['next']!r} {b['below']:.0f} px below"
                                    for b in strays[:5]))


TEXT_ON_BARS = """() => {
  const svg = document.querySelector('svg');
  const texts = Array.from(svg.querySelectorAll('g.mark-text text')).filter(t => t.textContent.trim())
    .map(t => ({text: t.textContent.trim(), r: t.getBoundingClientRect()}));
  const bars = Array.from(svg.querySelectorAll('g.mark-rect path')).map(p => p.getBoundingClientRect())
    .filter(r => r.height > 4 && r.height < 16 && r.width > 4);
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const lines = texts.filter((t, i) => texts.some((u, j) => j !== i && hit(t.r, u.r))).map(t => t.text);
  return {bars: bars.length, onBars: texts.filter(t => bars.some(b => hit(t.r, b))).map(t => t.text), lines};
}"""


@pytest.mark.parametrize("name, where", [("drivers-barriers", "brief"), ("drivers-barriers", "report"),
                                         ("research-landscape", "brief"), ("research-landscape", "report")])
def test_printed_names_clear_their_bars_and_each_other(page, name, where):
    """On paper the rows are shortened to fit the page, the text is not: no name may be printed across a bar or
    another name (both charts did so in the briefs, their names wrapped for a phone's column)."""
    from clustercsr.charts import print_layout
    opts = {"papersize": "a4", "margin": {"x": "1.5cm", "y": "1.5cm"}} if where == "brief" else None
    spec = layouts(name)["wide"]
    if (name, where) == ("drivers-barriers", "brief"):  # the governments brief prints Table 1's pairs
        theme.enable()
        spec = charts.drivers_barriers(_ev(), table1_only=True).to_dict()
    markup = print_layout.to_print_svg(spec, opts=opts)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_content(f"<!doctype html><html><body style='margin:0'>{markup}</body></html>")
    found = page.evaluate(TEXT_ON_BARS)
    assert found["bars"] >= 5, f"found only {found['bars']} bars"
    assert not found["onBars"], f"{name} ({where}): names printed across bars: {found['onBars'][:6]}"
    assert not found["lines"], f"{name} ({where}): names printed over each other: {found['lines'][:6]}"
