"""The briefs and the report as a reader holds them on paper (issue 14), read from the built PDFs with pdfplumber.

Chart text is found through the tagged PDF: every chart is a Figure element of the structure tree, and the
characters it draws carry that element's marked-content ids. What is checked:

- every chart text is at least 8 pt at 100% scale, and each chart's largest text (its title) at least 9 pt;
- a brief's chart spans the text width, and its title is not its caption;
- no chart text tells the reader to hover, click or select;
- each brief names its date and issuing body, has a "Cite this brief" line with its stable URL, prints every
  "Read more" URL, and carries the same fields in the PDF metadata;
- no list item of a brief begins on one page and ends on the next;
- the brief's QR code decodes to its web chapter;
- the report puts the charts too wide for a portrait page on landscape pages, and prints the proposition
  explorer as a table.

These read the _site/ that `make site` wrote (or CLUSTERCSR_SITE), and skip with the reason when it is missing.
"""
from __future__ import annotations

import functools
import math
import re
from pathlib import Path

import pdfplumber
import pytest
import yaml

from conftest import ROOT, site_root

from clustercsr import analysis
from clustercsr.publish import config, pdf

MIN_PT = 8.0
MIN_TITLE_PT = 9.0
INTERACTION = re.compile(r"\b(hover|click|double-click|tap|select|drag|zoom|controls?|radio)\b", re.I)
BRIEFS = sorted(p.stem for p in (ROOT / "briefs").glob("*.qmd"))
# Charts too wide for a portrait page at 8 pt (issue 14): the report prints them on landscape pages.
LANDSCAPE = ["cluster-map", "evidence-matrix", "frameworks-compared"]
CM = 72 / 2.54


def length_pt(value) -> float:
    """A Typst length from front matter ("1.5cm", "12mm", "0.5in", "20pt") in points."""
    m = re.fullmatch(r"([\d.]+)\s*(cm|mm|in|pt)", str(value).strip())
    assert m, f"unknown length {value!r}"
    return float(m.group(1)) * {"cm": CM, "mm": CM / 10, "in": 72.0, "pt": 1.0}[m.group(2)]


def web_chapter_url(book, stem: str) -> str:
    """The brief's web chapter: the book page that introduces the brief (links to briefs/<stem>.pdf)."""
    for entry in [e for e in book.entries if e.stem != "index"]:  # the index lists every brief
        if re.search(rf"\(\.?\.?/?briefs/{stem}\.pdf\)", (ROOT / entry.source).read_text(encoding="utf-8")):
            return f"{book.site_url}/{entry.href}"
    raise AssertionError(f"no page of the book links to briefs/{stem}.pdf")


def _pdf(rel: str) -> Path:
    path = site_root() / rel
    if not path.is_file():
        pytest.skip(f"no {path}: run `make site` first")
    return path


def brief_pdf(stem: str) -> Path:
    return _pdf(f"briefs/{stem}.pdf")


def _figures(tree) -> list[dict]:
    out, stack = [], list(tree)
    while stack:
        node = stack.pop()
        if node.get("type") == "Figure":
            out.append(node)
        stack.extend(node.get("children", []))
    return out


@functools.lru_cache(maxsize=None)
def charts_of(path: Path) -> list[dict]:
    """Every chart: its page, placed bbox, alt text and the characters it draws."""
    found = []
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            for fig in _figures(page.structure_tree):
                if fig.get("alt_text", "").startswith("QR code"):  # the brief's QR code is an image, not a chart
                    continue
                mcids = set(fig.get("mcids", []))
                chars = [c for c in page.chars if c.get("mcid") in mcids]
                found.append({"page": page.page_number, "bbox": fig.get("attributes", {}).get("BBox"),
                              "alt": fig.get("alt_text", ""), "chars": chars,
                              "landscape": page.width > page.height, "page_width": page.width})
    return found


def true_size(c: dict) -> float:
    """A character's font size in pt. pdfplumber's `size` is the height of the glyph's upright bounding box, which
    for rotated text (slanted axis labels) depends on the glyph's width; undo the rotation with its matrix."""
    a, b = c["matrix"][0], c["matrix"][1]
    if abs(b) < 1e-6:
        return c["size"]
    scale = math.hypot(a, b)
    cos, sin = abs(a) / scale, abs(b) / scale
    return (c["height"] - c["adv"] * scale * sin) / cos


