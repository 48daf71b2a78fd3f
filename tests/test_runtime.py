"""The chart runtime on the built site (issue 12): Vega compiled at build time, static first, strict CSP.

Browser tests run the pages as shipped: the CSP is a meta tag, so Chromium enforces it. A script installed
before the page's own records every CSP violation the page reports.
"""
from __future__ import annotations

import base64
import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import FIRST_SCROLL, ROOT, WAKE_CHARTS, site_missing_reason, site_pages, site_root

# Markers of the Vega-Lite compiler and vega-embed: their package names occur in their code (version checks,
# error messages, schema URLs), never in Vega's own runtime.
COMPILER_MARKERS = ("vega-lite", "vegaLite", "vega-embed", "vegaEmbed")
CSP_WATCH = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));"""
BOXES = """() => Array.from(document.querySelectorAll('.cc-chart')).map(f => {
  const r = f.querySelector('.cc-chart-view').getBoundingClientRect();
  return {id: f.id, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10}; })"""


def chart_pages() -> list:
    reason = site_missing_reason()
    if reason:
        return [pytest.param(None, id="no-site", marks=pytest.mark.skip(reason=reason))]
    site = site_root()
    return [pytest.param(p, id=p) for p in site_pages() if 'class="cc-chart"' in (site / p).read_text(encoding="utf-8")]


def csp_of(html: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    return m.group(1).replace("&#39;", "'") if m else ""


# ---------------------------------------------------------------------------------------------------------------
# The files as shipped (no browser)
# ---------------------------------------------------------------------------------------------------------------

def test_every_page_has_a_strict_script_policy(site_dir):
    for rel in site_pages(site_dir) + ["404.html"]:
        csp = csp_of((site_dir / rel).read_text(encoding="utf-8"))
        scripts = next((d.strip() for d in csp.split(";") if d.strip().startswith("script-src")), "")
        assert scripts, f"{rel} has no script-src in its CSP: {csp!r}"
        assert "'unsafe-eval'" not in scripts and "'unsafe-inline'" not in scripts, f"{rel}: {scripts}"
        # 'self', Pagefind's WebAssembly, and at most hashes of named inline scripts (the 404 page's)
        extra = [t for t in scripts.split()[1:] if t not in ("'self'", "'wasm-unsafe-eval'") and not t.startswith("'sha256-")]
        assert "'self'" in scripts and not extra, f"{rel}: {scripts}"


def test_no_shipped_script_contains_the_vega_lite_compiler(site_dir):
    scripts = [p for p in site_dir.rglob("*.js") if "pagefind" not in p.relative_to(site_dir).parts]
    assert any(p.name == "vega-runtime.js" for p in scripts), "the site ships no Vega runtime"
    found = {p.relative_to(site_dir).as_posix(): [m for m in COMPILER_MARKERS if m in p.read_text(encoding="utf-8")]
             for p in scripts}
    assert not {k: v for k, v in found.items() if v}, found


def test_pages_ship_vega_specs_not_vega_lite(site_dir):
    for rel in site_pages(site_dir):
        html = (site_dir / rel).read_text(encoding="utf-8")
        for spec in re.findall(r'<script type="application/json" class="cc-chart-spec">(.*?)</script>', html, re.S):
            assert "vega-lite/v" not in spec, f"{rel} ships a Vega-Lite spec"
            assert "vega/v" in spec, f"{rel} ships a chart spec that is not Vega"


def test_chart_data_holds_exactly_the_files_pages_refer_to(site_dir):
    """_site/figures/data (and the previews) hold exactly the files some page loads; the source tree's
    figures/data, which the build rewrites, holds the same set."""
    pattern = re.compile(r"figures/(?:data|preview)/[A-Za-z0-9._-]+")
    referenced = {m for rel in site_pages(site_dir) for m in pattern.findall((site_dir / rel).read_text(encoding="utf-8"))}
    shipped = {p.relative_to(site_dir).as_posix() for folder in ("data", "preview")
               for p in (site_dir / "figures" / folder).glob("*") if p.is_file()}
    assert referenced, "no page refers to any chart data"
    assert not referenced - shipped, f"pages refer to missing files: {sorted(referenced - shipped)}"
    assert not shipped - referenced, f"files no page refers to: {sorted(shipped - referenced)}"
    source = site_dir.parent / "figures" / "data"
    if site_dir.parent.joinpath("_quarto.yml").is_file() and source.is_dir():
        kept = {f"figures/data/{p.name}" for p in source.glob("*") if p.is_file()}
        assert kept == {r for r in referenced if r.startswith("figures/data/")}, sorted(kept ^ referenced)


def test_the_stylesheet_picks_a_preview_for_every_width_the_renderer_draws():
    """site.css shows, for a container c px wide, the preview drawn at the widest of renderer.PREVIEW_WIDTHS that is
    at most c, in a box of that width: its @container ranges are those widths, in order, from below the first to
    beyond the last, each showing the previews listed for its width."""
    from clustercsr.charts.renderer import PREVIEW_WIDTHS

    css = (ROOT / "assets" / "site.css").read_text(encoding="utf-8")
    ranges = re.findall(r"@container \(([^)]*)\) \{ \.cc-chart-view \{ width: (\d+)px; \} "
                        r"\.cc-chart-static\[data-w~=\"(\d+)\"\] \{ display: block; \} \}", css)
    widths = list(PREVIEW_WIDTHS)
    expected = [(f"width < {widths[1]}px" if i == 0 else f"{w}px <= width" if i == len(widths) - 1
                 else f"{w}px <= width < {widths[i + 1]}px", str(w), str(w)) for i, w in enumerate(widths)]
    assert ranges == expected


def test_a_dark_preview_is_its_light_one_recoloured_only_where_the_colours_pair_one_to_one():
    from clustercsr.charts.renderer import colour_map, recolour

    light = {"background": "#ffffff", "marks": [{"fill": "#0072B2", "stroke": "#ffffff"}], "expr": "x ? '#111' : '#222'"}
    dark = {"background": "#0d1117", "marks": [{"fill": "#56b4e9", "stroke": "#0d1117"}], "expr": "x ? '#eee' : '#ddd'"}
    colours = colour_map(light, dark)
    svg = '<svg><rect fill="#ffffff"/><path fill="#0072b2" stroke="#ffffff" clip-path="url(#clip1)"/><text fill="#222">#1</text></svg>'
    assert recolour(svg, colours) == ('<svg><rect fill="#0d1117"/><path fill="#56b4e9" stroke="#0d1117" '
                                      'clip-path="url(#clip1)"/><text fill="#ddd">#1</text></svg>')
    # one light colour that becomes two dark ones, a value that is not a colour, a key in one spec only: drawn
    assert colour_map({"a": "#fff", "b": "#fff"}, {"a": "#000", "b": "#111"}) is None
    assert colour_map({"a": "#fff", "n": 1}, {"a": "#000", "n": 2}) is None
    assert colour_map({"a": "white"}, {"a": "black"}) is None
    assert colour_map({"a": "#fff"}, {"a": "#000", "b": "#111"}) is None


# ---------------------------------------------------------------------------------------------------------------
# In the browser, under the shipped CSP
# ---------------------------------------------------------------------------------------------------------------

def _open(opener, rel, width, height, **kw):
    ctx = opener.context("light", width, height, **kw)
    ctx.add_init_script(CSP_WATCH)
    return opener.open(rel, context=ctx, wait_charts=False)


def _hover_until_tooltip(page, figure_id: str) -> bool:
    """Move the pointer over the chart's marks until one shows its tooltip (charts.js's own handler)."""
    marks = page.locator(f"#{figure_id} .cc-chart-live svg g.role-mark > path, #{figure_id} .cc-chart-live svg g.role-mark > g path")
    for i in range(min(marks.count(), 40)):
        mark = marks.nth(i)
        box = mark.bounding_box()
        if not box or box["width"] < 2 or box["height"] < 2:
            continue
        mark.hover(force=True)
        if page.evaluate("() => { const t = document.querySelector('.cc-tooltip'); return !!t && !t.hidden && t.textContent.trim().length > 0; }"):
            return True
    return False


def _responds_to_its_controls(page, figure_id: str) -> bool:
    """A chart whose details are HTML beside it (the explorer) has no tooltips: it responds when a control is set
    and the drawn marks change (the runtime evaluates the view's expressions under the CSP)."""
    drawn = f"() => Array.from(document.querySelectorAll('#{figure_id} .cc-chart-live svg text')).map(t => t.textContent).join('|')"
    before = page.evaluate(drawn)
    for radio in page.locator(f"#{figure_id} .cc-explorer input[type=radio]:not(:checked)").all():
        radio.check()
        try:
            page.wait_for_function(f"before => ({drawn})() !== before", arg=before, timeout=3000)
            return True
        except Exception:
            continue
    return False


@pytest.mark.browser
@pytest.mark.parametrize("rel", chart_pages())
def test_every_chart_draws_and_responds_under_the_shipped_csp(opener, rel):
    page, watch = _open(opener, rel, 1280, 900)
    page.evaluate(WAKE_CHARTS)
    figures = page.evaluate("() => Array.from(document.querySelectorAll('.cc-chart')).map(f => ({id: f.id, "
                            "rendered: f.dataset.rendered || null, error: f.dataset.error || null, "
                            "svg: !!f.querySelector('.cc-chart-live svg')}))")
    problems = [f"{f['id']} did not draw (data-rendered={f['rendered']!r} {f['error'] or ''})"
                for f in figures if f["rendered"] != "true" or not f["svg"]]
    for f in figures:
        if f["rendered"] == "true":
            page.locator(f"#{f['id']}").scroll_into_view_if_needed()
            if page.locator(f"#{f['id']} .cc-explorer").count():
                if not _responds_to_its_controls(page, f["id"]):
                    problems.append(f"{f['id']}: setting a control changed nothing drawn")
            elif not _hover_until_tooltip(page, f["id"]):
                problems.append(f"{f['id']}: no mark showed a tooltip under the pointer")
    violations = page.evaluate("window.__cspViolations")
    problems += [f"CSP violation: {v}" for v in violations]
    problems += [p for p in watch.problems()]
    csp_console = [e for e in watch.console_errors if "Content Security Policy" in e]
    problems += [f"console: {e}" for e in csp_console]
    assert not problems, f"{rel}:\n  " + "\n  ".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (375, 812)], ids=["desktop", "phone"])
