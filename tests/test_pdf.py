"""The PDFs: the policy briefs and the whole report, built by `clustercsr build` through pandoc and Typst.

Two groups:

1. The fixture book (fast): a copy of tests/fixtures/book with its brief, plus a second brief that uses the
   project's real brief partials (briefs/typst-template.typ, typst-show.typ), built once per module. Checks the
   structure, vector charts, metadata, alt text, links, determinism and the failures (missing citation, a chart
   with no SVG).
2. The real project: the PDFs in the _site/ that `make site` wrote (or CLUSTERCSR_SITE); skipped, with the reason,
   when they are not there.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from conftest import ROOT, site_root
from fixture_book import make_book

from clustercsr.errors import BuildError
from clustercsr.publish import config, convert, parse, pdf
from clustercsr.publish.build import Progress, build
from clustercsr.publish.execute import Executor

A4 = (595.28, 841.89)
PATH_SEGMENT = re.compile(rb"[\d.] (?:l|c|re)(?=[\s/])")  # "x y l", "… c", "x y w h re": lines, curves, rectangles
PATHS_PER_CHART = 40  # a page of text and rules has a handful; a chart has hundreds


# ---------------------------------------------------------------------------------------------------------------
# Helpers: what is inside a PDF
# ---------------------------------------------------------------------------------------------------------------

def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def xobjects(reader: PdfReader) -> list[tuple[str, object]]:
    """Every XObject (subtype, object) reachable from the pages, through nested Form XObjects."""
    found, seen = [], set()

    def walk(resources):
        resources = _resolve(resources) or {}
        for ref in (_resolve(resources.get("/XObject")) or {}).values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key in seen:
                continue
            seen.add(key)
            obj = _resolve(ref)
            found.append((str(obj.get("/Subtype")), obj))
            if obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def alt_texts(reader: PdfReader) -> list[str]:
    """The /Alt of every element of the structure tree (tagged PDF)."""
    out = []
    root = _resolve(reader.trailer["/Root"].get("/StructTreeRoot"))
    stack = [root] if root is not None else []
    while stack:
        node = _resolve(stack.pop())
        if isinstance(node, dict) or hasattr(node, "get"):
            try:
                alt = node.get("/Alt")
            except Exception:  # a number (marked-content id) among the kids
                continue
            if alt is not None:
                out.append(str(alt))
            kids = _resolve(node.get("/K"))
            if isinstance(kids, list):
                stack.extend(kids)
            elif kids is not None:
                stack.append(kids)
    return out


def uris(reader: PdfReader) -> list[str]:
    links = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = _resolve(_resolve(annot).get("/A")) or {}
            if "/URI" in action:
                links.append(str(action["/URI"]))
    return links


def internal_links(reader: PdfReader) -> int:
    n = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = _resolve(annot)
            action = _resolve(a.get("/A")) or {}
            if a.get("/Dest") is not None or action.get("/S") == "/GoTo":
                n += 1
    return n


def text_of(reader: PdfReader) -> str:
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\xa0", " ")
    return re.sub(r"[ \t]+", " ", text)


def drawing_streams(reader: PdfReader) -> list[bytes]:
    """Every content stream that can draw: the pages' own and their Form XObjects'."""
    streams = [page.get_contents().get_data() for page in reader.pages if page.get_contents() is not None]
    streams += [o.get_data() for kind, o in xobjects(reader) if kind == "/Form"]
    return streams


def assert_vector_charts(reader: PdfReader, name: str, charts: int) -> None:
    """No raster images anywhere, and vector path drawing (Typst puts a chart either in a Form XObject or
    straight into the page's content stream) of at least PATHS_PER_CHART segments per chart."""
    images = [o for kind, o in xobjects(reader) if kind == "/Image"]
    assert not images, f"{name}: {len(images)} raster image XObject(s); charts must be embedded as vectors"
    segments = sum(len(PATH_SEGMENT.findall(data)) for data in drawing_streams(reader))
    assert segments >= PATHS_PER_CHART * charts, (
        f"{name}: only {segments} vector path segments for {charts} chart(s); the charts are not drawn as vectors")


def assert_metadata(reader: PdfReader, title: str, name: str) -> None:
    meta = reader.metadata
    assert meta is not None and meta.title == title, f"{name}: title is {meta and meta.title!r}, expected {title!r}"
    assert meta.author, f"{name}: no author"
    catalog = reader.trailer["/Root"]
    assert str(catalog.get("/Lang")) == "en-GB", f"{name}: /Lang is {catalog.get('/Lang')}"
    assert _resolve(catalog.get("/MarkInfo") or {}).get("/Marked"), f"{name}: not a tagged PDF"
    xmp = _resolve(catalog["/Metadata"]).get_data()
    assert b"pdfuaid:part" in xmp and b"1" in xmp.split(b"pdfuaid:part", 1)[1][:20], f"{name}: no PDF/UA-1 identifier"


# ---------------------------------------------------------------------------------------------------------------
# 1. The fixture book
# ---------------------------------------------------------------------------------------------------------------

PARTIALS_BRIEF = "partials.qmd"


def add_partials_brief(root: Path) -> None:
    """A second fixture brief laid out with the project's real brief partials, as the real briefs are."""
    for name in ("typst-template.typ", "typst-show.typ"):
        shutil.copyfile(ROOT / "briefs" / name, root / "briefs" / name)
    text = (root / "briefs" / "sample.qmd").read_text(encoding="utf-8")
    text = text.replace("    citeproc: true\n", "    citeproc: true\n    template-partials:\n"
                        "      - typst-template.typ\n      - typst-show.typ\n")
    text = text.replace('title: "A fixture brief about drivers"', 'title: "A fixture brief with the real partials"')
    (root / "briefs" / PARTIALS_BRIEF).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("pdf") / "book")
    add_partials_brief(root)
    report = build(root, quiet=True)
    return root, report


