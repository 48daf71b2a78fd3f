"""Lay out each page with the book's navigation, metadata and citation block."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from clustercsr.publish.config import Book, Entry

CSP_BASE = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
            "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ")
# Pagefind compiles WebAssembly; Vega compiles its expressions with the Function constructor (see README).
CSP_SCRIPTS = "script-src 'self' 'wasm-unsafe-eval'"
CSP_SCRIPTS_CHARTS = "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'"


@dataclass
class Page:
    entry: Entry
    title: str
    description: str
    subtitle: str = ""
    toc: str = ""
    body: str = ""
    has_charts: bool = False

    @property
    def number(self):
        return self.entry.number

    @property
    def number_label(self) -> str:
        return f"Appendix {self.entry.number}" if self.entry.appendix else self.entry.number

    @property
    def is_index(self) -> bool:
        return self.entry.number is None


def _env() -> Environment:
    return Environment(loader=PackageLoader("clustercsr.publish", "templates"), autoescape=select_autoescape(["html"]),
                       trim_blocks=False, lstrip_blocks=False)


def relative(here: str, there: str) -> str:
    return posixpath.relpath(there, posixpath.dirname(here) or ".")


def root_prefix(href: str) -> str:
    depth = href.count("/")
    return "../" * depth


def citation(book: Book, page: Page) -> dict:
    url = f"{book.site_url}/{page.entry.href}" if book.site_url else page.entry.href
    year = book.date[:4]
    doi = book.extra.get("paper-doi", "")
    key = "clustercsr" + year + (page.entry.stem.replace("-", "") if not page.is_index else "")
    section = f"“{page.title}”, in " if not page.is_index else ""
    text = (f"{book.author} ({year}). {section}{book.title}: {book.subtitle}. {url}. "
            f"Based on Lund-Thomsen, Lindgreen & Vanhamme (2016), doi:{doi}.")
    bibtex = (f"@misc{{{key},\n  author = {{{{{book.author}}}}},\n  title = {{{page.title if not page.is_index else book.title}}},\n"
              f"  howpublished = {{{book.title}}},\n  year = {{{year}}},\n  url = {{{url}}},\n"
              f"  note = {{An explorable edition of Lund-Thomsen, Lindgreen and Vanhamme (2016), "
              f"Journal of Business Ethics 133(1), 9--24, doi:{doi}}}\n}}")
    return {"text": text, "bibtex": bibtex}


def render_page(book: Book, page: Page, pages: list[Page], template=None) -> str:
    """One page, with the navigation of the whole book; `page` need not be one of `pages` (the 404 page)."""
    template = template or _env().get_template("page.html")
    here = page.entry.href
    nav, last_part = [], None
    for p in pages:
        part_start = p.entry.part if p.entry.part and p.entry.part != last_part else None
        last_part = p.entry.part
        nav.append({"href": relative(here, p.entry.href), "title": p.title, "number": p.entry.number,
                    "current": p is page, "part_start": part_start})
    i = pages.index(page) if page in pages else None

    def link(p):
        return {"href": relative(here, p.entry.href), "title": p.title, "number": p.entry.number}

    prev = link(pages[i - 1]) if i else None
    nxt = link(pages[i + 1]) if i is not None and i + 1 < len(pages) else None
    csp = CSP_BASE + (CSP_SCRIPTS_CHARTS if page.has_charts else CSP_SCRIPTS)
    return template.render(
        book=book, page=page, nav=nav, body=Markup(page.body), toc=Markup(page.toc) if page.toc else "",
        prev=prev, next=nxt, root=root_prefix(here), csp=csp,
        canonical=f"{book.site_url}/{here}" if book.site_url else None,
        citation=citation(book, page), report_url=book.extra.get("report-error-url", book.repo_url),
        doi=book.extra.get("paper-doi", ""),
    )


def render_pages(book: Book, pages: list[Page]) -> dict[str, str]:
    template = _env().get_template("page.html")
    return {p.entry.href: render_page(book, p, pages, template) for p in pages}


def not_found_page(book: Book, pages: list[Page]) -> str:
    """A 404 page with the full navigation; links are root-relative because it is served from any depth."""
    entry = Entry("404.qmd", None)
    page = Page(entry, title="Page not found", description="This page does not exist.",
                body='<p>There is no page at this address. Try the search above, or start from '
                     '<a href="index.html">the home page</a>.</p>')
    html_text = render_page(book, page, pages)
    # Served for any missing path, so asset links must not be relative to the missing page's folder.
    base = (book.site_url.split("://", 1)[-1].split("/", 1)[1:] or [""])[0]
    prefix = f"/{base}/" if base else "/"
    return re.sub(r'(href|src|data-bundle)="(?!https?:|/|#)([^"]*)"', lambda m: f'{m.group(1)}="{prefix}{m.group(2)}"', html_text)