@pytest.mark.parametrize("rel", chart_pages())
def test_every_figure_has_its_final_size_before_the_runtime_loads(opener, rel, width, height):
    """The box each figure takes before the runtime arrives (the runtime's request held back) is the box the
    live chart takes: same width and height, to the pixel, so nothing below it moves."""
    extra = {"has_touch": True, "is_mobile": True} if width < 500 else {}
    ctx = opener.context("light", width, height, **extra)
    ctx.route(re.compile(r".*/vega-runtime\.js$"), lambda route: route.abort())
    page = ctx.new_page()
    page.goto(opener.base_url + rel, wait_until="load")
    page.evaluate(WAKE_CHARTS)  # every figure asks for the runtime, which never arrives
    before = page.evaluate(BOXES)
    shown = ("() => Array.from(document.querySelectorAll('.cc-chart')).map(f => "
             "Array.from(f.querySelectorAll('img.cc-chart-static')).filter(i => i.offsetParent && i.complete && i.naturalWidth > 0).length)")
    # the previews are lazy images: the scroll asked for them; give the last ones their time to arrive
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({shown})().every(n => n === 1)", timeout=5000)
    previews = page.evaluate(shown)
    assert all(n == 1 for n in previews), f"{rel}: each figure should show exactly one loaded preview, got {previews}"

    live, _ = _open(opener, rel, width, height, **extra)
    live.evaluate(WAKE_CHARTS)
    after = live.evaluate(BOXES)
    moved = [f"{b['id']}: {b['width']}x{b['height']} before the runtime, {a['width']}x{a['height']} live"
             for b, a in zip(before, after) if abs(b["width"] - a["width"]) > 1 or abs(b["height"] - a["height"]) > 1]
    assert not moved, f"{rel} at {width}px:\n  " + "\n  ".join(moved)


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (375, 812)], ids=["desktop", "phone"])
@pytest.mark.parametrize("rel", chart_pages())
def test_every_live_chart_is_drawn_at_its_column_width(opener, rel, width, height):
    """A chart drawn wider than its column is shrunk into it by CSS, text and all: its labels come out smaller
    than the theme's sizes and a brush lags behind the pointer. Each live view is at most as wide as its box."""
    extra = {"has_touch": True, "is_mobile": True} if width < 500 else {}
    page, _ = _open(opener, rel, width, height, **extra)
    page.evaluate(WAKE_CHARTS)
    drawn = page.evaluate("() => Array.from(document.querySelectorAll('.cc-chart')).map(f => {"
                          "const svg = f.querySelector('.cc-chart-live svg');"
                          "return {id: f.id, box: f.querySelector('.cc-chart-view').clientWidth,"
                          " svg: svg ? +svg.getAttribute('width') : null}; })")
    assert all(d["svg"] for d in drawn), f"{rel}: not every chart drew: {drawn}"
    wide = [f"{d['id']}: drawn {d['svg']} px wide in a {d['box']} px column" for d in drawn if d["svg"] > d["box"] + 0.5]
    assert not wide, f"{rel} at {width}px:\n  " + "\n  ".join(wide)


