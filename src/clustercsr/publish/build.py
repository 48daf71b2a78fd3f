"""Build the whole site into _site/, atomically: a failed build leaves the previous _site/ untouched."""
from __future__ import annotations

import fnmatch
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from clustercsr.errors import BuildError
from clustercsr.publish import config, convert, layout, parse, search
from clustercsr.publish.execute import Executor
from clustercsr.publish.layout import Page


@dataclass
class Report:
    pages: int = 0
    charts: int = 0
    pdfs: int = 0
    kernels: int = 0
    cached: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    problems: list = field(default_factory=list)  # the check's warnings, as errors.Problem


class Progress:
    """Prints each stage and page; quiet in tests. Executing pages shows done/total, each page's name as it
    finishes, and an estimate of the time left (a rich progress bar on a terminal, one line per page otherwise)."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        if not quiet:
            from rich.console import Console
            self.console = Console(stderr=True, highlight=False)

    def stage(self, text: str):
        if not self.quiet:
            self.console.print(f"[bold]›[/bold] {text}")

    def item(self, text: str):
        if not self.quiet:
            self.console.print(f"  {text}", style="dim")

    def run_pages(self, fn, items: list, names: list[str], workers: int = 2) -> list:
        """fn(item) for every item, `workers` at a time, reporting each as it finishes; results in order."""
        results = [None] * len(items)
        started = time.perf_counter()
        bar = task = None
        if not self.quiet and self.console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn
            bar = Bar(TextColumn("  executing"), BarColumn(), MofNCompleteColumn(), TextColumn("·"),
                      TimeRemainingColumn(), console=self.console, transient=True)
            bar.start()
            task = bar.add_task("execute", total=len(items))
        try:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                futures = {pool.submit(fn, item): i for i, item in enumerate(items)}
                done = 0
                for future in as_completed(futures):
                    i = futures[future]
                    results[i] = future.result()
                    done += 1
                    if self.quiet:
                        continue
                    cached = getattr(results[i], "cached", False)
                    elapsed = time.perf_counter() - started
                    left = elapsed / done * (len(items) - done)
                    line = (f"  {done}/{len(items)} {names[i]}{' (cached)' if cached else ''}"
                            + (f" · about {left:.0f} s left" if done < len(items) and not cached else ""))
                    if bar is not None:
                        bar.console.print(line, style="dim")
                        bar.advance(task)
                    else:
                        self.console.print(line, style="dim")
        finally:
            if bar is not None:
                bar.stop()
        return results


@functools.lru_cache(maxsize=1)
def _pandoc_inputs_hash() -> str:
    """pandoc's version and our filter and template: a change to any of them re-runs pandoc on every page."""
    import hashlib

    import pypandoc
    h = hashlib.sha256(pypandoc.get_pandoc_version().encode())
    here = Path(convert.__file__).parent
    for p in sorted([convert.LUA_FILTER, Path(convert.__file__), *here.glob("templates/fragment.html")]):
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def cached_fragment(root: Path, md: str, *, bibliography, chapter, source, cwd, warnings,
                    bib_file: Path | None = None) -> tuple[str, str]:
    """convert.html_fragment, remembered by its input (and the bibliography's text): an unchanged page skips
    pandoc on the next build."""
    bib_file = bib_file or bibliography
    import hashlib
    import json

    key = hashlib.sha256(json.dumps([md, chapter, str(source.relative_to(root)), _pandoc_inputs_hash(),
                                     bib_file.read_text(encoding="utf-8") if bib_file and bib_file.is_file() else ""]).encode())
    cache = root / ".cache" / "clustercsr" / "pandoc" / f"{key.hexdigest()}.json"
    if cache.is_file():
        entry = json.loads(cache.read_text(encoding="utf-8"))
        warnings.extend(entry["warnings"])
        return entry["toc"], entry["body"]
    mine: list[str] = []
    toc, body = convert.html_fragment(md, bibliography=bibliography, chapter=chapter, source=source, cwd=cwd,
                                      warnings=mine)
    warnings.extend(mine)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"toc": toc, "body": body, "warnings": mine}), encoding="utf-8")
    return toc, body


