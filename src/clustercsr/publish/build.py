"""Build the whole site into _site/, atomically: a failed build leaves the previous _site/ untouched."""
from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
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


class Progress:
    """Prints each stage and page; quiet in tests."""

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


def sitemap(book: config.Book, hrefs: list[str]) -> str:
    base = book.site_url or ""
    urls = "\n".join(f"  <url><loc>{base}/{h}</loc></url>" for h in hrefs)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'


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

    progress.stage("config")
    book = config.load(root)
    target = Path(out_dir) if out_dir else root / book.output_dir
    progress.stage("pre-render")
    timed("pre-render", run_pre_render, book)

    progress.stage("parse")
    docs = [timed("parse", parse.parse, root / e.source) for e in book.entries]
    floats = convert.number_floats([(d, e.number, e.href) for d, e in zip(docs, book.entries)])

    executor = Executor(root)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is meant to be served
    try:
        progress.stage("execute")
        # Two kernels at a time: the machines this runs on have two cores.
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(pool.map(lambda d: executor.run(d, "html"), docs))
        for entry, doc, executed in zip(book.entries, docs, runs):
            progress.item(f"{entry.source}{' (cached)' if executed.cached and doc.cells else ''}")
        progress.stage("convert")
        pages = []
        for doc, entry, executed in zip(docs, book.entries, runs):
            report.cached += executed.cached and bool(doc.cells)
            md = convert.document_markdown(doc, executed.outputs, "html", floats, entry.href)
            report.charts += md.count('class="cc-chart"')
            # The page's front matter reaches pandoc as Quarto passes it (nocite, lang, bibliography, …).
            toc, body = timed("pandoc", convert.html_fragment, convert.front_matter(book, doc) + md, bibliography=None,
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
        copy_resources(book, staging)
        (staging / "sitemap.xml").write_text(sitemap(book, list(rendered)), encoding="utf-8")
        (staging / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {book.site_url}/sitemap.xml\n", encoding="utf-8")
        (staging / ".nojekyll").write_text("", encoding="utf-8")
        not_found = layout.not_found_page(book, pages)
        (staging / "404.html").write_text(not_found, encoding="utf-8")

        if pdf:
            from clustercsr.publish import pdf as pdf_stage
            progress.stage("PDF")
            report.pdfs = timed("pdf", pdf_stage.build_all, book, docs, staging, executor, floats, progress,
                                warnings=report.warnings)
            report.kernels = executor.kernels_started

        progress.stage("search index")
        timed("search", search.index, staging)
        swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report