def text_lines(chars: list[dict]) -> list[str]:
    """Characters grouped into lines by baseline, left to right."""
    rows: dict[int, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["bottom"]), []).append(c)
    return ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"])) for _, r in sorted(rows.items())]


def squash(text: str) -> str:
    """Letters and digits only, lower case: line breaks, hyphenation and punctuation do not matter."""
    return re.sub(r"[^a-z0-9]+", "", text.replace("\ufb01", "fi").replace("\ufb02", "fl").lower())


@functools.lru_cache(maxsize=None)
def page_texts(path: Path) -> list[str]:
    """Each page's text in reading order: a brief's left column, then its right one (full-width parts, such as
    the title band, come out split in two, which no check here minds)."""
    out = []
    with pdfplumber.open(path) as doc:
        for p in doc.pages:
            halves = [p.crop((0, 0, p.width / 2, p.height)), p.crop((p.width / 2, 0, p.width, p.height))]
            out.append("\n".join(h.extract_text() or "" for h in halves))
    return out


@functools.lru_cache(maxsize=None)
def full_text(path: Path) -> str:
    with pdfplumber.open(path) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


def front_matter(stem: str) -> dict:
    return yaml.safe_load((ROOT / "briefs" / f"{stem}.qmd").read_text(encoding="utf-8").split("---")[1])


# ---------------------------------------------------------------------------------------------------------------
# Chart text size, width and wording
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rel", [f"briefs/{b}.pdf" for b in BRIEFS] + [pdf.REPORT_PATH])
def test_chart_text_is_print_size(rel):
    charts = charts_of(_pdf(rel))
    assert charts, f"{rel}: no chart (Figure element) found"
    for chart in charts:
        sizes = [true_size(c) for c in chart["chars"] if c["text"].strip()]
        assert sizes, f"{rel} page {chart['page']}: a chart with no text ({chart['alt'][:60]}…)"
        small = sorted({round(s, 2) for s in sizes if s < MIN_PT - 0.05})
        where = f"{rel} page {chart['page']} ({chart['alt'][:50]}…)"
        assert min(sizes) >= MIN_PT - 0.05, (
            f"{where}: smallest chart text {min(sizes):.2f} pt (sizes below {MIN_PT} pt: {small}); "
            f"print needs at least {MIN_PT} pt")
        assert max(sizes) >= MIN_TITLE_PT - 0.05, f"{where}: largest chart text (the title) is {max(sizes):.2f} pt"


@pytest.mark.parametrize("rel", [f"briefs/{b}.pdf" for b in BRIEFS] + [pdf.REPORT_PATH])
def test_no_interaction_wording_in_print(rel):
    for chart in charts_of(_pdf(rel)):
        words = " ".join(text_lines(chart["chars"]))
        hit = INTERACTION.search(words)
        assert not hit, f"{rel} page {chart['page']}: chart text says {hit.group(0)!r} ({words[max(0, hit.start() - 40):hit.end() + 40]!r})"


@pytest.mark.parametrize("brief", BRIEFS)
def test_brief_chart_spans_the_text_width_with_its_own_title(brief):
    path = brief_pdf(brief)
    fm = front_matter(brief)
    margin = fm["format"]["typst"]["margin"]["x"]
    text_width = pdf_width_pt(path) - 2 * length_pt(margin)
    charts = charts_of(path)
    assert len(charts) >= 1
    for chart in charts:
        x0, _, x1, _ = chart["bbox"]
        assert x1 - x0 >= text_width - 2, (
            f"{brief}: chart is {x1 - x0:.0f} pt wide, {100 * (x1 - x0) / text_width:.0f}% of the text width "
            f"({text_width:.0f} pt)")
    # The chart's title (its largest text) says what it shows; the caption says something else.
    caption = re.search(r'#\| fig-cap: "(.*)"', (ROOT / "briefs" / f"{brief}.qmd").read_text(encoding="utf-8")).group(1)
    for chart in charts:
        top = max(c["size"] for c in chart["chars"])
        title = squash("".join(c["text"] for c in chart["chars"] if c["size"] > top - 0.05))
        first = squash(re.split(r"(?<=[.;:])\s", caption)[0])
        assert title not in first and first not in title, f"{brief}: the chart title repeats the caption ({caption[:70]!r})"


