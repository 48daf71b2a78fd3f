"""Reading the book (issue 16): the reference list, print, links that land, citation cards, search, the 404
page, phones, sharing. Static checks read the built _site/; browser checks open it in Chromium."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import bibtexparser
import pytest

from conftest import ROOT, page_params, site_pages, site_root

REFERENCES = "chapters/a3-references.html"
INSTRUCTIONS = re.compile(r"\b(hover\w*|click\w*|drag\w*|double-click\w*)\b", re.I)


def test_references_appendix_lists_every_bib_entry(site_dir):
    with (ROOT / "references.bib").open(encoding="utf-8") as fh:
        bib = bibtexparser.load(fh).entries
    html = (site_dir / REFERENCES).read_text(encoding="utf-8")
    listed = re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', html)
    assert len(listed) == len(bib), (f"{REFERENCES} lists {len(listed)} works, references.bib has {len(bib)}; "
                                     f"missing: {sorted({e['ID'] for e in bib} - set(listed))[:5]}")


# --------------------------------------------------------------------------------------------------------------
# Format-specific content and print
# --------------------------------------------------------------------------------------------------------------

def test_format_specific_content_follows_the_target(tmp_path):
    from clustercsr.publish import convert

    md = ('::: {.content-visible when-format="html"}\nScreen words.\n:::\n\n'
          '::: {.content-visible when-format="typst"}\nPaper words.\n:::\n\n'
          '::: {.content-hidden unless-format="html"}\nAlso screen.\n:::\n')
    _, html = convert.html_fragment(md, bibliography=None, chapter=None, source=tmp_path / "x.qmd")
    typst = convert.pandoc(md, to="typst", bibliography=None, chapter=None, source=tmp_path / "x.qmd", toc=False)
    assert "Screen words." in html and "Also screen." in html and "Paper words." not in html
    assert 'class="cc-screen-only"' in html                     # and so left off a printed page
    assert "Paper words." in typst and "Screen words." not in typst and "Also screen." not in typst


def pdf_files(site: Path) -> list[Path]:
    return sorted(site.glob("briefs/*.pdf")) + sorted(site.glob("pdf/*.pdf"))


def test_no_pdf_tells_the_reader_to_hover_click_or_drag(site_dir):
    from pypdf import PdfReader

    pdfs = pdf_files(site_dir)
    assert pdfs, f"no PDFs in {site_dir}"
    found = []
    for pdf in pdfs:
        for n, page in enumerate(PdfReader(pdf).pages, 1):
            text = " ".join((page.extract_text() or "").split())
            for m in INSTRUCTIONS.finditer(text):
                found.append(f"{pdf.name} p.{n}: …{text[max(0, m.start() - 50):m.end() + 30]}…")
    assert not found, "\n".join(found)


# What a printed page shows: the text of every element that is laid out, and of the SVG text drawn in it.
PRINTED_TEXT = """() => document.body.innerText + '\\n' + Array.from(document.querySelectorAll('svg text'))
  .filter(t => t.getClientRects().length && getComputedStyle(t).visibility !== 'hidden').map(t => t.textContent).join('\\n')"""


@pytest.mark.browser
@pytest.mark.parametrize("rel", page_params())
def test_printed_page_gives_no_pointer_instructions(opener, rel):
    page, _ = opener.open(rel, "dark")
    page.emulate_media(media="print")
    text = page.evaluate(PRINTED_TEXT)
    found = [f"…{text[max(0, m.start() - 60):m.end() + 30]}…".replace("\n", " ") for m in INSTRUCTIONS.finditer(text)]
    controls = page.evaluate("() => Array.from(document.querySelectorAll('input, select, button, summary'))"
                             ".filter(e => e.getClientRects().length).map(e => e.outerHTML.slice(0, 80))")
    assert not found and not controls, f"{rel} printed from dark mode shows {found} and controls {controls}"


@pytest.mark.browser
def test_print_from_dark_mode_is_light(opener):
    page, _ = opener.open("chapters/02-drivers-barriers.html", "dark")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.emulate_media(media="print")
    colours = page.evaluate("""() => { const s = e => getComputedStyle(document.querySelector(e));
      return {bg: s('body').backgroundColor, text: s('body').color, caption: s('figcaption').color,
              chart: s('.cc-chart').backgroundColor, muted: getComputedStyle(document.documentElement).getPropertyValue('--muted').trim()}; }""")
    assert colours["bg"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), colours
    for key in ("text", "caption"):
        r, g, b = map(int, re.findall(r"\d+", colours[key])[:3])
        assert max(r, g, b) < 110, f"{key} prints in {colours[key]} from dark mode: too pale on paper ({colours})"
    assert colours["chart"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), colours
    # Each chart prints as its static build-time SVG, not the live view drawn in the dark theme.
    page.wait_for_function("() => Array.from(document.querySelectorAll('img.cc-chart-print')).every(i => i.complete)")
    charts = page.evaluate("""() => Array.from(document.querySelectorAll('.cc-chart')).map(f => {
      const img = f.querySelector('img.cc-chart-print'), view = f.querySelector('.cc-chart-view');
      return {id: f.id, img: !!img && img.getClientRects().length > 0 && img.naturalWidth > 0,
              live: !!view && view.getClientRects().length > 0}; })""")
    assert charts and all(c["img"] and not c["live"] for c in charts), charts



@pytest.mark.browser
def test_printed_explorer_is_the_table_of_settings_and_outcomes(opener):
    """Issue 16: Fig 7.2 on paper says which settings lead to which outcome; no tiles of one setting, no controls."""
    import urllib.request
    from conftest import page_with_chart

    page, _ = opener.open(page_with_chart("proposition-explorer"), "dark")
    page.emulate_media(media="print")
    fig = page.locator("#chart-proposition-explorer")
    page.wait_for_function("() => Array.from(document.querySelectorAll('img.cc-chart-print')).every(i => i.complete)")
    shown = fig.evaluate("""f => Array.from(f.querySelectorAll('*')).filter(e => e.children.length === 0
        && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map(e => e.tagName === 'IMG' ? 'IMG ' + e.getAttribute('src') : e.textContent.trim()).filter(Boolean)""")
    images = [s.split(" ", 1)[1] for s in shown if s.startswith("IMG ")]
    assert len(images) == 1, f"the printed explorer shows {len(images)} images: {shown}"
    words = [s for s in shown if not s.startswith("IMG ")]
    assert not words, f"the printed explorer shows screen text beside its image: {words}"
    svg = urllib.request.urlopen(urllib.parse.urljoin(page.url, images[0])).read().decode("utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", t) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S))
    text = re.sub(r"\s+", " ", text)
    for needed in ("First-tier", "Lower-tier", "improves", "partial, piecemeal", "poor", "P1", "P2", "P3", "any"):
        assert needed in text, f"the printed explorer ({images[0]}) lacks {needed!r}: it is not the rule table ({text[:200]!r})"
    assert "Libertinus" not in svg, "the printed explorer is set in the PDFs' font, which readers' machines lack"
    assert not re.search(r"control|hover|click|select|tap", text, re.I), \
        f"the printed explorer tells the reader to use the screen: {text[:300]!r}"



def chart_pages() -> list[str]:
    return [rel for rel in site_pages() if 'data-chart="' in (site_root() / rel).read_text(encoding="utf-8")]


@pytest.mark.browser
@pytest.mark.parametrize("rel", chart_pages() or ["(no site)"])
def test_browser_print_sets_chart_text_at_print_size(opener, rel, tmp_path):
    """A chapter printed from the browser reads like the report: no chart text under 8 pt, and the charts the
    report puts on landscape pages printed on landscape pages (squeezed across a portrait page they were 5 pt)."""
    import pdfplumber
    from test_print import true_size

    page, _ = opener.open(rel, "dark")
    page.emulate_media(media="print")
    page.wait_for_function("() => Array.from(document.querySelectorAll('img.cc-chart-print')).every(i => i.complete)")
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('.cc-chart[data-print-landscape]'))
        .map(c => (c.closest('figure') || c).querySelector('figcaption')?.textContent.trim().split(':')[0]).filter(Boolean)""")
    out = tmp_path / "printed.pdf"
    page.pdf(path=str(out), format="A4")
    small, portrait = [], set(wide)
    with pdfplumber.open(out) as pdf:
        for number, p in enumerate(pdf.pages, 1):
            tiny = sorted({round(true_size(c), 1) for c in p.chars if true_size(c) < 7.95})
            if tiny:
                small.append(f"p.{number}: {tiny[:5]} pt in {''.join(c['text'] for c in p.chars if true_size(c) < 7.95)[:60]!r}")
            text = p.extract_text() or ""
            if p.width > p.height:
                portrait -= {caption for caption in wide if caption + ":" in text}
    assert not small, f"{rel} printed from the browser has text under 8 pt: {small}"
    assert not portrait, f"{rel}: {sorted(portrait)} printed across a portrait page, not on a landscape one"


