"""Lay out each page with the book's navigation, metadata and citation block."""
from __future__ import annotations

import base64
import functools
import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from clustercsr.publish.config import Book, Entry

CSP_BASE = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
            "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ")
# The same on every page: charts run Vega's expressions through vega-interpreter, so nothing needs
# 'unsafe-eval'; 'wasm-unsafe-eval' is for Pagefind, whose search runs as WebAssembly (see README).
CSP_SCRIPTS = "script-src 'self' 'wasm-unsafe-eval'"


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
        return self.entry.href == "index.html"


def _env() -> Environment:
    return Environment(loader=PackageLoader("clustercsr.publish", "templates"), autoescape=select_autoescape(["html"]),
                       trim_blocks=False, lstrip_blocks=False)


def relative(here: str, there: str) -> str:
    return posixpath.relpath(there, posixpath.dirname(here) or ".")


def root_prefix(href: str) -> str:
    depth = href.count("/")
    return "../" * depth


@functools.lru_cache(maxsize=4)
def _review_title(bib: Path) -> str:
    from clustercsr import analysis, evidence

    refs = evidence.load_references(bib)
    row = refs[refs["key"] == analysis.REVIEWED_PAPER]
    return analysis.clean_bibtex(row["title"].iloc[0]) if len(row) else ""


def paper_citation(book: Book) -> str:
    """The review, in the one citation style the site uses (authors (year). Title. Where. Link).

    The title comes from references.bib, the only bibliography, so no page source retypes it."""
    doi = book.extra.get("paper-doi", "")
    title = _review_title(book.bibliography) if book.bibliography and book.bibliography.is_file() else ""
    return (f"Lund-Thomsen, P., Lindgreen, A. & Vanhamme, J. (2016). {title}. "
            f"Journal of Business Ethics, 133(1), 9–24. https://doi.org/{doi}")


def citation(book: Book, page: Page) -> dict:
    """How to cite a page: author (year). Title. Site title: subtitle. URL. The same form as the home page's."""
    href = "" if page.is_index else page.entry.href
    url = f"{book.site_url}/{href}" if book.site_url else (href or "index.html")
    year = book.date[:4]
    doi = book.extra.get("paper-doi", "")
    key = "clustercsr" + year + (page.entry.stem.replace("-", "") if not page.is_index else "")
    section = f"{page.title}. In " if not page.is_index else ""
    before = f"{book.author} ({year}). {section}{book.title}: {book.subtitle}. "
    text = before + url
    bibtex = (f"@misc{{{key},\n  author = {{{{{book.author}}}}},\n  title = {{{page.title if not page.is_index else book.title}}},\n"
              f"  howpublished = {{{book.title}}},\n  year = {{{year}}},\n  url = {{{url}}},\n"
              f"  note = {{An explorable edition of Lund-Thomsen, Lindgreen and Vanhamme (2016), "
              f"Journal of Business Ethics 133(1), 9--24, doi:{doi}}}\n}}")
    return {"text": text, "before": before, "url": url, "after": "", "bibtex": bibtex, "paper": paper_citation(book)}


CHART = re.compile(r'data-chart="([\w-]+)"')


def og_image(book: Book, page: Page) -> tuple[str | None, str]:
    """A picture for link previews: the PNG of the page's first chart (written to figures/), else the site card."""
    if not book.site_url:
        return None, ""
    m = CHART.search(page.body)
    if m and (book.root / "figures" / f"{m.group(1)}.png").is_file():
        return f"{book.site_url}/figures/{m.group(1)}.png", f"The first chart of “{page.title}”"
    if (book.root / "assets" / "card.png").is_file():
        return f"{book.site_url}/assets/card.png", book.title
    return None, ""


def render_page(book: Book, page: Page, pages: list[Page], template=None, *, not_found: bool = False,
                base_script: str = "") -> str:
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
    csp = CSP_BASE + CSP_SCRIPTS
    if base_script:  # the 404 page's one inline script, allowed by its hash
        digest = base64.b64encode(hashlib.sha256(base_script.encode()).digest()).decode()
        csp += f" 'sha256-{digest}'"
    image, image_alt = og_image(book, page)
    return template.render(
        og_image=image, og_image_alt=image_alt, not_found=not_found, base_script=Markup(base_script),
        mobile_toc=Markup(re.sub(r' id="toc-[^"]*"', "", page.toc)) if page.toc else "",
        book=book, page=page, nav=nav, body=Markup(page.body), toc=Markup(page.toc) if page.toc else "",
        prev=prev, next=nxt, root=root_prefix(here), csp=csp,
        canonical=f"{book.site_url}/{here}" if book.site_url and not not_found else None,
        citation=citation(book, page), report_url=book.extra.get("report-error-url", book.repo_url),
        doi=book.extra.get("paper-doi", ""),
    )


def render_pages(book: Book, pages: list[Page]) -> dict[str, str]:
    template = _env().get_template("page.html")
    return {p.entry.href: render_page(book, p, pages, template) for p in pages}


# The 404 page is served for any missing address, at any depth and under whatever path the site is published
# at (GitHub Pages under /clustercsr/, `clustercsr preview` at /, a custom domain at /). Its links are written as
# for a top-level page, and this script, run before anything is fetched, points them at the site's root: the
# published path when the address is under it, else the host's root.
BASE_SCRIPT = ("(function(){var b=%s,p=location.pathname;var base=document.createElement('base');"
               "base.href=p.indexOf(b)===0?b:'/';document.head.appendChild(base);})();")


def not_found_page(book: Book, pages: list[Page]) -> str:
    """A 404 page with the full navigation, no citation block, left out of the search index."""
    import json

    entry = Entry("404.qmd", None)
    page = Page(entry, title="Page not found", description="This page does not exist.",
                body='<p>There is no page at this address. Try the search above, or start from '
                     '<a href="index.html">the home page</a>.</p>')
    path = (book.site_url.split("://", 1)[-1].split("/", 1)[1:] or [""])[0].strip("/")
    base = f"/{path}/" if path else "/"
    return render_page(book, page, pages, not_found=True, base_script=BASE_SCRIPT % json.dumps(base))
