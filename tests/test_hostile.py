"""Hostile content, through the full build: data that tries to run script, break the layout or attack a
spreadsheet comes out as inert text.

A copy of the fixture book gets hostile strings in its data (factor labels and summaries, evidence findings, a
cluster name, errata), plus an errata page; it is built with the real pipeline and opened in Chromium. The page's
Content-Security-Policy would block inline scripts anyway, so the browser context bypasses it: what is tested here
is the escaping, not the CSP.
"""
from __future__ import annotations

import csv
import io

import pytest

from conftest import CHARTS_SETTLED, WAKE_CHARTS, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
RTL = "left\u202eright"  # U+202E RIGHT-TO-LEFT OVERRIDE
LONG = ("Donaudampfschifffahrtsgesellschaft" * 10)[:300]  # a 300-character word with no break opportunity
EMOJI = "\U0001F3ED\U0001F30D\u270A\U0001F3FD"
FORMULA = "=cmd|'/c calc'!A1"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# (file, row id column, row id, column, value)
INJECT = [
    ("factors.csv", "id", "enforcement", "label", FORMULA),
    ("factors.csv", "id", "enforcement", "summary", f"{SCRIPT} {RTL}"),
    ("factors.csv", "id", "non-enforcement", "label", f"{SCRIPT} {EMOJI}"),
    ("factors.csv", "id", "non-enforcement", "summary", LONG),
    ("factors.csv", "id", "global-chains", "label", f"{IMG} {RTL}"),
    ("factors.csv", "id", "global-chains", "summary", IMG),
    ("evidence.csv", "id", "e001", "finding", f"{SCRIPT} {LONG}"),
    ("evidence.csv", "id", "e002", "finding", f"{IMG} {EMOJI} {RTL}"),
    ("evidence.csv", "id", "e003", "finding", FORMULA),
    ("clusters.csv", "id", "sialkot-footballs", "name", f"{IMG} {EMOJI}"),
    ("errata.csv", "id", "kaur", "paper_says", SCRIPT),
    ("errata.csv", "id", "kaur", "meant", FORMULA),
    ("errata.csv", "id", "kaur", "note", f"{IMG} {LONG} {RTL} {EMOJI}"),
]

ERRATA_PAGE = """---
title: "Errata"
description: "Hostile errata."
---

```{python}
#| label: setup
#| output: false
from clustercsr import charts, tables, setup
ev = setup()
```

The errata are in @tbl-errata.

```{python}
#| label: tbl-errata
#| tbl-cap: "Errata."
tables.errata(ev)
```
"""


def inject(data_dir, file, key_col, key, col, value):
    path = data_dir / file
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0].keys())
    hits = [r for r in rows if r[key_col] == key]
    assert hits, f"{file} has no row {key_col}={key}"
    for r in hits:
        r[col] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from fixture_book import make_book

    from clustercsr.publish.build import build

    root = make_book(tmp_path_factory.mktemp("hostile") / "book")
    for args in INJECT:
        inject(root / "data", *args)
    (root / "chapters" / "errata.qmd").write_text(ERRATA_PAGE, encoding="utf-8")
    quarto = (root / "_quarto.yml").read_text(encoding="utf-8")
    assert "    - chapters/one.qmd\n" in quarto
    (root / "_quarto.yml").write_text(quarto.replace("    - chapters/one.qmd\n",
                                                     "    - chapters/one.qmd\n    - chapters/errata.qmd\n"),
                                      encoding="utf-8")
    build(root, quiet=True, pdf=False)
    return root / "_site"


def test_hostile_csv_downloads_neutralise_formulas(hostile_site):
    csvs = sorted((hostile_site / "figures").glob("*.csv"))
    assert csvs, "the hostile build wrote no chart CSV"
    neutralised, dangerous = 0, []
    for path in csvs:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                if cell.startswith(FORMULA_START):
                    dangerous.append(f"{path.name}: {cell!r}")
                if cell == "'" + FORMULA:
                    neutralised += 1
    assert not dangerous, f"CSV cells a spreadsheet would run as formulas: {dangerous}"
    assert neutralised, f"the formula {FORMULA!r} does not appear, quote-prefixed, in any of {[p.name for p in csvs]}"


@pytest.mark.parametrize("rel", ["index.html", "chapters/one.html", "chapters/errata.html"])
def test_hostile_text_is_inert_and_keeps_the_layout(chromium, hostile_site, rel):
    with serve(hostile_site) as base:
        ctx = chromium.new_context(viewport={"width": 375, "height": 800}, bypass_csp=True, is_mobile=True,
                                   has_touch=False)
        try:
            dialogs = []
            page = ctx.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(base + rel, wait_until="load")
            page.evaluate(WAKE_CHARTS)
            page.wait_for_function(CHARTS_SETTLED)
            if page.locator(".cc-chart").count():
                assert page.locator(".cc-chart[data-rendered=true]").count() == page.locator(".cc-chart").count()
                # Show the hostile evidence: select every bar in turn, and open the data tables.
                bars = page.locator(".cc-chart-view svg g.mark-rect.role-mark path")
                for i in range(bars.count()):
                    bars.nth(i).click(force=True)
                page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
                page.wait_for_function("() => Array.from(document.querySelectorAll('details.cc-chart-table'))"
                                       ".every(d => d.querySelector('.cc-table-scroll table'))")
            page.wait_for_load_state("networkidle")  # let any injected image fail and fire its handler

            assert not dialogs, f"script from the data ran on {rel}: {dialogs}"
            injected = page.evaluate("""() => ({
                onerror: document.querySelectorAll('[onerror]').length,
                imgX: Array.from(document.images).filter(i => i.getAttribute('src') === 'x').length,
                inlineScripts: Array.from(document.scripts).filter(s => !s.src && s.type !== 'application/json').length})""")
            assert injected == {"onerror": 0, "imgX": 0, "inlineScripts": 0}, f"markup from the data on {rel}: {injected}"

            text = page.evaluate("document.body.textContent")
            svg_text = page.evaluate("Array.from(document.querySelectorAll('.cc-chart-view svg text'))"
                                     ".map(t => t.textContent).join('\\n')")
            if rel == "chapters/errata.html":
                for s in (SCRIPT, IMG, RTL, EMOJI, FORMULA, LONG):
                    assert s in text, f"{s!r} does not appear as text on {rel}"
            if rel == "chapters/one.html":
                for s in (SCRIPT, IMG, EMOJI, FORMULA):
                    assert s in text + svg_text, f"{s!r} does not appear as text on {rel}"

            width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1] + 1, f"{rel} overflows horizontally at 375 px: scrollWidth {width[0]} > {width[1]}"
        finally:
            ctx.close()