# --------------------------------------------------------------------------------------------------------------
# Real-Quarto parity (the README's table of what differs between the renderers)
# --------------------------------------------------------------------------------------------------------------

def quarto_yml() -> dict:
    import yaml
    return yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))


def test_readme_renderer_table_resources_are_anchored_so_quarto_copies_no_fixture():
    resources = quarto_yml()["project"]["resources"]
    loose = [r for r in resources if not r.startswith("/")]
    assert not loose, f"unanchored resource globs (Quarto matches them at any depth, e.g. in tests/fixtures): {loose}"


def test_readme_renderer_table_favicon_is_declared_and_served(site_dir):
    favicon = quarto_yml()["book"].get("favicon")
    assert favicon and (ROOT / favicon).is_file(), "_quarto.yml declares no favicon (Quarto pages then request /favicon.ico)"
    assert f'href="{favicon}"' in (site_dir / "index.html").read_text(encoding="utf-8")


def test_readme_renderer_table_numbering_is_quartos(site_dir):
    """Quarto numbers every chapter, the home page too, unless its title heading is {.unnumbered}."""
    from clustercsr.publish import config, parse

    book = config.load(ROOT)
    first = book.entries[0]
    assert first.source == "index.qmd" and parse.is_unnumbered(ROOT / "index.qmd"), \
        "index.qmd's title is not marked {.unnumbered}: real Quarto would number it chapter 1"
    numbers = [e.number for e in book.entries if not e.appendix]
    assert numbers[:3] == [None, "1", "2"], numbers
    html = (site_dir / "chapters/02-drivers-barriers.html").read_text(encoding="utf-8")
    assert '<span class="chapter-number">2</span>' in html and "Figure 2.1:" in html