def test_build_writes_every_pdf(fixture_site):
    root, report = fixture_site
    site = root / "_site"
    assert report.pdfs == 3
    for rel in ("briefs/sample.pdf", f"briefs/{Path(PARTIALS_BRIEF).stem}.pdf", pdf.REPORT_PATH):
        assert (site / rel).is_file(), rel
        assert (site / rel).read_bytes().startswith(b"%PDF-")
    assert not list(root.glob("._site.tmp-*")), "a staging folder was left behind"


def test_fixture_briefs(fixture_site):
    root, _ = fixture_site
    for stem, title in [("sample", "A fixture brief about drivers"),
                        ("partials", "A fixture brief with the real partials")]:
        reader = PdfReader(root / "_site" / "briefs" / f"{stem}.pdf")
        assert 1 <= len(reader.pages) <= 2
        width, height = (float(x) for x in reader.pages[0].mediabox[2:])
        assert (round(width), round(height)) == (round(A4[0]), round(A4[1])), "briefs honour papersize: a4"
        text = text_of(reader)
        for heading in ("Key findings", "Why", "Read more", "References"):
            assert heading in text, f"{stem}: heading {heading!r} missing"
        assert "Lund-Thomsen and Nadvi 2010" in text and "Blackman 2006" in text, f"{stem}: citations missing"
        assert "Figure 1" in text, f"{stem}: figure number missing"
        assert_vector_charts(reader, stem, charts=1)
        assert_metadata(reader, title, stem)
        assert "Bars for two factors, drivers to the right and barriers to the left." in alt_texts(reader)
        links = uris(reader)
        # An absolute link stays as written; a link to a page of the book goes to that page on the site.
        assert "https://example.org/fixture/chapters/one.html" in links


def test_partials_brief_has_the_title_band(fixture_site):
    root, _ = fixture_site
    text = text_of(PdfReader(root / "_site" / "briefs" / "partials.pdf"))
    assert "POLICY BRIEF FOR TEST READERS" in text
    assert "Page 1 of 1" in text or "Page 1 of 2" in text


def test_fixture_report(fixture_site):
    root, _ = fixture_site
    reader = PdfReader(root / "_site" / pdf.REPORT_PATH)
    text = text_of(reader)
    for expected in ("Fixture book", "Contents", "Overview", "CHAPTER 1", "Drivers", "1.1 A section",
                     "What we know", "References", "Figure 1.1"):
        assert expected in text, f"report: {expected!r} missing"
    assert "Lund-Thomsen and Nadvi 2010" in text and "Blackman 2006" in text
    # The bibliography comes once, at the end: both entries after the last chapter's text.
    assert text.count("Small Firms and the Environment in Developing Countries") == 1
    assert text.rindex("Small Firms and the Environment") > text.index("1.1 A section")
    assert_vector_charts(reader, "report", charts=1)
    assert_metadata(reader, "Fixture book", "report")
    assert "Bars for two factors." in alt_texts(reader)
    assert internal_links(reader) >= 3, "citations, cross-references and chapter links are live inside the PDF"
    assert list(reader.page_labels[:2]) == ["", "i"], "cover unnumbered, contents in roman numerals"
    assert reader.page_labels[2] == "1", "the book starts on page 1"
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Overview" in outline and "References" in outline