def run_pre_render(book: config.Book) -> None:
    env = dict(os.environ, QUARTO_PROJECT_DIR=str(book.root), QUARTO_PROJECT_ROOT=str(book.root))
    for command in book.pre_render:
        parts = command.split()
        if parts and parts[0].endswith(".py"):
            parts.insert(0, sys.executable)  # as Quarto does for .py scripts; the interpreter running the build
        elif parts and parts[0] in ("python", "python3"):
            parts[0] = sys.executable
        proc = subprocess.run(parts, cwd=book.root, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BuildError(f"pre-render command failed: {command}\n{proc.stderr.strip()}", file=book.root / "_quarto.yml")


def copy_resources(book: config.Book, out: Path) -> None:
    root = book.root
    files = [p for p in root.rglob("*") if p.is_file() and not _ignored(p.relative_to(root))]
    for pattern in book.resources:
        # Quarto's globs: a leading "/" anchors at the project root (fnmatch on the relative path already does).
        pattern = pattern.lstrip("/")
        pat = pattern.replace("/**", "/*")
        for p in files:
            rel = p.relative_to(root).as_posix()
            if fnmatch.fnmatch(rel, pat) or (pattern.endswith("/**") and rel.startswith(pattern[:-2])):
                dest = out / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, dest)


def _ignored(rel: Path) -> bool:
    return rel.parts[0] in {".git", ".venv", "_site", ".cache", "node_modules", "__pycache__"} or rel.parts[0].startswith("_site.")


CHART_FILE = re.compile(r"figures/(?:data|preview)/[A-Za-z0-9._-]+")


def prune_chart_files(root: Path, pages: list[str]) -> set[str]:
    """Delete from figures/data/ and figures/preview/ every file that no page refers to, before the resources
    are copied: charts rewrite these on every change of data, and old versions must not pile up or ship.
    Charts that show the same table refer to the same file, so it stays. Returns the files kept."""
    live = {m for text in pages for m in CHART_FILE.findall(text)}
    for folder in ("data", "preview"):
        for f in (root / "figures" / folder).glob("*"):
            if f.is_file() and f.relative_to(root).as_posix() not in live:
                f.unlink()
    return live


def sitemap(book: config.Book, hrefs: list[str]) -> str:
    base = book.site_url or ""
    urls = "\n".join(f"  <url><loc>{base}/{h}</loc></url>" for h in hrefs)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'


STAGING_PREFIX = "tmp-"