def text_runs(chars: list[dict]) -> list[dict]:
    """Upright chart characters grouped into runs (a word or a phrase on one baseline, its letters closer than
    a space apart), each with its bounding box. Rotated text (slanted column names) is left out."""
    upright = sorted((c for c in chars if c["text"].strip() and abs(c["matrix"][1]) < 1e-6),
                     key=lambda c: (round(c["bottom"], 1), c["x0"]))
    runs: list[dict] = []
    for c in upright:
        last = runs[-1] if runs else None
        if last and abs(last["bottom"] - c["bottom"]) < 0.3 and -0.3 * c["size"] < c["x0"] - last["x1"] < 0.45 * c["size"]:
            last.update(x1=max(last["x1"], c["x1"]), top=min(last["top"], c["top"]), text=last["text"] + c["text"])
        else:
            runs.append({"x0": c["x0"], "x1": c["x1"], "top": c["top"], "bottom": c["bottom"], "text": c["text"],
                         "size": c["size"]})
    return runs


def overlapping_text(chars: list[dict]) -> list[tuple[str, str, float]]:
    """Pairs of chart text runs that overlap or touch: side by side, closer than a quarter of the text size;
    one above the other, their em boxes less than a tenth of the size apart (a label's own lines stand at least
    1.15 times the size apart, so a gap of 15 %). Two labels printed over each other, or a wrapped name whose
    second line runs into the next name, are caught; the lines of one name are not."""
    runs, out = text_runs(chars), []
    for i, a in enumerate(runs):
        for b in runs[i + 1:]:
            dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            size = min(a["size"], b["size"])
            same_line = abs(a["bottom"] - b["bottom"]) < 0.3
            if (dx > -0.25 * size and same_line) or (dx > 0.25 * size and not same_line and dy > -0.1 * size):
                out.append((a["text"], b["text"], round(dy, 1)))
    return out


@pytest.mark.parametrize("rel", [f"briefs/{b}.pdf" for b in BRIEFS] + [pdf.REPORT_PATH])
def test_no_chart_text_overlaps_other_text(rel):
    bad = [f"page {chart['page']} ({chart['alt'][:30]}…): {len(hits)} pairs, e.g. {hits[:2]}"
           for chart in charts_of(_pdf(rel)) if (hits := overlapping_text(chart["chars"]))]
    assert not bad, f"{rel}: chart labels overlap or touch: " + "; ".join(bad)


@pytest.mark.parametrize("rel", [f"briefs/{b}.pdf" for b in BRIEFS] + [pdf.REPORT_PATH])
def test_no_chart_text_is_cut_short(rel):
    """A name on paper is never shortened with an ellipsis (the data's own names have none)."""
    for chart in charts_of(_pdf(rel)):
        cut = [line for line in text_lines(chart["chars"]) if "\u2026" in line or line.rstrip().endswith("...")]
        assert not cut, f"{rel} page {chart['page']}: chart text cut short: {cut[:3]}"


def title_repeats_caption(title: str, caption: str) -> float:
    """How far the caption opens by restating the title: the share of the title's words (of four letters or
    more) among the caption's first words (one and a half times as many as the title has)."""
    def words(text):
        return [w.rstrip("s") for w in re.findall(r"[a-z]{4,}", text.lower().replace("\u2019", "'"))]
    t = set(words(title))
    opening = set(words(caption)[:math.ceil(1.5 * len(t))])
    return len(t & opening) / max(len(t), 1)


def chart_titles(chart: dict) -> str:
    top = max(c["size"] for c in chart["chars"])
    return " ".join(text_lines([c for c in chart["chars"] if c["size"] > top - 0.05]))


def captions(text: str) -> dict[str, str]:
    """fig-alt → fig-cap of every chart cell in a source."""
    out = {}
    for cell in re.findall(r"```\{python\}\n((?:#\|.*\n)+)", text):
        alt = re.search(r'#\| fig-alt: "(.*)"', cell)
        cap = re.search(r'#\| fig-cap: "(.*)"', cell)
        if alt and cap:
            out[alt.group(1)] = cap.group(1)
    return out


