"""Reader interactions with every chart, on the built site, as a reader at a desk and on a phone meets them.

For every chart, at 1280×800 with a mouse and at 375×812 with touch emulation (issue 11):
- a selection by pointer, by tap and by keyboard fills the chart's HTML details panel (outside the canvas),
  and the panel is then on screen: after scrollIntoView its box meets the viewport and the element at its
  centre lies inside it;
- every interactive target (controls, links, buttons, selectable marks) is at least 24×24 CSS px;
- a permalink restores the selection, and a garbage value in the URL changes nothing;
- the theme toggle keeps the selection (and the other settings), and its accessible state matches it;
- "Download this view" gives the current state stamped with title, source and licence;
- the live chart is named by its title and described by its fig-alt; no internal field name is exposed.

Conventions the tests rely on (chart-details.js and the builders provide them):
- the panel is `.cc-details` inside the chart's `.cc-chart`, with an `aria-live="polite"` body
  `.cc-details-body`; each piece of evidence is an `li` in it;
- the keyboard control is the `select` elements in `.cc-details-controls`;
- selectable marks are drawn by Vega marks whose view name contains `cc_target` (hit areas).
"""
from __future__ import annotations

import re
import urllib.parse

import pytest

from conftest import FIRST_SCROLL, ROOT, page_with_chart, site_root

pytestmark = pytest.mark.browser

# name → (URL key, a valid value for it)
SELECTABLE = {
    "drivers-barriers": ("factor", "business-associations"),
    "research-landscape": ("topic", "child-labour-monitoring"),
    "evidence-matrix": ("cell", None),  # any cell; the first option of its control
    "cluster-map": ("cluster", "sialkot-surgical-instruments"),
    "literature-timeline": ("years", "2000-2006"),
    "limitations": ("critique", "export-focus"),
    "conceptual-model": ("model-factor", None),
    "frameworks-compared": ("framework", None),
}
ALL_CHARTS = [*SELECTABLE, "proposition-explorer"]
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True,
              "device_scale_factor": 2},
}
INTERNAL_NAMES = re.compile(r"Count of Records|group_order|\bkey:|\(binned\)|plot_lon|plot_lat|pair_key|signed_works|"
                            r"year_pos|type_order|theme_order|_id\b|datum\.|(?-i:\bundefined\b|\bNaN\b|\bnull\b)", re.I)
MIN_TARGET = 24 - 0.5  # CSS px, WCAG 2.2 SC 2.5.8 (half a pixel for sub-pixel layout)


def open_chart(opener, name: str, device: str = "desktop", scheme: str = "light", query: str = ""):
    """Open the page holding `name` on `device`, bring the chart to the reader and wait for its live view."""
    rel = page_with_chart(name)
    ctx = opener.browser.new_context(color_scheme=scheme, reduced_motion="reduce", **DEVICES[device])
    ctx.set_default_timeout(15_000)
    opener.contexts.append(ctx)
    origin = re.escape(opener.origin)
    ctx.route(re.compile(rf"^(?!{origin}/)(?!data:)(?!blob:)"), lambda route: route.abort("blockedbyclient"))
    page, watch = opener.open(rel + query, context=ctx, wait_charts=False)
    fig = page.locator(f"#chart-{name}")
    page.evaluate(FIRST_SCROLL)  # charts.js draws nothing before the reader's first input
    fig.scroll_into_view_if_needed()
    page.wait_for_function("n => { const f = document.getElementById('chart-' + n);"
                           " return f && f.dataset.rendered === 'true' && f.querySelector('.cc-chart-view svg'); }",
                           arg=name)
    return page, watch, fig


def panel_of(fig):
    panel = fig.locator(".cc-details")
    assert panel.count() >= 1, "the chart has no HTML details panel (.cc-details) outside its canvas"
    body = panel.first.locator(".cc-details-body")
    assert body.count() == 1, "the details panel has no .cc-details-body"
    assert body.get_attribute("aria-live") == "polite", "the details panel's body is not an aria-live=polite region"
    return panel.first, body


