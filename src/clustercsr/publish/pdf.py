"""PDF: the policy briefs and the whole report, through pandoc's Typst writer and the typst wheel.

Briefs (`briefs/*.qmd`, `format: typst`) go through a pandoc template laid out like Quarto's own Typst
template, and honour the same front-matter options Quarto's typst format does (papersize, margin, fontsize,
columns, mainfont, section-numbering, template-partials), so `quarto render` and `clustercsr build` agree.

The report puts every page of the book, in `_quarto.yml` order, into one markdown document and converts it
once, so citeproc sees the whole book and writes one bibliography, in the References appendix. Chapter
headings, numbering and the cover come from `typst/report.typ`.

Every chart reaches the PDF as vector SVG (the cells run with target "typst"); a chart cell without an SVG,
a missing citation or a Typst error stops the build with a BuildError naming the file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import segno
import typst
import yaml

from clustercsr.charts import print_layout
from clustercsr.errors import BuildError
from clustercsr.publish import convert, parse

TYPST_DIR = Path(__file__).with_name("typst")
PDF_FILTER = TYPST_DIR / "pdf.lua"
REPORT_PATH = "pdf/clustercsr-report.pdf"
BRIEFS_DIR = "briefs"
# What Typst checks at export. PDF/UA-1: tagged, titled, every image with alt text, a sane heading order, no
# links in headers and footers. PDF/A-2a: self-contained for archiving (fonts embedded, tagged, Unicode text).
PDF_STANDARDS = ["ua-1", "a-2a"]
# Pandoc template partials that a document's `template-partials:` may replace, as in Quarto.
PARTIALS = ("definitions.typ", "typst-template.typ", "page.typ", "typst-show.typ")
# Options of Quarto's typst format that `clustercsr build` honours; anything else in `format: typst:` is an error,
# so a brief never relies on something only one renderer understands.
TYPST_OPTIONS = {"papersize", "margin", "fontsize", "columns", "mainfont", "section-numbering", "template-partials",
                 "citeproc", "keep-typ", "toc", "toc-depth", "page-numbering"}
REFS_DIV = re.compile(r"^(:{3,})\s*\{#refs[^}]*\}\s*\n(?:.*?\n)??:{3,}\s*$", re.M | re.S)
KEEP_DIR = Path(tempfile.gettempdir()) / "clustercsr-pdf-failed"  # the Typst source of a failed compile
CACHE_DIR = Path(".cache") / "clustercsr" / "pdf"  # under the project root: PDFs by what goes into them
CACHED_VERSIONS = 3
IMAGE_CALL = re.compile(r'image\("((?:[^"\\]|\\.)*)"')
KEYWORDS = ("corporate social responsibility", "industrial clusters", "developing countries", "literature review",
            "small and medium-sized enterprises")


@dataclass
class Compiled:
    path: Path
    warnings: list[str]
    cached: bool = False  # copied from the cache: nothing that goes into it changed since it was compiled


# ---------------------------------------------------------------------------------------------------------------
# Shared steps

def typst_string(text: str) -> str:
    """A Typst string literal."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ") + '"'


def raw_typst(code: str) -> str:
    """A raw Typst block inside pandoc markdown."""
    return f"\n```{{=typst}}\n{code}\n```\n"