def test_prose_never_hard_codes_a_chapter_number():
    sources = [ROOT / "index.qmd", *sorted((ROOT / "chapters").glob("*.qmd")), *sorted((ROOT / "briefs").glob("*.qmd"))]
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in sources
             for m in re.finditer(r"\[[Cc]hapter \d+[^\]]*\]", p.read_text(encoding="utf-8"))]
    assert not found, found


# --------------------------------------------------------------------------------------------------------------
# Links that land, citation cards
# --------------------------------------------------------------------------------------------------------------

# Where a followed link left its target: below the sticky header, and the element drawn there is the target.
LANDED = """(id) => { const t = document.getElementById(id); const r = t.getBoundingClientRect();
  const h = document.querySelector('.site-header'); const sticky = getComputedStyle(h).position === 'sticky';
  const bottom = sticky ? h.getBoundingClientRect().bottom : 0;
  const x = Math.min(r.left + 12, innerWidth - 1), y = Math.min(r.top + 6, innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return {top: r.top, headerBottom: bottom, inView: r.top < innerHeight, hitsTarget: !!hit && (t === hit || t.contains(hit)),
          hit: hit ? hit.tagName + '.' + hit.className : null}; }"""


def follow_and_check(page, link_selector: str) -> dict:
    link = page.locator(link_selector).first
    href = link.get_attribute("href")
    target = href.split("#", 1)[1]
    link.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    page.wait_for_timeout(300)  # let the smooth/instant scroll settle
    return {"target": target, **page.evaluate(LANDED, target)}


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_followed_cross_reference_and_citation_land_below_the_header(opener, width):
    ctx = opener.context("light", width=width, height=800, has_touch=width < 500, is_mobile=width < 500)
    page, watch = opener.open("chapters/03-research-landscape.html", context=ctx)
    if width < 500:
        page.evaluate("document.querySelectorAll('.citation a').forEach(a => a.dispatchEvent(new PointerEvent('pointerdown', {pointerType: 'mouse'})))")
    for selector in ['main p a[href^="#fig-"]', 'main .citation a[href^="#ref-"]']:
        page.evaluate("window.scrollTo(0, 0)")
        landed = follow_and_check(page, selector)
        assert landed["inView"] and landed["top"] >= landed["headerBottom"] - 1 and landed["hitsTarget"], \
            f"{selector} at {width}px: {landed}"
    assert not watch.problems(), watch.problems()