VISIBLE = """el => { el.scrollIntoView({block: 'nearest'}); const r = el.getBoundingClientRect();
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const meets = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw;
  const cx = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1), cy = Math.min(Math.max(r.top + Math.min(r.height, vh) / 2, 0), vh - 1);
  const hit = document.elementFromPoint(cx, cy);
  return {meets, inside: !!hit && el.contains(hit), hit: hit ? hit.tagName + '.' + hit.className : null,
          rect: [r.left, r.top, r.width, r.height]}; }"""


def assert_panel_shows_evidence(page, body, how: str):
    try:
        page.wait_for_function("b => b.querySelectorAll('li').length > 0", arg=body.element_handle(), timeout=15000)
    except Exception:
        pytest.fail(f"after a selection by {how}, the details panel lists nothing: {body.inner_text()[:200]!r}")
    seen = body.evaluate(VISIBLE)
    assert seen["meets"] and seen["inside"], f"after a selection by {how}, the details panel is not on screen: {seen}"
    text = body.inner_text()
    assert not INTERNAL_NAMES.search(text), f"the panel shows an internal name: {INTERNAL_NAMES.search(text)[0]!r}"


TARGETS = """(fig) => Array.from(fig.querySelectorAll('.cc-chart-view svg g.role-mark[class*="cc_target"] > *'))
  .map((el, i) => { const r = el.getBoundingClientRect(); return {i, w: r.width, h: r.height,
     x: r.left + r.width / 2, y: r.top + r.height / 2}; }).filter(t => t.w > 0 && t.h > 0)"""


def pick_target(page, fig):
    """The first selectable mark whose centre the reader can hit (nothing drawn over it but its own mark)."""
    fig.locator(".cc-chart-view svg").scroll_into_view_if_needed()
    targets = fig.evaluate(TARGETS)
    assert targets, "the chart has no selectable marks (Vega marks named cc_target)"
    for t in targets:
        el = fig.locator('.cc-chart-view svg g.role-mark[class*="cc_target"] > *').nth(t["i"])
        el.scroll_into_view_if_needed()
        box = el.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        hit = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y);"
                            " return !!e && !!e.closest('g.role-mark') && e.closest('g.role-mark').getAttribute('class').includes('cc_target'); }",
                            [x, y])
        if hit:
            return x, y
    pytest.fail("no selectable mark can be reached by the pointer (each is covered by another element)")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", SELECTABLE)
def test_pointer_or_tap_selection_shows_the_details_panel(opener, name, device):
    page, watch, fig = open_chart(opener, name, device)
    panel, body = panel_of(fig)
    if name == "literature-timeline":  # a brush: drag (or swipe) across some years
        svg = fig.locator(".cc-chart-view svg")
        box = fig.locator(".cc-chart-view svg g.role-mark[class*='cc_target']").first.bounding_box()
        assert box, "the timeline has no selectable bars"
        y = box["y"] + box["height"] - 4
        page.mouse.move(box["x"] + box["width"] * 0.3, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=5)
        page.mouse.up()
        del svg
    else:
        x, y = pick_target(page, fig)
        if device == "phone":
            page.touchscreen.tap(x, y)
        else:
            page.mouse.click(x, y)
    assert_panel_shows_evidence(page, body, "tap" if device == "phone" else "pointer")
    # clearing never needs a double-click: the panel's clear button empties it
    panel.locator("button.cc-details-clear").click()
    page.wait_for_function("b => b.querySelectorAll('li').length === 0", arg=body.element_handle(), timeout=15000)
    assert not watch.problems(), watch.problems()


FOCUS = """() => { const e = document.activeElement; if (!e) return null; const cs = getComputedStyle(e);
  return {tag: e.tagName, inControls: !!e.closest('.cc-details-controls'), chart: e.closest('.cc-chart') ? e.closest('.cc-chart').id : null,
          outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 || cs.boxShadow !== 'none'}; }"""


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", SELECTABLE)
def test_keyboard_selection_shows_the_details_panel(opener, name, device):
    page, watch, fig = open_chart(opener, name, device)
    panel, body = panel_of(fig)
    # Tab from the figure's start until focus reaches the chart's own selection control
    fig.evaluate("f => { const s = document.createElement('span'); s.tabIndex = -1; s.id = 'cc-test-start';"
                 " f.parentNode.insertBefore(s, f); s.focus(); }")
    found = None
    for _ in range(40):
        page.keyboard.press("Tab")
        el = page.evaluate(FOCUS)
        if el and el["inControls"] and el["chart"] == f"chart-{name}" and el["tag"] == "SELECT":
            found = el
            break
    assert found, "Tab never reaches a selection control (select) of the chart's details panel"
    assert found["outline"], "the focused selection control shows no visible focus indicator"
    page.keyboard.press("ArrowDown")
    assert_panel_shows_evidence(page, body, "keyboard")
    page.keyboard.press("Escape")
    page.wait_for_function("b => b.querySelectorAll('li').length === 0", arg=body.element_handle(), timeout=15000)
    assert not watch.problems(), watch.problems()