def test_pdfs_are_deterministic(fixture_site, tmp_path):
    """Same sources, same bytes: a fixed timestamp and no temporary paths in the output."""
    root, _ = fixture_site
    book = config.load(root)
    docs = [parse.parse(root / e.source) for e in book.entries]
    floats = convert.number_floats([(d, e.number, e.href) for d, e in zip(docs, book.entries)])
    executor = Executor(root)
    pdf.build_all(book, docs, tmp_path / "a", executor, floats, Progress(quiet=True))
    for rel in ("briefs/sample.pdf", pdf.REPORT_PATH):
        assert (tmp_path / "a" / rel).read_bytes() == (root / "_site" / rel).read_bytes(), rel


def _brief(root: Path, name: str, body: str) -> Path:
    path = root / "briefs" / f"{name}.qmd"
    path.write_text('---\ntitle: "Broken"\nformat:\n  typst:\n    papersize: a4\n---\n\n' + body, encoding="utf-8")
    return path


def test_missing_citation_stops_the_build(fixture_site, tmp_path):
    root = make_book(tmp_path / "book")
    path = _brief(root, "broken", "A claim [@nosuchwork2020].\n")
    book = config.load(root)
    with pytest.raises(BuildError) as err:
        pdf.build_brief(book, path, parse.parse(path), Executor(root).run(parse.parse(path), "typst"), tmp_path, tmp_path)
    assert err.value.file == str(path) and "nosuchwork2020" in err.value.message


def test_missing_citation_in_report_names_the_chapter(fixture_site, tmp_path):
    root, _ = fixture_site
    chapter = root / "chapters" / "one.qmd"
    original = chapter.read_text(encoding="utf-8")
    chapter.write_text(original + "\nAnother claim [@nosuchwork2099].\n", encoding="utf-8")
    try:
        book = config.load(root)
        docs = [parse.parse(root / e.source) for e in book.entries]
        floats = convert.number_floats([(d, e.number, e.href) for d, e in zip(docs, book.entries)])
        runs = pdf.execute(Executor(root), docs, None)
        with pytest.raises(BuildError) as err:
            pdf.build_report(book, docs, runs, floats, tmp_path, tmp_path / "out")
    finally:
        chapter.write_text(original, encoding="utf-8")
    assert err.value.file == str(chapter) and "nosuchwork2099" in err.value.message
    assert not (tmp_path / "out" / pdf.REPORT_PATH).exists()


def test_typst_error_names_the_source(tmp_path):
    origin = tmp_path / "brief.qmd"
    with pytest.raises(BuildError) as err:
        pdf.compile_typst("#let broken = (", tmp_path / "out.pdf", tmp_path, "broken", origin=origin,
                          when=pdf.timestamp(config.load(ROOT)))
    assert err.value.file == str(origin) and "Typst could not make out.pdf" in err.value.message
    assert not (tmp_path / "out.pdf").exists()


def test_chart_without_svg_stops_the_build():
    doc = parse.parse(Path("briefs/x.qmd"), '---\ntitle: "x"\n---\n\n```{python}\n#| label: fig-x\n#| fig-cap: "X"\n'
                      "1 + 1\n```\n")
    outputs = [[{"output_type": "execute_result", "data": {"text/plain": "2"}}]]
    with pytest.raises(BuildError) as err:
        pdf.require_vector_charts(doc, outputs)
    assert "fig-x" in err.value.message and "no vector SVG" in err.value.message
    assert err.value.line == 5
    pdf.require_vector_charts(doc, [[{"output_type": "display_data", "data": {"image/svg+xml": "<svg/>"}}]])


def test_failed_pdf_leaves_the_previous_site(fixture_site):
    root, _ = fixture_site
    before = (root / "_site" / pdf.REPORT_PATH).read_bytes()
    path = _brief(root, "zz-broken", "A claim [@nosuchwork2020].\n")
    try:
        with pytest.raises(BuildError):
            build(root, quiet=True)
    finally:
        path.unlink()
    assert (root / "_site" / pdf.REPORT_PATH).read_bytes() == before
    assert not (root / "_site" / "briefs" / "zz-broken.pdf").exists()
    assert not [p for p in root.iterdir() if p.name.startswith("._site.tmp-")]


def test_brief_options_are_quartos():
    """Each real brief uses Quarto's own typst options only, and its partials are valid pandoc partials."""
    for path in sorted((ROOT / "briefs").glob("*.qmd")):
        doc = parse.parse(path)
        opts = pdf.typst_format(doc)  # raises on anything clustercsr build does not honour
        assert opts.get("papersize") == "a4" and opts.get("citeproc") is True, path.name
        for partial in opts.get("template-partials", []):
            text = (path.parent / partial).read_text(encoding="utf-8")
            assert "$" not in text or partial == "typst-show.typ", f"{partial}: a '$' would be read by pandoc"


def test_unknown_typst_option_is_rejected(tmp_path):
    path = tmp_path / "b.qmd"
    path.write_text('---\ntitle: "b"\nformat:\n  typst:\n    fancy-layout: true\n---\n', encoding="utf-8")
    with pytest.raises(BuildError, match="fancy-layout"):
        pdf.typst_format(parse.parse(path))