@pytest.mark.browser
def test_headings_have_anchor_links_and_targets_are_highlighted(opener):
    page, _ = opener.open("chapters/02-drivers-barriers.html")
    anchors = page.evaluate("Array.from(document.querySelectorAll('main h2 .heading-anchor')).map(a => a.getAttribute('href'))")
    ids = page.evaluate("Array.from(document.querySelectorAll('main section.level2 > h2[id]')).map(h => '#' + h.id)")
    assert ids and set(ids) <= set(anchors), (ids, anchors)
    page.goto(page.url.split("#")[0] + ids[0])
    bg = page.evaluate("id => getComputedStyle(document.getElementById(id)).backgroundColor", ids[0][1:])
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent"), f"{ids[0]} has no :target highlight"


CARD = "#cite-preview"


@pytest.mark.browser
def test_citation_card_is_formatted_stays_open_and_closes_on_escape(opener):
    page, watch = opener.open("chapters/02-drivers-barriers.html")
    link = page.locator('main .citation a[href^="#ref-"]').first
    link.hover()
    card = page.locator(CARD)
    card.wait_for(state="visible")
    assert card.locator("a[href^='http']").count() >= 1 or card.locator("em, i").count() >= 1, card.inner_html()
    # The pointer moves from the citation onto the card: it stays open, and its link can be clicked.
    box = card.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + 10, steps=4)
    page.wait_for_timeout(700)
    assert card.is_visible(), "the card closed when the pointer moved onto it"
    page.keyboard.press("Escape")
    assert not card.is_visible()
    # Keyboard: focus opens it, Escape closes it.
    link.focus()
    card.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert not card.is_visible()
    assert not watch.problems(), watch.problems()


@pytest.mark.browser
def test_citation_card_opens_on_tap(opener):
    ctx = opener.context("light", width=375, height=740, has_touch=True, is_mobile=True)
    page, _ = opener.open("chapters/02-drivers-barriers.html", context=ctx)
    link = page.locator('main .citation a[href^="#ref-"]').first
    link.scroll_into_view_if_needed()
    link.tap()
    page.locator(CARD).wait_for(state="visible")
    box = page.locator(CARD).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, f"the card does not fit the phone: {box}"
    assert "#" not in page.url or "#ref-" not in page.url, "the tap followed the link instead of opening the card"


# --------------------------------------------------------------------------------------------------------------
# Search, 404
# --------------------------------------------------------------------------------------------------------------

def search(page, term: str):
    page.locator("#search input").fill(term)
    page.locator("#search .search-result-link").first.wait_for()
    return page.locator("#search-results")