@pytest.mark.parametrize("rel", [f"briefs/{b}.pdf" for b in BRIEFS] + [pdf.REPORT_PATH])
def test_chart_titles_say_what_the_chart_shows_not_the_caption(rel):
    sources = sorted((ROOT / "briefs").glob(Path(rel).stem + ".qmd")) if rel.startswith("briefs/") else \
        sorted((ROOT / "chapters").glob("*.qmd")) + [ROOT / "index.qmd"]
    caps = {a: c for s in sources for a, c in captions(s.read_text(encoding="utf-8")).items()}
    bad = []
    for chart in charts_of(_pdf(rel)):
        caption = caps.get(chart["alt"])
        assert caption, f"{rel} page {chart['page']}: no caption found in the sources for {chart['alt'][:60]!r}"
        title = chart_titles(chart)
        share = title_repeats_caption(title, caption)
        if share >= 0.5:
            bad.append(f"page {chart['page']}: the title {title!r} repeats its caption ({caption[:70]!r}…; "
                       f"{share:.0%} of its words)")
    assert not bad, f"{rel}: " + "; ".join(bad)


SCREEN_WORDS = re.compile(r"\b(tooltips?|interactive|hover\w*|click\w*|tap|buttons?|on screen)\b", re.I)


@pytest.mark.parametrize("rel", [f"briefs/{b}.pdf" for b in BRIEFS] + [pdf.REPORT_PATH])
def test_no_caption_uses_screen_words(rel):
    """A printed caption describes the figure on the page, not the live chart on the site."""
    with pdfplumber.open(_pdf(rel)) as doc:
        for page in doc.pages:
            text = re.sub(r"\s+", " ", page.extract_text() or "")
            for m in re.finditer(r"Figure [0-9.]+: (.*?)(?=Figure [0-9.]+:|$)", text):
                cap = m.group(1)[:400]
                hit = SCREEN_WORDS.search(cap)
                assert not hit, f"{rel} page {page.page_number}: caption says {hit.group(0)!r}: {cap[:120]!r}"


def pdf_width_pt(path: Path) -> float:
    with pdfplumber.open(path) as doc:
        return float(doc.pages[0].width)


# ---------------------------------------------------------------------------------------------------------------
# Brief metadata
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("brief", BRIEFS)
def test_brief_has_date_authors_cite_line_and_urls(brief):
    path = brief_pdf(brief)
    book = config.load(ROOT)
    text = squash(" ".join(page_texts(path)) + full_text(path))
    date = pdf.long_date(front_matter(brief).get("date") or book.date)
    assert squash(date) in text, f"{brief}: the issue date {date!r} is not printed"
    assert squash(book.author) in text, f"{brief}: the issuing body {book.author!r} is not printed"
    assert "citethisbrief" in text, f"{brief}: no 'Cite this brief' line"
    stable = f"{book.site_url}/briefs/{brief}.pdf"
    assert squash(stable.split("://", 1)[1]) in text, f"{brief}: the stable URL {stable} is not printed"
    with pdfplumber.open(path) as doc:
        meta = doc.metadata
    assert meta.get("Title") == front_matter(brief)["title"], f"{brief}: PDF title is {meta.get('Title')!r}"
    assert book.author in str(meta.get("Author")), f"{brief}: PDF author is {meta.get('Author')!r}"
    assert meta.get("Subject"), f"{brief}: the PDF has no subject (description)"
    assert meta.get("Keywords"), f"{brief}: the PDF has no keywords"
    day = (front_matter(brief).get("date") or book.date).replace("-", "")
    assert str(meta.get("CreationDate", "")).startswith("D:" + day), f"{brief}: PDF date is {meta.get('CreationDate')!r}"


@pytest.mark.parametrize("brief", BRIEFS)
def test_read_more_links_print_their_urls(brief):
    path = brief_pdf(brief)
    book = config.load(ROOT)
    text = squash(" ".join(page_texts(path)) + full_text(path))
    with pdfplumber.open(path) as doc:
        links = [a["uri"] for p in doc.pages for a in p.annots if a.get("uri")]
    chapters = sorted({u for u in links if u.startswith(book.site_url + "/chapters/")})
    assert chapters, f"{brief}: no link to a chapter"
    for url in chapters:
        assert squash(url.split("://", 1)[1]) in text, f"{brief}: the link to {url} is not printed with its URL"