@pytest.mark.browser
@pytest.mark.parametrize("rel", chart_pages())
def test_without_javascript_the_preview_and_the_data_table_are_the_figure(opener, rel):
    ctx = opener.context("light", 1280, 900, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(opener.base_url + rel, wait_until="load")
    for fig in page.locator(".cc-chart").all():
        fig.scroll_into_view_if_needed()
        img = fig.locator("img.cc-chart-static:visible")
        assert img.count() == 1, f"{fig.get_attribute('id')}: {img.count()} previews visible without JavaScript"
        img.evaluate("i => i.decode()")
        # the box of previews is the image, named by the alt text once (its previews are its pixels, alt="")
        named = fig.locator(".cc-chart-view[role=img]")
        assert img.evaluate("i => i.naturalWidth") > 0 and named.count() == 1 and named.get_attribute("aria-label")
        details = fig.locator("details.cc-chart-table")
        if details.count():
            details.locator("summary").click()
            assert details.locator("table tbody tr").count() > 0, f"{fig.get_attribute('id')}: no data table without JavaScript"


@pytest.mark.browser
def test_charts_come_alive_only_near_the_viewport(opener):
    """A chart far below the first screen is not drawn on load; scrolling to it draws it."""
    pages = [p.values[0] for p in chart_pages() if p.values[0]]
    if not pages:
        pytest.skip("no chart pages")
    ctx = opener.context("light", 1280, 800)
    for rel in pages:
        page = ctx.new_page()
        page.goto(opener.base_url + rel, wait_until="networkidle")  # anything loaded eagerly has loaded
        far = page.evaluate("() => Array.from(document.querySelectorAll('.cc-chart')).filter(f => "
                            "f.getBoundingClientRect().top > 3 * innerHeight).map(f => f.id)")
        if not far:
            page.close()
            continue
        assert page.evaluate("id => !document.getElementById(id).dataset.rendered", far[-1]), \
            f"{rel}: #{far[-1]} was drawn before the reader came near it"
        page.locator(f"#{far[-1]}").scroll_into_view_if_needed()
        page.wait_for_function("id => document.getElementById(id).dataset.rendered === 'true'", arg=far[-1])
        return
    pytest.skip("no chart lies far below the first screen")


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (412, 823)], ids=["desktop", "phone"])
@pytest.mark.parametrize("rel", chart_pages())
def test_no_chart_runs_until_the_reader_does_something(opener, rel, width, height):
    """A page that is only opened is read from its previews: the chart runtime is not fetched and no view is
    created, not even for a chart on the first screen, until the reader first scrolls, types, touches or moves
    the pointer. The first scroll then brings the chart the reader scrolls to alive."""
    extra = {"has_touch": True, "is_mobile": True} if width < 500 else {}
    page, watch = _open(opener, rel, width, height, **extra)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # idle callbacks and timers after load have had their turn
    fetched = [u for u in watch.requests if u.endswith("vega-runtime.js")]
    drawn = page.evaluate("() => Array.from(document.querySelectorAll('.cc-chart')).filter(f => f.dataset.rendered"
                          " || f.querySelector('.cc-chart-live')).map(f => f.id)")
    assert not fetched and not drawn, \
        f"{rel} at {width}px: before any input the runtime was fetched ({len(fetched)}x) and views made for {drawn}"
    first = page.locator(".cc-chart").first
    page.mouse.move(width / 2, height / 2)
    page.mouse.wheel(0, 120)
    first.scroll_into_view_if_needed()
    page.wait_for_function("f => f.dataset.rendered === 'true' && f.querySelector('.cc-chart-live svg')",
                           arg=first.element_handle(), timeout=15000)
    assert not watch.problems(), watch.problems()


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (412, 823)], ids=["desktop", "phone"])
def test_a_link_with_a_selection_shows_it_on_arrival_without_any_input(opener, width, height):
    """A permalink (?topic=…#fig-…) is restored in the live chart on arrival, with no scroll, key or pointer:
    the chart it names is drawn at once, holding the selection, and its panel lists the evidence."""
    name, key, value = "research-landscape", "topic", "child-labour-monitoring"
    site = site_root()
    rel = next((p for p in site_pages() if f'data-chart="{name}"' in (site / p).read_text(encoding="utf-8")), None)
    if not rel:
        pytest.skip(f"no page has the chart {name}")
    html = (site / rel).read_text(encoding="utf-8")
    figures = re.findall(r'<figure id="([^"]+)"', html[:html.index(f'id="chart-{name}"')])
    fig_id = figures[-1] if figures else f"chart-{name}"
    extra = {"has_touch": True, "is_mobile": True} if width < 500 else {}
    page, watch = _open(opener, f"{rel}?{key}={value}#{fig_id}", width, height, **extra)
    page.wait_for_function("([n, v]) => { const f = document.getElementById('chart-' + n);"
                           " return f.dataset.rendered === 'true' && f.dataset.ccViewSelected === v; }",
                           arg=[name, value], timeout=15000)
    items = page.locator(f"#chart-{name} .cc-details-body li")
    assert items.count() > 0, "the permalink's panel lists no evidence"
    assert not watch.problems(), watch.problems()


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(412, 823), (768, 1024)], ids=["phone-412", "tablet-768"])
@pytest.mark.parametrize("rel", chart_pages())
def test_a_preview_in_a_wider_column_is_shown_whole_at_its_drawn_size(opener, rel, width, height):
    """A column wider than the preview's layout (412 px phones, 768 px tablets) shows the preview at the size it
    was drawn, whole, with its text at the live chart's sizes; it is not scaled up to the column's width and
    cut off at the foot of its box."""
    extra = {"has_touch": True, "is_mobile": True} if width < 500 else {}
    ctx = opener.context("light", width, height, **extra)
    ctx.route(re.compile(r".*/vega-runtime\.js$"), lambda route: route.abort())
    page = ctx.new_page()
    page.goto(opener.base_url + rel, wait_until="load")
    page.evaluate(WAKE_CHARTS)
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('.cc-chart')).map(f => {
      const box = f.querySelector('.cc-chart-view').getBoundingClientRect();
      const img = Array.from(f.querySelectorAll('img.cc-chart-static')).find(i => i.offsetParent);
      if (!img) return {id: f.id, missing: true};
      const r = img.getBoundingClientRect(), w = +img.getAttribute('width'), h = +img.getAttribute('height');
      const scale = Math.min(r.width / w, r.height / h);  // object-fit: contain
      return {id: f.id, box: [box.width, box.height], img: [r.width, r.height], drawn: [w, h], scale}; })""")
    bad = [f"{s['id']}: preview {s['img'][0]:.0f}x{s['img'][1]:.0f} px in a {s['box'][0]:.0f}x{s['box'][1]:.0f} box "
           f"(drawn {s['drawn'][0]}x{s['drawn'][1]})" for s in shown
           if not s.get("missing") and (s["img"][1] > s["box"][1] + 1 or s["scale"] > 1.01)]
    assert not bad, f"{rel} at {width}px:\n  " + "\n  ".join(bad)


# What the reader sees of each figure: the displayed preview (or the live chart's SVG), as a rectangle on the page,
# and the figure's chart box as pixels.
SEEN = """() => Array.from(document.querySelectorAll('.cc-chart')).map(f => {
  const view = f.querySelector('.cc-chart-view');
  const live = f.dataset.rendered === 'true';
  const el = live ? f.querySelector('.cc-chart-live svg')
                  : Array.from(f.querySelectorAll('img.cc-chart-static')).find(i => i.offsetParent);
  const r = el ? el.getBoundingClientRect() : null;
  return {id: f.id, live, ready: !!el && (live || (el.complete && el.naturalWidth > 0)),
          src: el && !live ? el.getAttribute('src') : null,
          rect: r && [r.x + scrollX, r.y + scrollY, r.width, r.height]}; })"""
# Two PNGs compared in a blank page's canvases. A pixel has moved when its colour lies outside the range of
# colours of the other image's pixels around it (3x3, per channel, a little slack): an edge that falls a fraction
# of a pixel apart (two rasterisers' anti-aliasing, text measured a hundredth of a pixel apart) has not moved, a
# bar that ends elsewhere or a line that breaks elsewhere has.
PIXEL_DIFF = """async ([a, b]) => {
  const load = src => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
  const [ia, ib] = await Promise.all([load(a), load(b)]);
  if (ia.width !== ib.width || ia.height !== ib.height) return {size: [[ia.width, ia.height], [ib.width, ib.height]]};
  const w = ia.width, h = ia.height;
  const px = img => { const c = document.createElement('canvas'); c.width = w; c.height = h;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, w, h).data; };
  const da = px(ia), db = px(ib);
  const within = (p, q, x, y) => {
    for (let k = 0; k < 3; k++) {
      let lo = 255, hi = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        const v = q[(yy * w + xx) * 4 + k]; lo = Math.min(lo, v); hi = Math.max(hi, v);
      }
      const v = p[(y * w + x) * 4 + k];
      if (v < lo - 16 || v > hi + 16) return false;
    }
    return true;
  };
  let differ = 0, moved = 0, first = null;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 4;
    if (da[i] === db[i] && da[i + 1] === db[i + 1] && da[i + 2] === db[i + 2]) continue;
    differ++;
    if (!within(da, db, x, y) || !within(db, da, x, y)) { moved++; if (!first) first = [x, y]; }
  }
  return {moved, differ, of: w * h, first};
}"""
# the common screens: small, mid-size and large phones, both tablet sizes, and the desktop of the other tests
SCREENS = [(360, 780), (375, 812), (390, 844), (412, 823), (430, 932), (768, 1024), (1024, 768), (1280, 800)]
# in the light theme at each, in the dark one (whose previews are the light ones recoloured) on a phone and a desktop
SEEN_AT = [(w, h, "light") for w, h in SCREENS] + [(412, 823, "dark"), (1280, 800, "dark")]


def _seen(opener, rel, width, height, scheme, live: bool):
    """Each figure as the reader sees it, before the runtime (its request held back: the previews) or live."""
    extra = {"has_touch": True, "is_mobile": True} if width < 500 else {}
    ctx = opener.context(scheme, width, height, **extra)
    if not live:
        ctx.route(re.compile(r".*/vega-runtime\.js$"), lambda route: route.abort())
    page = ctx.new_page()
    page.goto(opener.base_url + rel, wait_until="load")
    page.evaluate(WAKE_CHARTS)  # before the runtime: every figure asked for it and kept its preview
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({SEEN})().every(f => f.ready)", timeout=5000)
    figures = page.evaluate(SEEN)
    for f in figures:
        assert f["ready"], f"{rel} at {width}px: {f['id']} shows no {'live chart' if live else 'loaded preview'}"
        f["png"] = page.locator(f"#{f['id']} .cc-chart-view").screenshot(animations="disabled", caret="hide")
    return figures


@pytest.mark.browser
@pytest.mark.parametrize("width, height, scheme", SEEN_AT, ids=[f"{w}-{s}" for w, _, s in SEEN_AT])
@pytest.mark.parametrize("rel", chart_pages())
def test_the_switch_to_the_live_chart_moves_no_pixel(opener, rel, width, height, scheme):
    """What the reader sees does not change when the live view replaces the preview, on any common screen: the
    preview and the live chart's SVG take the same rectangle of the page (to half a pixel), and the chart's box
    shows the same pixels before and after (a preview drawn for another width would have shorter bars or other
    line breaks, however well its box was sized)."""
    before = _seen(opener, rel, width, height, scheme, live=False)
    after = _seen(opener, rel, width, height, scheme, live=True)
    blank = opener.context("light", 400, 300).new_page()
    problems = []
    for b, a in zip(before, after):
        off = [round(p - q, 1) for p, q in zip(b["rect"], a["rect"])]
        if any(abs(d) > 0.5 for d in off):
            problems.append(f"{b['id']}: the preview ({b['src']}) takes x, y, width, height "
                            f"{[round(v, 1) for v in b['rect']]}, the live chart {[round(v, 1) for v in a['rect']]}")
            continue
        diff = blank.evaluate(PIXEL_DIFF, [f"data:image/png;base64,{base64.b64encode(p).decode()}" for p in (b["png"], a["png"])])
        if diff.get("size") or diff["moved"]:
            problems.append(f"{b['id']}: the box's pixels change when the live chart comes ({b['src']}): {diff}")
    assert not problems, f"{rel} at {width}px ({scheme}):\n  " + "\n  ".join(problems)


@pytest.mark.browser
def test_a_live_chart_is_drawn_again_at_its_new_preview_width_when_its_box_changes(opener):
    """Turning a tablet or resizing a window moves the container across previews' widths: the live chart is drawn
    again at the width of the preview its box now shows, in that width's layout."""
    from conftest import page_with_chart

    rel = page_with_chart("drivers-barriers")
    page, watch = _open(opener, rel, 412, 823)
    page.evaluate(WAKE_CHARTS)
    drawn = """() => { const f = document.getElementById('chart-drivers-barriers');
      const svg = f.querySelector('.cc-chart-live svg'), box = f.querySelector('.cc-chart-view');
      return {variant: f.dataset.variant, svg: svg ? +svg.getAttribute('width') : null,
              box: box.getBoundingClientRect().width}; }"""
    seen = []
    for width, box, variant in ((768, 728, "wide"), (1280, 680, "wide"), (412, 372, "narrow")):
        page.set_viewport_size({"width": width, "height": 900})
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(f"() => ({drawn})().svg === {box} && ({drawn})().variant === '{variant}'", timeout=10000)
        seen.append((width, page.evaluate(drawn)))
    wrong = [f"at {w} px: {d}" for (w, d), (_, box, variant) in zip(seen, ((768, 728, "wide"), (1280, 680, "wide"), (412, 372, "narrow")))
             if d != {"variant": variant, "svg": box, "box": box}]
    assert not wrong, "\n".join(wrong)
    assert not watch.problems(), watch.problems()


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (375, 812)], ids=["desktop", "phone"])
@pytest.mark.parametrize("rel", chart_pages())
def test_a_chart_coming_alive_leaves_the_page_where_the_reader_is(opener, rel, width, height):
    """While the reader looks at a chart, its live view replaces the preview without scrolling the page: the chart
    keeps its place on the screen (a layout read between the two steps of the swap let the browser's scroll
    anchoring move the page by the chart's height)."""
    extra = {"has_touch": True, "is_mobile": True} if width < 500 else {}
    page, _ = _open(opener, rel, width, height, **extra)
    page.evaluate(FIRST_SCROLL)
    moved = []
    for fid in page.evaluate("() => Array.from(document.querySelectorAll('.cc-chart')).map(f => f.id)"):
        where = f"() => [scrollY, document.getElementById('{fid}').getBoundingClientRect().top]"
        # the reader has scrolled the chart's head off the top of the screen: the browser anchors the scroll
        # position to what is on screen, the chart itself
        page.evaluate(f"() => {{ const v = document.querySelector('#{fid} .cc-chart-view').getBoundingClientRect();"
                      f" scrollTo(0, v.top + scrollY + Math.min(100, v.height / 2)); }}")
        before = page.evaluate(where)
        page.wait_for_function(f"() => document.getElementById('{fid}').dataset.rendered === 'true'", timeout=15000)
        page.wait_for_timeout(300)
        after = page.evaluate(where)
        if abs(after[0] - before[0]) > 0.5 or abs(after[1] - before[1]) > 0.5:
            moved.append(f"{fid}: scrollY and top {before} before, {after} live")
    assert not moved, f"{rel} at {width}px:\n  " + "\n  ".join(moved)