SMALL_TARGETS = """(fig) => {
  const out = [];
  const size = el => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  fig.querySelectorAll('a[href], button, select, summary, input, [tabindex]:not([tabindex="-1"])').forEach(el => {
    if (!el.getClientRects().length) return;
    // what a closed <details> holds is not shown to the reader (Chromium still lays out its box)
    if (el.closest('details:not([open])') && !el.matches('summary')) return;
    let [w, h] = size(el);
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      const label = (el.id && fig.querySelector('label[for="' + el.id + '"]')) || el.closest('label');
      if (label) { const r = label.getBoundingClientRect(), ri = el.getBoundingClientRect();
        w = Math.max(r.right, ri.right) - Math.min(r.left, ri.left); h = Math.max(r.bottom, ri.bottom) - Math.min(r.top, ri.top); }
    }
    if (w < MIN || h < MIN) out.push(el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : '') + ' "' +
      (el.textContent || el.value || '').trim().slice(0, 30) + '" ' + w.toFixed(1) + 'x' + h.toFixed(1));
  });
  fig.querySelectorAll('.cc-chart-view svg g.role-mark[class*="cc_target"] > *').forEach(el => {
    const [w, h] = size(el);
    if ((w > 0 || h > 0) && (w < MIN || h < MIN)) out.push('mark ' + (el.getAttribute('aria-label') || '').slice(0, 40) + ' ' + w.toFixed(1) + 'x' + h.toFixed(1));
  });
  return out;
}"""


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_interactive_target_is_at_least_24px(opener, name, device):
    page, watch, fig = open_chart(opener, name, device)
    if name in SELECTABLE:
        assert fig.evaluate(TARGETS), "the chart has no selectable marks (Vega marks named cc_target)"
    small = fig.evaluate(SMALL_TARGETS.replace("MIN", str(MIN_TARGET)))
    assert not small, f"{len(small)} interactive targets are smaller than 24×24 px: {small[:12]}"


def choose(controls, name: str, value: str) -> None:
    """Make the selection `value` with the panel's menus (the timeline's is a range: From and To)."""
    if name == "literature-timeline":
        lo, hi = value.split("-")
        controls.nth(0).select_option(lo)
        controls.nth(1).select_option(hi)
    else:
        controls.first.select_option(value)


def valid_value(page, fig, name):
    key, value = SELECTABLE[name]
    if value:
        return key, value
    options = fig.locator(".cc-details-controls select option").evaluate_all(
        "os => os.map(o => o.value).filter(v => v)")
    assert options, "the chart's selection control has no options"
    return key, options[0]