@pytest.mark.parametrize("brief", BRIEFS)
def test_qr_code_decodes_to_the_web_chapter(brief):
    zxingcpp = pytest.importorskip("zxingcpp")
    path = brief_pdf(brief)
    book = config.load(ROOT)
    want = web_chapter_url(book, brief)
    with pdfplumber.open(path) as doc:
        found = [r.text for p in doc.pages for r in zxingcpp.read_barcodes(p.to_image(resolution=200).original)]
    assert found == [want], f"{brief}: QR codes on the pages decode to {found}, expected [{want!r}]"


# ---------------------------------------------------------------------------------------------------------------
# Page breaks and length
# ---------------------------------------------------------------------------------------------------------------

def list_items(stem: str) -> list[str]:
    """Each list item of a brief's source as plain text (markup, citations and links removed)."""
    items, current = [], None
    for line in (ROOT / "briefs" / f"{stem}.qmd").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(?:\d+\.|[-*])\s+(.*)", line)
        if m:
            current = m.group(1)
            items.append(current)
        elif current is not None and line.startswith("   ") and line.strip():
            items[-1] += " " + line.strip()
        else:
            current = None
    plain = []
    for item in items:
        item = re.sub(r"\s*\[@[^\]]*\]", "", item)
        # a link prints its address after it on paper: "Chapter 2 (example.org/chapters/02.html)"
        item = re.sub(r"\[([^\]]*)\]\(https?://([^)]*)\)", r"\1 \2", item)
        item = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", item)
        plain.append(item.replace("**", "").replace("*", ""))
    return plain


@pytest.mark.parametrize("brief", BRIEFS)
def test_no_list_item_split_across_pages(brief):
    pages = [squash(t) for t in page_texts(brief_pdf(brief))]
    items = list_items(brief)
    assert items, f"{brief}: no list items found in the source"
    for item in items:
        words = squash(item)
        head, tail = words[:24], words[-24:]
        on = [i + 1 for i, p in enumerate(pages) if head in p]
        assert on, f"{brief}: list item not found in the PDF: {item[:60]!r}"
        assert tail in pages[on[0] - 1], (
            f"{brief}: list item begins on page {on[0]} and ends on another: {item[:50]!r} … {item[-30:]!r}")


@pytest.mark.parametrize("brief", BRIEFS)
def test_brief_references_are_not_set_solid(brief):
    """The references are small (0.76 em); their lines stand at least 1.12 times their size apart, so that one
    line's descenders do not touch the next line's capitals."""
    with pdfplumber.open(brief_pdf(brief)) as doc:
        chars = [dict(c, page=p.page_number, column=int(c["x0"] > p.width / 2)) for p in doc.pages for c in p.chars
                 if c["text"].strip() and abs(c["matrix"][1]) < 1e-6 and c.get("mcid") is not None]
    sizes = sorted({round(c["size"], 2) for c in chars})
    size = sizes[0] if sizes else 0
    refs = [c for c in chars if abs(c["size"] - size) < 0.05]
    assert len(refs) > 200, f"{brief}: no reference list found (smallest text {size} pt, {len(refs)} characters)"
    pitches = []
    for key in {(c["page"], c["column"]) for c in refs}:
        baselines = sorted({round(c["bottom"], 1) for c in refs if (c["page"], c["column"]) == key})
        pitches += [b - a for a, b in zip(baselines, baselines[1:]) if b - a < 2 * size]
    assert pitches, f"{brief}: no consecutive reference lines"
    assert min(pitches) >= 1.12 * size - 0.05, (
        f"{brief}: reference lines {min(pitches):.2f} pt apart for {size:.2f} pt text "
        f"({min(pitches) / size:.2f} times the size; at least 1.12)")


@pytest.mark.parametrize("brief", BRIEFS)
def test_brief_is_two_a4_pages(brief):
    with pdfplumber.open(brief_pdf(brief)) as doc:
        sizes = [(round(p.width), round(p.height)) for p in doc.pages]
    assert sizes == [(595, 842), (595, 842)], f"{brief}: pages {sizes}; a brief is exactly two A4 pages"