@pytest.mark.browser
def test_search_results_open_the_section_and_highlight_the_term(opener):
    page, watch = opener.open("index.html")
    panel = search(page, "Sialkot")
    hrefs = panel.locator("a.search-result-link").evaluate_all("els => els.map(a => a.href)")
    assert any("#" in h for h in hrefs), f"no result links to a section: {hrefs[:5]}"
    href = next(h for h in hrefs if "#" in h)
    page.goto(href)
    # (a term inside a closed data table is highlighted too, but not on screen: look for one the reader sees)
    page.locator("mark.pagefind-highlight:visible").first.wait_for()
    page.wait_for_timeout(300)
    seen = page.evaluate("""() => Array.from(document.querySelectorAll('mark.pagefind-highlight')).filter(m => {
      const r = m.getBoundingClientRect(); if (!r.width || r.top < 0 || r.bottom > innerHeight) return false;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!hit && m.contains(hit); }).map(m => m.textContent)""")
    assert seen, f"after opening {href}, no highlighted term is on screen"
    assert all(t.lower() == "sialkot" for t in seen), seen
    assert not watch.problems(), watch.problems()


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (375, 812)], ids=["desktop", "phone"])
def test_a_searched_word_far_down_the_page_is_brought_on_screen(opener, width, height):
    """A result without a section opens the page at the first match: when that match is far down the page, it
    is brought on screen, where the reader sees it (not covered by the header)."""
    rel = "chapters/03-research-landscape.html"
    page, _ = opener.open(rel, width=width, height=height, wait_charts=False)
    word = page.evaluate("""() => { const main = document.querySelector('main');
      const sections = Array.from(main.querySelectorAll(':scope > section.level2')).filter(s => s.querySelector(':scope > p'));
      const last = sections.pop().querySelector(':scope > p'), before = main.textContent.slice(0,
        main.textContent.indexOf(last.textContent)).toLowerCase();
      return last.textContent.split(/[^A-Za-z]+/).filter(w => w.length > 6 && !before.includes(w.toLowerCase()))[0]; }""")
    assert word, "no word of the last section appears there first"
    page.goto(opener.base_url + rel + "?pagefind-highlight=" + urllib.parse.quote(word.lower()), wait_until="load")
    page.locator("mark.pagefind-highlight").first.wait_for(state="attached")
    page.wait_for_timeout(400)
    seen = page.evaluate("""() => { const m = document.querySelector('mark.pagefind-highlight'), r = m.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {top: r.top, bottom: r.bottom, hit: !!hit && m.contains(hit)}; }""")
    assert 0 <= seen["top"] and seen["bottom"] <= height and seen["hit"], \
        f"the first match of {word!r} is not on screen at {width}px: {seen}"


@pytest.mark.browser
def test_search_lists_every_result_and_arrow_keys_move_through_them(opener):
    page, _ = opener.open("index.html")
    panel = search(page, "Sialkot")
    count = int(re.match(r"\d+", panel.locator(".search-count").inner_text()).group(0))
    more = panel.locator(".search-more")
    while more.count():
        more.click()
        page.wait_for_timeout(200)
    pages = panel.locator("ol > li").count()
    assert pages == count, f"{count} pages found but {pages} listed"
    page.locator("#search input").focus()
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    assert first and second and first != second, (first, second)
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("Enter")
    page.wait_for_url(first)


@pytest.mark.browser
def test_search_on_a_phone_fits_and_does_not_zoom(opener):
    ctx = opener.context("light", width=375, height=740, has_touch=True, is_mobile=True)
    page, _ = opener.open("chapters/02-drivers-barriers.html", context=ctx)
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#search input')).fontSize)")
    assert size >= 16, f"search input text is {size}px: iOS zooms in on focus"
    panel = search(page, "Sialkot")
    box = panel.bounding_box()
    assert box["width"] >= 375 - 32 and box["x"] >= 0 and box["x"] + box["width"] <= 375, f"results panel on a phone: {box}"


def test_404_page_is_not_indexed_and_has_no_citation(site_dir):
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in html, "the 404 page is in the search index"
    assert "Cite this page" not in html


@pytest.mark.browser
@pytest.mark.parametrize("base", ["published", "/"])
def test_404_page_loads_its_css_under_any_base_path(chromium, site_dir, base):
    from conftest import Opener, base_path, serve

    with serve(site_dir, None if base == "published" else "/") as url:
        op = Opener(chromium, url)
        try:
            page, watch = op.open("no/such/page.html", wait_charts=False)
            styled = page.evaluate("getComputedStyle(document.querySelector('.site-header')).position")
            home = page.locator("main a", has_text="home page").evaluate("a => a.href")
            css = [u for u in watch.failed if u.split("?")[0].endswith((".css", ".js"))]
        finally:
            op.close()
    assert styled in ("sticky", "relative"), f"404 under {url}: styles did not load ({styled})"
    assert not css, css
    assert home == url + "index.html"