@pytest.mark.parametrize("name", SELECTABLE)
def test_permalink_restores_the_selection_and_garbage_changes_nothing(opener, name):
    page, watch, fig = open_chart(opener, name)
    panel, body = panel_of(fig)
    key, value = valid_value(page, fig, name)
    fig_id = fig.evaluate("f => (f.closest('figure') || f).id")
    # a selection writes itself into the URL
    controls = fig.locator(".cc-details-controls select")
    assert controls.count(), "the chart's details panel has no selection control"
    choose(controls, name, value)
    page.wait_for_function("([k, v]) => new URL(location.href).searchParams.get(k) === v", arg=[key, value], timeout=15000)
    link = page.url
    assert urllib.parse.urlsplit(link).fragment == fig_id, f"the link {link} does not point at the figure #{fig_id}"
    copy = panel.locator("button.cc-copy-link")
    assert copy.count() == 1, "the panel has no Copy link button"

    page2, watch2, fig2 = open_chart(opener, name, query="?" + urllib.parse.urlencode({key: value}) + "#" + fig_id)
    _, body2 = panel_of(fig2)
    assert_panel_shows_evidence(page2, body2, "permalink")
    page2.wait_for_function("([n, v]) => { const f = document.getElementById('chart-' + n);"
                            " return f.dataset.ccSelected === v && f.dataset.ccViewSelected === v; }",
                            arg=[name, value], timeout=15000)
    if SELECTABLE[name][0] == "years":  # a restored brush is drawn, not only applied to the bars
        page2.wait_for_function("n => { const b = document.querySelector('#chart-' + n + ' svg g[class*=\"years_brush\"] path');"
                                " return !!b && b.getBoundingClientRect().width > 10; }", arg=name, timeout=15000)

    for garbage in ["%3Cscript%3Ealert(1)%3C/script%3E", "no-such-thing", "", "%00%ff", "1-2-3-4"]:
        page3, watch3, fig3 = open_chart(opener, name, query=f"?{key}={garbage}&{key}=x#{fig_id}")
        _, body3 = panel_of(fig3)
        assert body3.locator("li").count() == 0, f"the garbage value {garbage!r} selected something"
        assert not fig3.evaluate("f => f.dataset.ccSelected"), f"the garbage value {garbage!r} set a selection"
        assert not watch3.problems(), f"{garbage!r}: {watch3.problems()}"
    assert not watch.problems() and not watch2.problems()


@pytest.mark.parametrize("name", SELECTABLE)
def test_theme_toggle_keeps_the_selection(opener, name):
    page, watch, fig = open_chart(opener, name)
    panel, body = panel_of(fig)
    _, value = valid_value(page, fig, name)
    controls = fig.locator(".cc-details-controls select")
    choose(controls, name, value)
    if name == "literature-timeline":
        fig.locator("input[type=radio][value=theme]").check()
    page.wait_for_function("([n, v]) => document.getElementById('chart-' + n).dataset.ccSelected === v",
                           arg=[name, value], timeout=15000)
    page.wait_for_function("b => b.querySelectorAll('li').length > 0", arg=body.element_handle(), timeout=15000)
    items = body.locator("li").count()
    svg_before = fig.locator(".cc-chart-view svg").evaluate("s => s.outerHTML")
    toggle = page.locator("#theme-toggle")
    toggle.click()
    page.wait_for_function("([n, before]) => { const f = document.getElementById('chart-' + n);"
                           " const s = f.querySelector('.cc-chart-view svg');"
                           " return document.documentElement.dataset.theme === 'dark' && f.dataset.rendered === 'true'"
                           " && s && s.outerHTML !== before; }", arg=[name, svg_before])
    # the redrawn live view holds the selection again (its selection store), and the panel still lists it
    page.wait_for_function("([n, v]) => { const f = document.getElementById('chart-' + n);"
                           " return f.dataset.ccSelected === v && f.dataset.ccViewSelected === v; }",
                           arg=[name, value], timeout=15000)
    page.wait_for_function("b => b.querySelectorAll('li').length > 0", arg=body.element_handle(), timeout=15000)
    assert body.locator("li").count() == items, "the theme change emptied or changed the details panel"
    if name == "literature-timeline":
        assert fig.locator("input[type=radio][value=theme]").is_checked(), "the theme change reset 'Stack by'"
    pressed = toggle.get_attribute("aria-pressed")
    label = toggle.evaluate("b => (b.getAttribute('aria-label') || b.textContent).trim()")
    assert not (pressed == "true" and re.search(r"light", label, re.I)), \
        f"dark mode is on and the toggle reads {label!r} pressed={pressed}: a screen reader hears the opposite"
    assert not watch.problems(), watch.problems()


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_live_chart_is_named_by_its_title_and_described_by_its_alt_text(opener, name):
    page, watch, fig = open_chart(opener, name)
    info = fig.evaluate("""f => { const svg = f.querySelector('.cc-chart-view svg');
      const ids = (svg.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
      const labels = Array.from(svg.querySelectorAll('[aria-label]')).map(e => e.getAttribute('aria-label'));
      const hidden = Array.from(svg.querySelectorAll('[aria-hidden=true]')).length;
      return {label: svg.getAttribute('aria-label'), described: ids.map(i => (document.getElementById(i) || {}).textContent || ''),
              labels, alt: ((f.closest('figure') || f).querySelector('.visually-hidden') || {}).textContent || '',
              title: f.dataset.title || ''}; }""")
    assert info["label"] and not re.match(r"^[\d\s.\-]+", info["label"]) and len(info["label"]) < 140, \
        f"the chart's accessible name is {info['label']!r}, not its title"
    assert any(d.strip() and d.strip() == info["alt"].strip() for d in info["described"]), \
        f"the chart is not described by its fig-alt (aria-describedby gives {info['described']})"
    bad = sorted({m for lab in info["labels"] for m in INTERNAL_NAMES.findall(lab or "")})
    assert not bad, f"aria labels expose internal names {bad}: e.g. " + \
        str([lab for lab in info["labels"] if INTERNAL_NAMES.search(lab or "")][:3])