# ---------------------------------------------------------------------------------------------------------------
# 2. The real project, as `make site` built it
# ---------------------------------------------------------------------------------------------------------------

def _real_pdfs_reason() -> str | None:
    site = site_root()
    wanted = [site / "briefs" / f"{p.stem}.pdf" for p in (ROOT / "briefs").glob("*.qmd")] + [site / pdf.REPORT_PATH]
    missing = [str(p) for p in wanted if not p.is_file()]
    if missing:
        return f"no PDFs in {site} ({', '.join(missing)}): run `make site` first"
    return None


real = pytest.mark.skipif(_real_pdfs_reason() is not None, reason=_real_pdfs_reason() or "")


def _briefs() -> list[Path]:
    return sorted((ROOT / "briefs").glob("*.qmd"))


@real
@pytest.mark.parametrize("brief", [p.stem for p in _briefs()])
def test_real_brief(brief):
    source = ROOT / "briefs" / f"{brief}.qmd"
    meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
    book = config.load(ROOT)
    reader = PdfReader(site_root() / "briefs" / f"{brief}.pdf")
    assert len(reader.pages) == 2, f"{brief}: {len(reader.pages)} pages; a brief is exactly two A4 pages"
    for page in reader.pages:
        width, height = (float(x) for x in page.mediabox[2:])
        assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))
    text = text_of(reader)
    headings = re.findall(r"^## (.+)$", source.read_text(encoding="utf-8"), flags=re.M)
    for section in ("Key findings", "Our recommendations", "Read more", "References"):
        assert section in headings, f"{brief}: the source has no {section!r} section"
    flowing = re.sub(r"\s+", " ", text)  # a long heading may wrap over two lines
    for heading in headings:
        assert heading in flowing, f"{brief}: heading {heading!r} is not printed"
    assert "Lund-Thomsen et al. 2016" in text, f"{brief}: the review is never cited"
    assert "Figure 1" in text
    assert_vector_charts(reader, brief, charts=1)
    assert_metadata(reader, meta["title"], brief)
    # Every figure's alt text is in the structure tree.
    fig_alts = re.findall(r'#\| fig-alt: "(.*)"', source.read_text(encoding="utf-8"))
    alts = alt_texts(reader)
    for alt in fig_alts:
        assert alt in alts, f"{brief}: alt text missing for a figure"
    # "Read more" links go to chapter pages that exist on the site.
    chapters = [u for u in uris(reader) if u.startswith(book.site_url + "/chapters/")]
    assert chapters, f"{brief}: no link to a chapter of the site"
    for url in chapters:
        page = url[len(book.site_url) + 1:].split("#")[0]
        assert (site_root() / page).is_file(), f"{brief}: links to {url}, which the site does not have"


@real
def test_real_report():
    book = config.load(ROOT)
    reader = PdfReader(site_root() / pdf.REPORT_PATH)
    assert len(reader.pages) >= 15
    text = text_of(reader)
    titles = [str(parse.parse(ROOT / e.source).meta.get("title")) for e in book.entries if e.number]
    for expected in ["Contents", "Overview", *titles]:
        assert expected in text, f"report: {expected!r} missing"
    for word, number in [("CHAPTER", "1"), ("CHAPTER", "8"), ("APPENDIX", "A"), ("APPENDIX", "C")]:
        assert f"{word} {number}" in text
    assert "Lund-Thomsen et al. 2016" in text
    assert book.extra.get("paper-doi", "10.1007/s10551-014-2372-8") in text
    # One bibliography, at the end: an entry of the reference list appears once, after the appendices begin.
    entry = "Lund-Thomsen, Peter, Adam Lindgreen"  # the review's own entry in the reference list
    assert text.count(entry) == 1, "the reference list appears more than once"
    assert text.index(entry) > text.index("APPENDIX C")
    # Running headers name the chapter; figures carry the site's numbers ("Figure 2.1").
    assert "Chapter 2 · Drivers and barriers" in text
    docs = [parse.parse(ROOT / e.source) for e in book.entries]
    floats = convert.number_floats([(d, e.number, e.href) for d, e in zip(docs, book.entries)])
    for label, f in floats.items():
        word = "Figure" if label.startswith("fig-") else "Table"
        assert f"{word} {f.number}:" in text, f"report: no caption numbered {word} {f.number} ({label})"
    charts = sum(1 for d in docs for c in d.cells if (c.label or "").startswith("fig-"))
    assert_vector_charts(reader, "report", charts=charts)
    assert_metadata(reader, book.title, "report")
    assert internal_links(reader) > 50
    assert all(u.startswith(("https://", "http://", "mailto:")) for u in uris(reader))