# ---------------------------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------------------------

def _chapter_alt(name: str) -> str:
    """The fig-alt of the chapter cell that calls charts.<name>."""
    for path in sorted((ROOT / "chapters").glob("*.qmd")):
        m = re.search(r'#\| fig-alt: "(.*)"\n(?:#\|.*\n)*charts\.' + name + r"\(", path.read_text(encoding="utf-8"))
        if m:
            return m.group(1)
    raise AssertionError(f"no chapter draws charts.{name}")


@pytest.mark.parametrize("name", LANDSCAPE)
def test_report_wide_charts_are_on_landscape_pages(name):
    alt = _chapter_alt(name.replace("-", "_"))
    charts = [c for c in charts_of(_pdf(pdf.REPORT_PATH)) if c["alt"] == alt]
    assert charts, f"report: chart {name} not found by its alt text"
    assert all(c["landscape"] for c in charts), f"report: {name} is on a portrait page (page {charts[0]['page']})"


def test_report_prints_the_explorer_as_a_table():
    alt = _chapter_alt("proposition_explorer")
    charts = [c for c in charts_of(_pdf(pdf.REPORT_PATH)) if c["alt"] == alt]
    assert charts, "report: the proposition explorer is missing"
    text = squash(" ".join(text_lines(charts[0]["chars"])))
    rules = analysis.proposition_rules()
    for label in (["First-tier", "Lower-tier"] + sorted(set(rules["proposition"]))
                  + sorted(set(rules["first_tier"]) | set(rules["lower_tier"]))):
        assert all(squash(w) in text for w in label.split()), f"report: the explorer's print table lacks {label!r}"
    for _, group, _ in analysis.MODEL_GROUPS:
        # column headings wrap over several lines, which text extraction interleaves: look for each word
        assert all(squash(w) in text for w in group.split()), f"report: the explorer's print table lacks the setting {group!r}"


def _hex(colour) -> str:
    return "#" + "".join(f"{round(255 * float(v)):02x}" for v in colour)


def test_report_explorer_tints_mean_the_outcomes():
    """Each outcome cell of the explorer's print table is tinted with that outcome's colour in the theme (the
    screen explorer's: better, worse and mixed for CSR), never with another meaning's palette."""
    from clustercsr.charts import theme

    want = dict(zip(theme.domain("outcome"), theme.palette_range(["outcome"])))
    alt = _chapter_alt("proposition_explorer")
    chart = next(c for c in charts_of(_pdf(pdf.REPORT_PATH)) if c["alt"] == alt)
    with pdfplumber.open(_pdf(pdf.REPORT_PATH)) as doc:
        page = doc.pages[chart["page"] - 1]
        fills = [o for o in page.rects + page.curves if o.get("fill") and o.get("non_stroking_color")
                 and isinstance(o["non_stroking_color"], (tuple, list)) and len(o["non_stroking_color"]) == 3
                 and (o["x1"] - o["x0"]) < page.width / 4]
    seen = {}
    for run in text_runs(chart["chars"]):
        outcome = next((o for o in want if squash(o).startswith(squash(run["text"])) and len(run["text"]) > 3), None)
        if not outcome:
            continue
        cx, cy = (run["x0"] + run["x1"]) / 2, (run["top"] + run["bottom"]) / 2
        under = [f for f in fills if f["x0"] <= cx <= f["x1"] and f["top"] <= cy <= f["bottom"]]
        assert under, f"report: the explorer's {run['text']!r} cell has no tint"
        seen.setdefault(outcome, set()).add(_hex(under[0]["non_stroking_color"]))
    assert set(seen) == set(want), f"report: outcome cells found for {sorted(seen)}, expected {sorted(want)}"
    wrong = {o: sorted(c) for o, c in seen.items() if c != {want[o]}}
    assert not wrong, (f"report: the explorer's outcome tints {wrong} are not the theme's outcome colours "
                       f"{ {o: want[o] for o in wrong} }")


# ---------------------------------------------------------------------------------------------------------------
# The pieces, without a built site
# ---------------------------------------------------------------------------------------------------------------