def yaml_block(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def lang_region(lang: str) -> tuple[str, str | None]:
    parts = (lang or "en").replace("_", "-").split("-")
    return parts[0].lower(), (parts[1].upper() if len(parts) > 1 else None)


def timestamp(book) -> dt.datetime:
    """A fixed creation date, so the same sources give the same PDF: SOURCE_DATE_EPOCH, else the book's date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=dt.timezone.utc)
    try:
        day = dt.date.fromisoformat(str(book.date)[:10])
    except ValueError:
        day = dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def require_vector_charts(doc, outputs: list[list[dict]]) -> None:
    """Every chart cell (label fig-…) must have given the PDF a vector SVG."""
    for cell, cell_outputs in zip(doc.cells, outputs):
        label = cell.label or ""
        if not label.startswith("fig-") or cell.options.get("output") is False:
            continue
        kinds = set()
        for out in cell_outputs:
            kinds.update(out.get("data", {}))
        if "image/svg+xml" not in kinds:
            got = ", ".join(sorted(kinds)) or "nothing"
            raise BuildError(f"chart cell '{label}' gave no vector SVG for the PDF (it gave {got}); the chart "
                             "could not be exported. Charts must come from clustercsr.charts builders",
                             file=doc.path, line=cell.line)


def execute(executor, docs: list, progress) -> list:
    """Run every document's cells with target typst (cached), two kernels at a time as for the site."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda d: executor.run(d, "typst"), docs))
    for doc, run in zip(docs, runs):
        require_vector_charts(doc, run.outputs)
    return runs


def compile_key(source: str, workdir: Path, when: dt.datetime) -> str:
    """Everything Typst reads to make one PDF: the source (less the temporary folder's name), every file of the
    PDF's own folder (its figures, QR code, templates), any image the source names outside it, the creation date,
    the PDF standards and the typst wheel's version, which also fixes the fonts (system fonts are ignored, so only
    the wheel's own are used)."""
    h = hashlib.sha256(json.dumps([importlib.metadata.version("typst"), PDF_STANDARDS, when.isoformat()]).encode())
    h.update(source.replace(str(workdir), "\0work").encode())
    files = {p for p in workdir.rglob("*") if p.is_file()}
    files |= {p for p in (workdir / t for t in IMAGE_CALL.findall(source)) if p.is_file()}
    for p in sorted(files):
        h.update(b"\0" + str(p).replace(str(workdir), "\0work").encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def compile_typst(source: str, out: Path, workdir: Path, name: str, *, origin: Path, when: dt.datetime,
                  cache: Path | None = None) -> Compiled:
    """Compile `source` to `out` with Typst, or copy the PDF from `cache` when nothing that goes into it changed."""
    key = f"{out.stem}@{compile_key(source, workdir, when)}" if cache else None
    out.parent.mkdir(parents=True, exist_ok=True)
    if key and (cache / f"{key}.pdf").is_file() and (cache / f"{key}.json").is_file():
        shutil.copyfile(cache / f"{key}.pdf", out)
        os.utime(cache / f"{key}.pdf")  # recently used: kept by _store's pruning
        return Compiled(out, json.loads((cache / f"{key}.json").read_text(encoding="utf-8")), cached=True)
    main = workdir / f"{name}.typ"
    main.write_text(source, encoding="utf-8")
    try:
        _, warnings = typst.compile_with_warnings(
            str(main), output=str(out), root=str(Path(workdir.anchor)), ignore_system_fonts=True,
            pdf_standards=PDF_STANDARDS, timestamp=when)
    except Exception as exc:  # typst.TypstError carries the diagnostics; older wheels raise RuntimeError
        kept = _keep_failed(main)
        message = getattr(exc, "message", None) or str(exc)
        detail = "\n".join(x for x in [getattr(exc, "diagnostic", ""), *(f"hint: {h}" for h in getattr(exc, "hints", None) or [])] if x)
        if kept:
            detail += f"\nThe Typst source is kept in {kept}"
        raise BuildError(f"Typst could not make {out.name}: {message}", file=origin, detail=detail or None) from None
    made = Compiled(out, [f"{out.name}: {w.message}" for w in warnings])
    if key:
        _store(cache, key, out, made.warnings)
    return made


def _store(cache: Path, key: str, pdf: Path, warnings: list[str]) -> None:
    """Keep a compiled PDF under its key; renames only, so a killed build never leaves half a file under a key.
    Only the last CACHED_VERSIONS versions of each PDF are kept (an edit and its undo both stay fast)."""
    cache.mkdir(parents=True, exist_ok=True)
    for suffix, write in ((".json", lambda p: p.write_text(json.dumps(warnings), encoding="utf-8")),
                          (".pdf", lambda p: shutil.copyfile(pdf, p))):
        tmp = cache / f".{key}{suffix}.{os.getpid()}"
        write(tmp)
        os.replace(tmp, cache / f"{key}{suffix}")
    versions = sorted(cache.glob(f"{key.split('@')[0]}@*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[CACHED_VERSIONS:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".json").unlink(missing_ok=True)


def _keep_failed(main: Path) -> Path | None:
    """Keep the Typst source of a failed compile for the author (outside the project, like Quarto's keep-typ)."""
    try:
        KEEP_DIR.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copyfile(main, KEEP_DIR / main.name))
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------------------------
# Briefs

def typst_format(doc) -> dict:
    """The document's `format: typst:` options (Quarto's names), checked against what this renderer honours."""
    fmt = doc.meta.get("format")
    if fmt == "typst":
        return {}
    if isinstance(fmt, dict) and "typst" in fmt:
        opts = fmt["typst"] or {}
        if opts == "default":
            return {}
        if not isinstance(opts, dict):
            raise BuildError("format: typst: must be a mapping of options", file=doc.path)
        unknown = sorted(set(opts) - TYPST_OPTIONS)
        if unknown:
            raise BuildError(f"format: typst: option(s) {', '.join(unknown)} are not supported by clustercsr build; "
                             f"use {', '.join(sorted(TYPST_OPTIONS))}", file=doc.path)
        return dict(opts)
    raise BuildError("a brief must declare format: typst", file=doc.path)


def template_dir(doc, opts: dict, workdir: Path) -> Path:
    """Our Quarto-shaped main template with its partials, the document's own partials in place of ours."""
    folder = workdir / f"template-{doc.path.stem}"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("template.typ", *PARTIALS):
        shutil.copyfile(TYPST_DIR / name, folder / name)
    partials = opts.get("template-partials") or []
    for rel in [partials] if isinstance(partials, str) else partials:
        path = (doc.path.parent / rel).resolve()
        if path.name not in PARTIALS:
            raise BuildError(f"template-partials: '{rel}' is not a partial clustercsr build knows; "
                             f"use one of {', '.join(PARTIALS)}", file=doc.path)
        if not path.is_file():
            raise BuildError(f"template-partials: '{rel}' does not exist", file=doc.path)
        text = path.read_text(encoding="utf-8")
        shutil.copyfile(path, folder / path.name)
        if path.name != "typst-show.typ" and "$" in text.replace("$$", ""):
            raise BuildError(f"{rel} is a pandoc template partial: a '$' there must be written '$$'", file=path)
    return folder


def web_chapter_url(book, stem: str) -> str:
    """A brief's web chapter: the first page of the book (after the index, which lists every brief) that links
    to briefs/<stem>.pdf; the site's front page if none does."""
    pattern = re.compile(rf"\]\((?:\.\./|\./)?{BRIEFS_DIR}/{re.escape(stem)}\.pdf[)#]")
    for entry in book.entries:
        if entry.stem != "index" and pattern.search((book.root / entry.source).read_text(encoding="utf-8")):
            return f"{book.site_url}/{entry.href}"
    return f"{book.site_url}/"


def qr_svg(url: str, out: Path) -> Path:
    """A QR code for `url`, drawn at build time (segno, pure Python, no network), as SVG."""
    segno.make(url, error="m").save(str(out), kind="svg", scale=4, border=2, dark="#000000", light="#ffffff",
                                    xmldecl=False, svgns=True, title=url)
    return out


def brief_meta(book, path: Path, doc, workdir: Path) -> str:
    """What a brief prints and puts in the PDF metadata (see briefs/typst-template.typ), as a Typst dictionary."""
    day = timestamp_of(doc.meta.get("date") or book.date)
    authors = [book.author] if isinstance(book.author, str) else list(book.author or [])
    cite_url = f"{book.site_url}/{BRIEFS_DIR}/{path.stem}.pdf"
    web_url = web_chapter_url(book, path.stem)
    qr = qr_svg(web_url, workdir / f"qr-{path.stem}.svg")
    title = str(doc.meta.get("title") or path.stem)
    subtitle = str(doc.meta.get("subtitle") or "Policy brief")
    cite = f"{', '.join(authors)} ({day.year}). {title.rstrip('.')}. {subtitle}, {long_date(day.date().isoformat())}."
    entries = {
        "authors": "(" + "".join(typst_string(a) + ", " for a in authors) + ")",
        "date": f"datetime(year: {day.year}, month: {day.month}, day: {day.day})",
        "date-text": typst_string(long_date(day.date().isoformat())),
        "keywords": "(" + "".join(typst_string(k) + ", " for k in KEYWORDS) + ")",
        "description": typst_string(doc.meta.get("description") or book.extra.get("description") or title),
        "cite": typst_string(cite),
        "cite-url": typst_string(cite_url),
        "web-url": typst_string(web_url),
        "qr": typst_string(qr.name),
    }
    return "#let cc-brief-meta = (" + " ".join(f"{k}: {v}," for k, v in entries.items()) + ")"


def timestamp_of(value) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        day = dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def build_brief(book, path: Path, doc, executed, workdir: Path, staging: Path) -> Compiled:
    opts = typst_format(doc)
    here = f"{BRIEFS_DIR}/{path.stem}.pdf"
    floats = convert.number_floats([(doc, None, here)])
    md = convert.document_markdown(doc, executed.outputs, "typst", floats, here, svg_dir=workdir / "svg" / path.stem)
    lang, region = lang_region(book.lang)
    meta = {k: v for k, v in opts.items() if k not in ("template-partials", "citeproc", "keep-typ")}
    meta.update({
        "title": str(doc.meta.get("title") or path.stem),
        "lang": lang,
        "cc-site-url": book.site_url,
        "cc-link-mode": "site",
        "cc-pages": [{"source": e.source, "label": f"chap-{e.stem}"} for e in book.entries],
        "book": {"site-url": book.site_url},
        "cc-meta": True,
        "header-includes": "`" + brief_meta(book, path, doc, workdir) + "`{=typst}",  # a raw Typst inline
    })
    if region:
        meta["region"] = region
    if book.author:
        meta["author"] = [book.author]
    for key in ("subtitle", "date", "nocite"):
        if doc.meta.get(key):
            meta[key] = doc.meta[key]
    rel_source = path.relative_to(book.root).as_posix()
    text = yaml_block(meta) + f'::: {{.cc-document source="{rel_source}"}}\n\n{md}\n\n:::\n'
    folder = template_dir(doc, opts, workdir)
    source = convert.pandoc(text, to="typst", bibliography=book.bibliography, chapter=None, source=path, toc=False,
                            standalone_template=str(folder / "template.typ"), cwd=book.root, filters=(PDF_FILTER,))
    out = staging / BRIEFS_DIR / f"{path.stem}.pdf"
    return compile_typst(source, out, workdir, f"brief-{path.stem}", origin=path, when=timestamp(book),
                         cache=book.root / CACHE_DIR)


# ---------------------------------------------------------------------------------------------------------------
# The report

def paper_reference(book) -> dict:
    """The reviewed paper's entry in references.bib (title, journal, volume, pages) for the cover."""
    import bibtexparser

    key = "lundthomsenetal2016"
    if not book.bibliography or not book.bibliography.is_file():
        return {}
    with book.bibliography.open(encoding="utf-8") as fh:
        db = bibtexparser.load(fh)
    entry = db.entries_dict.get(key) or {}
    return {k: re.sub(r"[{}]", "", v).replace("--", "–").strip() for k, v in entry.items()}


def long_date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def cover_and_contents(book) -> str:
    ref = paper_reference(book)
    doi = str(book.extra.get("paper-doi") or ref.get("doi") or "")
    surnames = [a.split(",")[0].strip() for a in ref.get("author", "").split(" and ") if a.strip()]
    authors = ", ".join(surnames[:-1]) + " and " + surnames[-1] if len(surnames) > 1 else "".join(surnames)
    paper = "(" + ", ".join(f"{k}: {typst_string(v)}" for k, v in [
        ("authors", authors), ("year", ref.get("year", "")), ("title", ref.get("title", "")),
        ("journal", ref.get("journal", "")), ("volume", ref.get("volume", "")), ("number", ref.get("number", "")),
        ("pages", ref.get("pages", ""))]) + ")"
    cover = (
        "#cc-cover(\n"
        f"  title: {typst_string(book.title)},\n"
        f"  subtitle: {typst_string(book.subtitle)},\n"
        f"  author: {typst_string(book.author)},\n"
        f"  paper: {paper if ref else 'none'},\n"
        f"  date: {typst_string(long_date(book.date))},\n"
        f"  doi: {typst_string(doi) if doi else 'none'},\n"
        f"  site-url: {typst_string(book.site_url)},\n"
        ")\n"
    )
    about = (
        "This PDF prints the whole online edition in one file. Its charts are static; on the website they are "
        f"interactive, with data tables and downloads beside them: #link({typst_string(book.site_url)}). "
        "The numbers in the charts count the works the review cites: they show how much has been written, "
        "not how strong the evidence is. The text retells the review in our own words, so when you quote a "
        "finding, please cite the review and the study it rests on."
    )
    contents = (
        "#page(numbering: \"i\")[\n"
        "  #counter(page).update(1)\n"
        "  #outline(title: [Contents], depth: 2, indent: 1.2em)\n"
        "  #v(1fr)\n"
        "  #block(width: 100%, fill: cc-tint, inset: 1em, radius: 2pt)[\n"
        "    #set text(size: 9pt)\n    #set par(justify: false)\n"
        f"    #text(weight: \"bold\", fill: cc-accent)[About this edition] #linebreak() {about}\n"
        "  ]\n"
        "]\n"
    )
    return cover + contents


def chapter_heading(entry, doc, first_numbered: bool, first_appendix: bool, first_page: bool = False) -> str:
    title = str(doc.meta.get("title") or entry.stem)
    code = [] if first_page else ["#place.flush()"]  # the previous chapter's figures stay in that chapter
    if first_numbered:
        code.append('#set heading(numbering: "1.1", supplement: [Chapter])\n#counter(heading).update(0)')
    if first_appendix:
        code.append('#set heading(numbering: "A.1", supplement: [Appendix])\n#counter(heading).update(0)')
    if entry.number is None:
        title = "Overview" if entry.stem == "index" else title
    if first_page:  # arabic page numbers start at the book's first page
        code.append("#counter(page).update(1)")
    code.append(f"#heading(level: 1, {typst_string(title)}) <chap-{entry.stem}>")
    description = doc.meta.get("description")
    if description and entry.stem != "index":
        code.append(f"#cc-standfirst({typst_string(description)})")
    return raw_typst("\n".join(code))


def report_markdown(book, docs, runs, floats, workdir: Path) -> str:
    bodies = []
    for entry, doc, run in zip(book.entries, docs, runs):
        md = convert.document_markdown(doc, run.outputs, "typst", floats, entry.href, svg_dir=workdir / "svg")
        bodies.append(md)
    # One bibliography, in the last page that asks for it (the References appendix); none elsewhere.
    with_refs = [i for i, md in enumerate(bodies) if REFS_DIV.search(md)]
    for i in with_refs[:-1]:
        bodies[i] = REFS_DIV.sub("", bodies[i])
    parts = []
    seen_numbered = seen_appendix = False
    for entry, doc, md in zip(book.entries, docs, bodies):
        first_numbered = entry.number is not None and not entry.appendix and not seen_numbered
        first_appendix = entry.appendix and not seen_appendix
        seen_numbered |= first_numbered
        seen_appendix |= first_appendix
        parts.append(chapter_heading(entry, doc, first_numbered, first_appendix, first_page=not parts))
        parts.append(f'::: {{.cc-document source="{entry.source}"}}\n\n{md}\n\n:::\n')
    if not with_refs:
        parts.append(raw_typst('#place.flush()\n#heading(level: 1, numbering: none, "References") <chap-references>'))
        parts.append("::: {#refs}\n:::\n")
    nocite = [str(d.meta["nocite"]) for d in docs if d.meta.get("nocite")]
    meta = {
        "title": book.title,
        "cc-site-url": book.site_url,
        "cc-link-mode": "report",
        "cc-pages": [{"source": e.source, "label": f"chap-{e.stem}"} for e in book.entries],
    }
    if nocite:
        meta["nocite"] = " ".join(nocite)
    return yaml_block(meta) + "\n\n".join(parts)


def report_source(book, body: str) -> str:
    lang, region = lang_region(book.lang)
    when = timestamp(book)
    description = str(book.extra.get("description") or "")
    head = (
        '#import "definitions.typ": *\n'
        '#import "report.typ": *\n'
        "#show: report.with(\n"
        f"  title: {typst_string(book.title)},\n"
        f"  subtitle: {typst_string(book.subtitle)},\n"
        f"  author: {typst_string(book.author)},\n"
        f"  short-title: {typst_string(book.title)},\n"
        f"  description: {typst_string(description)},\n"
        "  keywords: (" + ", ".join(typst_string(k) for k in KEYWORDS) + "),\n"
        "  margin: (" + ", ".join(f"{k}: {v}" for k, v in print_layout.REPORT_MARGIN.items()) + "),\n"
        f"  lang: {typst_string(lang)},\n"
        f"  region: {typst_string(region or 'GB')},\n"
        f"  date: datetime(year: {when.year}, month: {when.month}, day: {when.day}),\n"
        ")\n\n"
    )
    return head + cover_and_contents(book) + "\n" + body


def build_report(book, docs, runs, floats, workdir: Path, staging: Path) -> Compiled:
    md = report_markdown(book, docs, runs, floats, workdir)
    try:
        body = convert.pandoc(md, to="typst", bibliography=book.bibliography, chapter=None,
                              source=book.root / "_quarto.yml", toc=False, cwd=book.root, filters=(PDF_FILTER,))
    except BuildError as exc:  # name the page that cites a missing key, not the whole book
        keys = re.findall(r"[\w:-]+", exc.message.split(":", 1)[-1]) if exc.rule else []
        culprit = next((d.path for d in docs for k in keys if re.search(rf"@{re.escape(k)}\b", d.path.read_text("utf-8"))), None)
        if culprit is None:
            raise
        raise BuildError(exc.message, file=culprit, rule=exc.rule) from None
    for name in ("definitions.typ", "report.typ"):
        shutil.copyfile(TYPST_DIR / name, workdir / name)
    return compile_typst(report_source(book, body), staging / REPORT_PATH, workdir, "clustercsr-report",
                         origin=book.root / "_quarto.yml", when=timestamp(book), cache=book.root / CACHE_DIR)


# ---------------------------------------------------------------------------------------------------------------

def brief_sources(book) -> list[Path]:
    return sorted((book.root / BRIEFS_DIR).glob("*.qmd"))


def build_all(book, docs, staging: Path, executor, floats, progress, warnings: list[str] | None = None) -> int:
    """Write _site/briefs/<name>.pdf for every brief and _site/pdf/clustercsr-report.pdf; return how many."""
    briefs = [(path, parse.parse(path)) for path in brief_sources(book)]
    progress.item("executing cells for the PDFs (target typst)")
    runs = execute(executor, [d for _, d in briefs] + list(docs), progress)
    brief_runs, book_runs = runs[: len(briefs)], runs[len(briefs):]
    made: list[Compiled] = []
    with tempfile.TemporaryDirectory(prefix="clustercsr-pdf-") as tmp:
        # One folder per PDF, holding all it reads besides its source: that folder is part of its cache key.
        for (path, doc), run in zip(briefs, brief_runs):
            work = Path(tmp) / f"brief-{path.stem}"
            work.mkdir()
            made.append(build_brief(book, path, doc, run, work, staging))
            progress.item(f"{BRIEFS_DIR}/{path.stem}.pdf" + (" (unchanged)" if made[-1].cached else ""))
        work = Path(tmp) / "report"
        work.mkdir()
        made.append(build_report(book, docs, book_runs, floats, work, staging))
        progress.item(REPORT_PATH + (" (unchanged)" if made[-1].cached else ""))
    for m in made:
        for w in m.warnings:
            progress.item(f"warning: {w}")
            if warnings is not None:
                warnings.append(w)
    return len(made)