def remove_leftovers(target: Path) -> None:
    """Remove staging folders that a killed build left behind (._site.tmp-<pid>-…, _site.old-<pid>), but never
    one that a build still running is writing."""
    for p in target.parent.glob(f".{target.name}.{STAGING_PREFIX}*"):
        pid = p.name[len(f".{target.name}.{STAGING_PREFIX}"):].split("-", 1)[0]
        if p.is_dir() and not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(p, ignore_errors=True)
    for p in target.parent.glob(f"{target.name}.old-*"):
        pid = p.name.rsplit("-", 1)[-1]
        if p.is_dir() and not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(p, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


PDF_FOLDERS = ("briefs", "pdf")


def keep_pdfs(target: Path, staging: Path) -> int:
    """A build without the PDF stage (preview) keeps the last good PDFs, so the site's links to them still work."""
    kept = 0
    for folder in PDF_FOLDERS:
        for p in (target / folder).glob("*.pdf") if (target / folder).is_dir() else []:
            dest = staging / folder / p.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest)
            kept += 1
    return kept


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace target with staging using renames only, so readers never see a half-written site."""
    old = None
    if target.exists():
        old = target.with_name(f"{target.name}.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def build(root: Path | str = ".", *, quiet: bool = False, out_dir: Path | None = None, pdf: bool = True) -> Report:
    started = time.perf_counter()
    progress = Progress(quiet)
    report = Report()
    root = Path(root).resolve()

    def timed(name, fn, *args, **kw):
        t = time.perf_counter()
        result = fn(*args, **kw)
        report.stages[name] = report.stages.get(name, 0.0) + time.perf_counter() - t
        return result

    progress.stage("check")
    # Everything `clustercsr check` checks, before any kernel starts: data and bibliography mistakes are
    # reported as what they are, never as a failed setup cell.
    from clustercsr import checks
    checked = timed("check", checks.run, root)
    report.warnings += [p.describe(root) for p in checked.problems.warnings]
    report.problems = list(checked.problems.warnings)
    book = checked.book or config.load(root)
    target = Path(out_dir) if out_dir else root / book.output_dir
    remove_leftovers(target)
    progress.stage("pre-render")
    timed("pre-render", run_pre_render, book)

    progress.stage("parse")
    docs = [timed("parse", parse.parse, root / e.source) for e in book.entries]
    floats = convert.number_floats([(d, e.number, e.href) for d, e in zip(docs, book.entries)])

    executor = Executor(root, targets=("html", "typst"))  # also without PDFs, so a later full build hits the cache
    executor.checked = True
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.{STAGING_PREFIX}{os.getpid()}-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is meant to be served
    try:
        progress.stage("execute")
        # Each page once, for HTML and Typst together; the briefs too, so both cores stay busy.
        # Two kernels at a time: the machines this runs on have two cores.
        from clustercsr.publish import pdf as pdf_stage
        briefs = [parse.parse(p) for p in pdf_stage.brief_sources(book)] if pdf else []
        jobs = [(d, "html") for d in docs] + [(d, "typst") for d in briefs]
        with_cells = [j for j in jobs if j[0].cells]
        names = [j[0].path.relative_to(root).as_posix() for j in with_cells]
        done = timed("execute", progress.run_pages, lambda j: executor.run(*j), with_cells, names)
        by_doc = {id(j[0]): r for j, r in zip(with_cells, done)}
        runs = [by_doc.get(id(d)) or executor.run(d, "html") for d in docs]
        progress.stage("convert")
        pages = []
        for doc, entry, executed in zip(docs, book.entries, runs):
            report.cached += executed.cached and bool(doc.cells)
            md = convert.document_markdown(doc, executed.outputs, "html", floats, entry.href)
            report.charts += md.count('class="cc-chart"')
            # The page's front matter reaches pandoc as Quarto passes it (nocite, lang, bibliography, …).
            toc, body = timed("pandoc", cached_fragment, root, convert.front_matter(book, doc) + md, bibliography=None,
                              bib_file=book.bibliography,
                              chapter=entry.number, source=doc.path, cwd=root, warnings=report.warnings)
            title = str(doc.meta.get("title") or entry.stem)
            pages.append(Page(entry, title=title, description=str(doc.meta.get("description") or book.extra.get("description", "")),
                              subtitle=str(doc.meta.get("subtitle") or ""), toc=toc, body=body,
                              has_charts='class="cc-chart"' in body))
        report.kernels = executor.kernels_started

        progress.stage("lay out")
        rendered = timed("layout", layout.render_pages, book, pages)
        for href, text in rendered.items():
            dest = staging / href
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
        report.pages = len(rendered)
        prune_chart_files(root, list(rendered.values()))
        copy_resources(book, staging)
        (staging / "sitemap.xml").write_text(sitemap(book, list(rendered)), encoding="utf-8")
        (staging / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {book.site_url}/sitemap.xml\n", encoding="utf-8")
        (staging / ".nojekyll").write_text("", encoding="utf-8")
        not_found = layout.not_found_page(book, pages)
        (staging / "404.html").write_text(not_found, encoding="utf-8")

        if not pdf:
            kept = keep_pdfs(target, staging)
            if kept:
                progress.item(f"kept the {kept} PDFs of the last full build (run `clustercsr build` to update them)")
        if pdf:
            progress.stage("PDF")
            report.pdfs = timed("pdf", pdf_stage.build_all, book, docs, staging, executor, floats, progress,
                                warnings=report.warnings)
            report.kernels = executor.kernels_started

        progress.stage("search index")
        timed("search", search.index, staging)
        swap_into_place(staging, target)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, BuildError) and exc.root is None:
            exc.root = root  # name files as `check` does, relative to the project (a failing cell's .qmd)
        raise
    report.seconds = time.perf_counter() - started
    return report
