"""Browser tests: every page of the built site, in headless Chromium, as a reader would load and use it.

One Chromium per session (conftest.chromium), a fresh browser context per test (conftest.opener). Nothing here
sleeps for a fixed time: each step waits for the condition it needs.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import SCHEMES, page_params, page_with_chart, site_pages, site_root

pytestmark = pytest.mark.browser

SEARCH_PAGE = "chapters/03-research-landscape.html"
CHART_STATE = """() => Array.from(document.querySelectorAll('.cc-chart')).map(f => ({
    id: f.id, rendered: f.dataset.rendered || null,
    drawn: !!f.querySelector('.cc-chart-view svg, .cc-chart-view canvas'),
    error: f.dataset.rendered === 'error' ? f.dataset.error || '' : null}))"""


# --------------------------------------------------------------------------------------------------------------
# Every page, both colour schemes
# --------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("rel", page_params())
def test_page_loads_cleanly_and_draws_its_charts(opener, rel, scheme):
    page, watch = opener.open(rel, scheme)
    charts = page.evaluate(CHART_STATE)

    problems = watch.problems()
    for c in charts:
        if c["rendered"] != "true" or not c["drawn"]:
            problems.append(f"chart {c['id']} did not draw an SVG or canvas "
                            f"(data-rendered={c['rendered']!r}{', ' + c['error'] if c['error'] else ''})")
    vega = [u for u in watch.requests if u.split("?")[0].endswith(("/vega-runtime.js", "/charts.js"))]
    if not charts and vega:
        problems.append(f"a page without charts loads chart code: {vega}")
    if charts and not vega:
        problems.append("a page with charts did not load the Vega runtime")
    theme = page.evaluate("document.documentElement.dataset.theme")
    if theme != scheme:
        problems.append(f"data-theme is {theme!r} under prefers-color-scheme: {scheme}")
    assert not problems, f"{rel} ({scheme}):\n  " + "\n  ".join(problems)


# --------------------------------------------------------------------------------------------------------------
# Interactions
# --------------------------------------------------------------------------------------------------------------

# Selections and their HTML details panels are tested chart by chart in test_browser_charts.py.


def test_proposition_explorer_outcome_follows_its_controls(opener):
    """Changing any radio control redraws the explorer with a different outcome (the chart's SVG changes)."""
    rel = page_with_chart("proposition-explorer")
    page, watch = opener.open(rel)
    fig = page.locator("#chart-proposition-explorer")
    radios = fig.locator(".cc-explorer input[type=radio]")
    assert radios.count() >= 2, "the proposition explorer has no radio controls"
    svg = fig.locator(".cc-chart-view svg")

    changed = []
    for i in range(radios.count()):
        radio = radios.nth(i)
        if radio.is_checked():
            continue
        before = svg.evaluate("s => s.outerHTML")
        radio.check()
        try:
            page.wait_for_function("([s, before]) => document.querySelector(s).outerHTML !== before",
                                   arg=["#chart-proposition-explorer .cc-chart-view svg", before], timeout=3000)
        except Exception:
            continue
        changed.append(radio.evaluate("r => r.name + '=' + r.value"))
        break
    assert changed, "no radio control changed the proposition explorer's outcome"
    assert not watch.problems(), watch.problems()


class _Paragraphs(HTMLParser):
    """The text of the <p> elements inside <main>."""

    def __init__(self):
        super().__init__()
        self.in_main = self.depth = 0
        self.paragraphs, self._buf = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = 1
        elif tag == "p" and self.in_main:
            self._buf = []

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = 0
        elif tag == "p" and self._buf is not None:
            self.paragraphs.append(" ".join("".join(self._buf).split()))
            self._buf = None

    def handle_data(self, data):
        if self._buf is not None:
            self._buf.append(data)


def _prose(rel: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed((site_root() / rel).read_text(encoding="utf-8"))
    return parser.paragraphs


def search_phrase(rel: str) -> str:
    """Three consecutive words from the page's prose that occur together on as few other pages as possible."""
    others = [set(re.findall(r"[a-z]+", " ".join(_prose(r)).lower())) for r in site_pages() if r != rel]
    best, best_score = None, None
    for para in _prose(rel):
        words = para.split()
        for i in range(len(words) - 2):
            run = words[i:i + 3]
            if not all(re.fullmatch(r"[A-Za-z]{5,}", w) for w in run):
                continue
            score = sum(all(w.lower() in page for w in run) for page in others)
            if best_score is None or score < best_score:
                best, best_score = " ".join(run), score
    if best is None:
        pytest.fail(f"{rel} has no prose to search for")
    return best


def test_search_finds_a_phrase_from_chapter_3(opener, site_dir):
    if not (site_dir / SEARCH_PAGE).is_file():
        pytest.fail(f"{SEARCH_PAGE} is missing from the site")
    phrase = search_phrase(SEARCH_PAGE)
    page, watch = opener.open("index.html")
    box = page.locator("#search input")
    box.fill(phrase)
    results = page.locator("#search .pagefind-ui__result-link")
    results.first.wait_for()
    hrefs = results.evaluate_all("els => els.map(a => a.href)")
    expected = opener.base_url + SEARCH_PAGE
    assert any(h.split("#")[0].split("?")[0] == expected for h in hrefs), f"searching {phrase!r} gave {hrefs}, not {expected}"
    assert not watch.problems(), watch.problems()


def test_theme_toggle_switches_and_persists(opener):
    rel = page_with_chart("drivers-barriers")
    ctx = opener.context("light")
    page, watch = opener.open(rel, context=ctx)
    html = page.locator("html")
    assert html.get_attribute("data-theme") == "light"
    svg_before = page.locator(".cc-chart-view svg").first.evaluate("s => s.outerHTML")

    toggle = page.locator("#theme-toggle")
    toggle.click()
    assert html.get_attribute("data-theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate("localStorage.getItem('cc-theme')") == "dark"
    # The charts redraw in the dark theme.
    page.wait_for_function("before => { const s = document.querySelector('.cc-chart-view svg');"
                           " return s && s.outerHTML !== before && document.querySelector('.cc-chart').dataset.rendered === 'true'; }",
                           arg=svg_before)

    page.reload(wait_until="load")
    assert html.get_attribute("data-theme") == "dark", "the dark choice did not survive a reload"
    assert page.locator("#theme-toggle").get_attribute("aria-pressed") == "true"
    # And on another page of the same site.
    other, _ = opener.open("index.html", context=ctx)
    assert other.locator("html").get_attribute("data-theme") == "dark"

    other.locator("#theme-toggle").click()
    assert other.locator("html").get_attribute("data-theme") == "light"
    assert other.evaluate("localStorage.getItem('cc-theme')") == "light"
    assert not watch.problems(), watch.problems()


FOCUSED = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
  return {tag: e.tagName.toLowerCase(), cls: e.className || '', id: e.id || '', text: (e.textContent || '').trim().slice(0, 40),
          nav: !!e.closest('nav.sidebar'), bind: !!e.closest('.vega-bind, .cc-explorer-controls, .cc-details-controls'), search: !!e.closest('#search') && e.tagName === 'INPUT',
          skip: e.classList.contains('skip-link')}; }"""


def test_keyboard_reaches_skip_link_navigation_chart_controls_and_search(opener):
    rel = page_with_chart("proposition-explorer")
    page, watch = opener.open(rel)
    page.locator("#search input").wait_for()  # Pagefind's UI is built by a deferred script
    seen, first = {"nav": False, "bind": False, "search": False}, None
    for _ in range(400):
        page.keyboard.press("Tab")
        el = page.evaluate(FOCUSED)
        if el is None:
            continue
        first = first or el
        for key in seen:
            seen[key] = seen[key] or el[key]
        if all(seen.values()):
            break
    assert first and first["skip"], f"the first Tab stop is {first}, not the skip link"
    assert all(seen.values()), f"Tab never reached: {[k for k, v in seen.items() if not v]}"

    # The skip link moves focus to the main content.
    page.reload(wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert not watch.problems(), watch.problems()


def test_missing_page_gets_the_404_page_with_its_styles_and_search(opener):
    """The server answers a missing address with 404.html (as GitHub Pages does); its links are root-relative
    to the published path, so its styles, scripts and navigation work at any depth."""
    page, watch = opener.open("no/such/folder/page.html", wait_charts=False)
    assert page.title().startswith("Page not found")
    page.locator("#search input").wait_for()
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).position") in ("sticky", "static")
    home = page.locator("main a", has_text="home page")
    assert home.evaluate("a => a.href") == opener.base_url + "index.html"
    # The page itself answers 404 (which Chromium also logs); nothing it loads may fail.
    missing = "/no/such/folder/page.html"
    failed = [f for f in watch.failed if not f.endswith(missing)]
    errors = [e for e in watch.console_errors if not ("status of 404" in e and missing in e)]
    assert not failed and not errors and not watch.page_errors, (failed, errors, watch.page_errors)
    assert not watch.off_host()