@pytest.mark.parametrize("name", ["drivers-barriers", "literature-timeline"])
def test_download_this_view_stamps_the_current_state(opener, name):
    page, watch, fig = open_chart(opener, name)
    _, value = valid_value(page, fig, name)
    controls = fig.locator(".cc-details-controls select")
    choose(controls, name, value)
    button = fig.locator("button.cc-download-view[data-format=svg]")
    assert button.count() == 1, "the chart has no 'Download this view (SVG)' button"
    with page.expect_download() as dl:
        button.click()
    svg = open(dl.value.path(), encoding="utf-8").read()
    assert "<svg" in svg and "CC BY 4.0" in svg, "the SVG of this view carries no licence line"
    assert "clustercsr" in svg.lower() or "http" in svg, "the SVG of this view carries no source line"
    with page.expect_download() as dl:
        fig.locator("button.cc-download-view[data-format=png]").click()
    assert open(dl.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n", "the PNG of this view is not a PNG"
    # the default-state downloads stay
    assert fig.locator(".cc-chart-downloads a[download][href$='.png']").count() == 1
    assert not watch.problems(), watch.problems()


@pytest.mark.parametrize("device", DEVICES)
def test_proposition_explorer_controls_and_outcome_are_seen_together(opener, device):
    page, watch, fig = open_chart(opener, "proposition-explorer", device)
    radios = fig.locator("input[type=radio]")
    assert radios.count() >= 10, "the explorer has too few radio controls"
    live = fig.locator("[aria-live=polite].cc-explorer-outcome")
    assert live.count() == 1, "the explorer's outcome is not announced (no aria-live .cc-explorer-outcome)"
    glossary = fig.locator(".cc-glossary")
    assert glossary.count() == 1 and len(glossary.text_content()) > 100, "the glossary is not HTML text"
    outcome = fig.locator(".cc-chart-view svg")
    for i in [radios.count() - 1, 0]:
        radio = radios.nth(i)
        if radio.is_checked():
            radio = radios.nth(i - 1 if i else 1)
        before = live.inner_text()
        radio.scroll_into_view_if_needed()
        radio.check()
        page.wait_for_function("([el, b]) => el.textContent !== b", arg=[live.element_handle(), before], timeout=15000)
        for what, loc in (("the control just changed", radio), ("the outcome", outcome)):
            seen = loc.evaluate("""el => { const r = el.getBoundingClientRect();
              return r.top >= -1 && r.bottom <= window.innerHeight + 1 || (r.top < window.innerHeight && r.bottom > 0 && r.height > window.innerHeight * 0.3); }""")
            assert seen, f"{what} is not on screen while the reader changes a control ({device})"
    assert not watch.problems(), watch.problems()


COVERED_TEXT = """(fig) => {
  const svg = fig.querySelector('.cc-chart-view svg');
  const out = [];
  Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()).slice(0, 80).forEach(t => {
    const r = t.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || getComputedStyle(t).visibility === 'hidden') return;
    t.scrollIntoView({block: 'center', inline: 'nearest'});
    const b = t.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    if (!hit || !svg.contains(hit)) out.push(JSON.stringify(t.textContent.trim().slice(0, 30)) + ' under ' +
      (hit ? hit.tagName.toLowerCase() + '.' + (hit.className.baseVal ?? hit.className) : 'nothing'));
  });
  return out;
}"""


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", ALL_CHARTS)
def test_drawn_text_is_not_covered_or_clipped(opener, name, device):
    """What the chart draws is what the reader sees: no label sits under another element of the page (the
    explorer's tiles were once cut off by their too-small box and covered by the outcome text beside them)."""
    page, watch, fig = open_chart(opener, name, device)
    covered = fig.evaluate(COVERED_TEXT)
    assert not covered, f"{len(covered)} chart labels are hidden under another element: {covered[:8]}"


def explorer_settings(fig) -> list[str]:
    return fig.locator("fieldset.cc-explorer-group").evaluate_all(
        "gs => gs.map(g => (g.querySelector('input[type=radio]:checked') || {}).value)")


def test_proposition_explorer_permalink_restores_its_settings_and_garbage_changes_nothing(opener):
    page, watch, fig = open_chart(opener, "proposition-explorer")
    fig_id = fig.evaluate("f => (f.closest('figure') || f).id")
    defaults = explorer_settings(fig)
    groups = fig.locator("fieldset.cc-explorer-group")
    for g in (0, 2):  # change two settings: each writes itself into the URL
        groups.nth(g).locator("input[type=radio]:not(:checked)").first.check()
    changed = explorer_settings(fig)
    assert changed != defaults
    page.wait_for_function("n => Array.from(new URL(location.href).searchParams.keys()).length === n", arg=2, timeout=15000)
    link = page.url
    parts = urllib.parse.urlsplit(link)
    assert parts.fragment == fig_id, f"the link {link} does not point at the figure #{fig_id}"
    assert sorted(urllib.parse.parse_qs(parts.query).values()) == sorted([[changed[0]], [changed[2]]]), \
        f"the link {link} does not carry exactly the two changed settings"
    outcome = fig.locator(".cc-explorer-outcome").inner_text()
    assert outcome.strip(), "the explorer announces no outcome"

    page2, watch2, fig2 = open_chart(opener, "proposition-explorer", query=f"?{parts.query}#{fig_id}")
    assert explorer_settings(fig2) == changed, f"opening {link} did not restore the settings"
    page2.wait_for_function("([el, t]) => el.innerText === t",
                            arg=[fig2.locator(".cc-explorer-outcome").element_handle(), outcome], timeout=15000)

    keys = list(urllib.parse.parse_qs(parts.query))
    garbage = "&".join(f"{k}=%3Cb%3Enope&{k}=" for k in keys) + "&" + "&".join(f"{k}=1-2" for k in keys)
    page3, watch3, fig3 = open_chart(opener, "proposition-explorer", query=f"?{garbage}#{fig_id}")
    assert explorer_settings(fig3) == defaults, "a garbage value in the URL changed a setting"
    for w in (watch, watch2, watch3):
        assert not w.problems(), w.problems()


@pytest.mark.parametrize("device", DEVICES)
def test_listed_evidence_names_its_passage_in_the_review(opener, device):
    """Issue 13: a reader holding the paper can find each listed claim: every item shows its locator on screen."""
    import pandas as pd
    name, (key, value) = "drivers-barriers", SELECTABLE["drivers-barriers"]
    page, watch, fig = open_chart(opener, name, device)
    panel, body = panel_of(fig)
    choose(fig.locator(".cc-details-controls select"), name, value)
    assert_panel_shows_evidence(page, body, "menu")
    items = body.locator("li")
    data = pd.read_csv(ROOT / "data" / "evidence.csv", dtype=str)
    expected = set(data.loc[data["subject_id"] == value, "locator"])
    shown = set()
    for i in range(items.count()):
        where = items.nth(i).locator(".cc-details-locator")
        assert where.count() == 1, f"item {i + 1} of the panel names no passage: {items.nth(i).inner_text()[:120]!r}"
        seen = where.evaluate(VISIBLE)
        assert seen["meets"] and seen["inside"], f"item {i + 1}'s passage is not visible ({device}): {seen}"
        found = re.search(r"§ [^,]+, ¶\d+(?:[–-]\d+)?", where.inner_text())
        assert found, f"item {i + 1}'s passage is not a locator: {where.inner_text()!r}"
        shown.add(found[0])
    assert shown and shown <= expected, f"locators shown that no evidence row of {value} has: {shown - expected}"
    assert not watch.problems(), watch.problems()