# --------------------------------------------------------------------------------------------------------------
# Phones and the table of contents
# --------------------------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_phone_chapters_button_opens_the_list_at_the_top_without_shifting_the_page(opener):
    ctx = opener.context("light", width=375, height=740, has_touch=True, is_mobile=True)
    page, watch = opener.open("chapters/02-drivers-barriers.html", context=ctx)
    button = page.locator(".site-header .contents-link")
    box = button.bounding_box()
    assert box and box["y"] < 120, f"no Chapters button at the top of the phone page: {box}"
    title_before = page.locator(".page-title").bounding_box()["y"]
    button.tap()
    nav = page.locator("#chapters")
    nav_box = nav.bounding_box()
    assert nav.is_visible() and nav_box["y"] < 740, f"the chapter list did not open on screen: {nav_box}"
    assert page.evaluate("scrollY") < 5, "opening the list scrolled the page"
    assert page.locator(".page-title").bounding_box()["y"] == title_before, "opening the list moved the page"
    assert page.locator(".toc-mobile summary", has_text="On this page").is_visible()
    assert page.locator(".back-to-top a").count() == 1
    assert not watch.problems(), watch.problems()


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["chapters/03-research-landscape.html", "chapters/08-conclusions.html"])
def test_phone_first_screen_has_nothing_the_rest_of_the_page_pushes_away(opener, rel):
    """A phone paints a page while it is still arriving. The chapter list, placed after the text, was then
    painted on the first screen and pushed off it as the text arrived: a layout shift (CLS 0.067 on chapter 3
    at Lighthouse's phone size). Served only its first part, the page shows no chapter list on the first screen
    (the header's "Chapters" button opens it)."""
    ctx = opener.context("light", width=412, height=823, has_touch=True, is_mobile=True)

    def first_part(route):
        body = route.fetch().text()
        route.fulfill(status=200, content_type="text/html; charset=utf-8",
                      body=body[:body.index("<main") + 400])
    ctx.route(re.compile(re.escape(rel) + "$"), first_part)
    page, watch = opener.open(rel, context=ctx, wait_charts=False)
    box = page.locator("#chapters").bounding_box()
    assert not box or box["y"] >= 823 or box["height"] == 0, \
        f"{rel}: the chapter list is painted on the first screen of a page still arriving: {box}"


@pytest.mark.browser
def test_table_of_contents_follows_the_section_being_read(opener):
    page, _ = opener.open("chapters/02-drivers-barriers.html")
    ids = page.evaluate("Array.from(document.querySelectorAll('.page-toc a')).map(a => a.getAttribute('href').slice(1))")
    target = ids[2]
    page.evaluate("id => document.getElementById(id).scrollIntoView()", target)
    page.wait_for_function("id => { const a = document.querySelector('.page-toc a[aria-current]');"
                           " return a && a.getAttribute('href') === '#' + id; }", arg=target, timeout=5000)


# --------------------------------------------------------------------------------------------------------------
# Sharing
# --------------------------------------------------------------------------------------------------------------

def test_every_page_has_an_og_image_that_exists(site_dir):
    from conftest import base_path

    for rel in site_pages():
        html = (site_dir / rel).read_text(encoding="utf-8")
        m = re.search(r'<meta property="og:image" content="([^"]+)"', html)
        assert m, f"{rel} has no og:image"
        path = "/" + m.group(1).split("://", 1)[1].split("/", 1)[1]   # /clustercsr/figures/x.png
        local = path[len(base_path(site_dir)):]
        assert (site_dir / local).is_file(), f"{rel}: og:image {m.group(1)} is not in the site"
        if 'data-chart="' in html:
            first = re.search(r'data-chart="([\w-]+)"', html).group(1)
            assert m.group(1).endswith(f"figures/{first}.png"), f"{rel}: og:image is not its first chart ({first})"


def test_home_page_how_to_cite_uses_the_cite_block_format(site_dir):
    import html as htmllib

    page = (site_dir / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<p class="cite-text" id="cite-text">(.*?)</p>', page, re.S).group(1)
    block_text = htmllib.unescape(re.sub(r"<[^>]+>", "", block)).strip()
    prose = htmllib.unescape(re.sub(r"<[^>]+>", "", page.split('id="how-to-cite"', 1)[1].split("cite-page", 1)[0]))
    assert block_text in " ".join(prose.split()), f"the cite block says {block_text!r}; How to cite does not"
    assert re.search(r'<a href="https?://[^"]+">https?://', block), "the cite block's URL is not a link"
    assert 'class="cite-copy"' in page