def _small_chart() -> dict:
    import altair as alt

    chart = alt.Chart(alt.Data(values=[{"a": "Enforcement of national laws", "n": 3}, {"a": "Bribery", "n": 5}])).mark_bar().encode(
        y=alt.Y("a:N", title=None), x=alt.X("n:Q", title="Works the review cites"),
    ).properties(width="container", height=alt.Step(30),
                 title=alt.TitleParams("Works per factor", subtitle=["Bars count works; hover over a bar for its citations."]))
    spec = chart.to_dict()
    spec["usermeta"] = {"clustercsr": {"name": "small", "title": "Small", "hint": "Click a bar"}}
    return spec


def test_print_svg_is_placed_at_its_width_with_print_type_sizes():
    from clustercsr.charts import print_layout as pl

    brief = {"papersize": "a4", "margin": {"x": "1.5cm", "y": "1.3cm"}}
    svg = pl.to_print_svg(_small_chart(), opts=brief)
    head = re.search(r"<svg\b[^>]*>", svg).group(0)
    width = float(re.search(r'width="([\d.]+)pt"', head).group(1))
    assert abs(width - (595.28 - 2 * 1.5 * CM)) < 1.5, f"print SVG is {width} pt wide, not the brief's text width"
    sizes = [float(x) for x in re.findall(r'font-size="([\d.]+)px"', svg)]
    assert sizes and min(sizes) * pl.PT_PER_PX >= MIN_PT - 0.01, f"font sizes {sorted(set(sizes))} px"
    assert max(sizes) * pl.PT_PER_PX >= MIN_TITLE_PT
    assert "hover" not in svg.lower() and "Bars count works." in svg, "the interaction clause stays in print"
    report = pl.to_print_svg(_small_chart(), opts=None)
    width = float(re.search(r'width="([\d.]+)pt"', report).group(1))
    assert abs(width - (595.28 - 2 * 2.3 * CM)) < 1.5, f"report SVG is {width} pt wide"


def test_explorer_summary_covers_every_setting_once():
    from clustercsr.charts import print_layout as pl

    rules = analysis.proposition_rules()
    groups = [g for g, _, _ in analysis.MODEL_GROUPS]
    summary = pl.rule_summary(rules, groups)
    assert len(summary) <= 12, f"{len(summary)} rows: too many for a small table"
    for r in rules.to_dict("records"):
        rows = [s for s in summary if all(r[g] in s[g] for g in groups)]
        assert len(rows) == 1, f"setting {r['key']} is in {len(rows)} rows of the print table"
        assert (rows[0]["first_tier"], rows[0]["lower_tier"], rows[0]["proposition"]) == (
            r["first_tier"], r["lower_tier"], r["proposition"]), r["key"]


def test_qr_svg_encodes_the_url(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    import io

    import vl_convert as vlc
    from PIL import Image

    url = "https://clustercsr.github.io/clustercsr/chapters/02-drivers-barriers.html"
    svg = pdf.qr_svg(url, tmp_path / "qr.svg").read_text(encoding="utf-8")
    image = Image.open(io.BytesIO(vlc.svg_to_png(svg, scale=4)))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


def test_print_layouts_give_each_factor_name_one_line():
    """On paper the matrix, the frameworks grid and the model print each factor's name on one line (on screen
    they wrap for a phone; printed rows are shorter, and a second line ran into the next name)."""
    from clustercsr import charts, evidence
    from clustercsr.charts import print_layout as pl

    ev = evidence.load(ROOT)
    for name, field in (("evidence-matrix", "factor_axis"), ("frameworks-compared", "factor_axis"),
                        ("conceptual-model", "text")):
        spec = pl.print_spec(charts.REGISTRY[name](ev).to_dict(), box=pl.placement(name, None))
        drawn = pl._data_names(spec, set())
        names = [r[field] for key, rows in spec["datasets"].items() if key in drawn for r in rows
                 if isinstance(r, dict) and field in r and r.get("role", "factor") == "factor"]
        assert names, f"{name}: no {field} in the print spec's data"
        wrapped = [n for n in names if (isinstance(n, str) and "|" in n) or (isinstance(n, list) and len(n) > 1)]
        assert not wrapped, f"{name}: factor names still wrapped in print: {wrapped[:3]}"
