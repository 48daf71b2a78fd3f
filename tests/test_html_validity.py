"""Validity: the Nu HTML Checker (vnu-jar, pinned in package.json) finds 0 errors; no internal link or fragment
is broken. External links are not fetched."""
from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import urllib.parse
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, base_path

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINK_ATTRS = {"href", "src", "data-src", "data-bundle", "poster", "action"}


def all_pages(site: Path) -> list[Path]:
    """Every HTML page of the site, 404.html included (Pagefind's own files are not pages)."""
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


# --------------------------------------------------------------------------------------------------------------
# Nu HTML Checker
# --------------------------------------------------------------------------------------------------------------

def test_nu_html_checker_reports_no_errors(site_dir):
    if not VNU.is_file():
        pytest.skip(f"{VNU} is missing: run `npm install` (make test does)")
    java = shutil.which("java")
    if not java:
        pytest.skip("java is not installed")
    pages = all_pages(site_dir)
    proc = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json",
                           *map(str, pages)], capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report on stderr and exits 1 when it finds errors.
    report = json.loads(proc.stderr or proc.stdout or '{"messages": []}')
    errors = [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")
              or m.get("subType") == "fatal"]
    lines = []
    for m in errors[:60]:
        where = Path(urllib.parse.urlsplit(m.get("url", "")).path)
        rel = where.relative_to(site_dir) if where.is_relative_to(site_dir) else where
        lines.append(f"{rel}:{m.get('lastLine', '?')}: {m.get('message')}\n    {m.get('extract', '').strip()[:160]}")
    assert not errors, f"{len(errors)} HTML errors in {len(pages)} pages:\n" + "\n".join(lines)


# --------------------------------------------------------------------------------------------------------------
# Internal links and fragments
# --------------------------------------------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str]] = []  # (line, attribute, value)
        self.in_spec = False
        self.spec_text: list[str] = []
        self.specs: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        line = self.getpos()[0]
        if d.get("id"):
            self.ids.add(d["id"])
        if tag == "a" and d.get("name"):
            self.ids.add(d["name"])
        for attr in LINK_ATTRS & d.keys():
            self.links.append((line, attr, d[attr] or ""))
        if d.get("srcset"):
            for candidate in d["srcset"].split(","):
                self.links.append((line, "srcset", candidate.strip().split(" ")[0]))
        if tag == "script" and "cc-chart-spec" in (d.get("class") or ""):
            self.in_spec, self.spec_text = True, []

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self.in_spec:
            self.spec_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.in_spec:
            self.in_spec = False
            self.specs.append((self.getpos()[0], "".join(self.spec_text)))


@lru_cache(maxsize=None)
def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def spec_urls(spec_text: str) -> list[str]:
    """Every data URL a chart spec loads (Vega-Lite `data: {url: ...}`)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("url"), str):
                found.append(node["url"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(spec_text))
    return found


def site_url_of(site: Path) -> str | None:
    """The absolute URL the site is published at (from the home page's canonical link), if it has one."""
    text = (site / "index.html").read_text(encoding="utf-8")
    marker = '<link rel="canonical" href="'
    if marker in text:
        url = text.split(marker, 1)[1].split('"', 1)[0]
        return url.rsplit("/", 1)[0] + "/"
    return None


def check_link(site: Path, page: Path, value: str, base: str, published: str | None, attr: str = "href") -> str | None:
    """None when the link is fine (or external); otherwise what is wrong with it."""
    value = value.strip()
    if value == "":
        return "empty link (it points at the page itself)"
    parts = urllib.parse.urlsplit(value)
    if parts.scheme in ("javascript", "vbscript"):
        return "script URL"
    if published and value.startswith(published):  # the site's own absolute URL: must exist locally
        value, parts = "/" + value[len(published):], urllib.parse.urlsplit("/" + value[len(published):])
        base_here = "/"
    else:
        base_here = base
    if parts.scheme or parts.netloc:
        return None  # external: not fetched
    page_url = "/" + page.relative_to(site).as_posix()
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_here):
            return f"root-relative link outside the published path {base_here}"
        target_path = "/" + parts.path[len(base_here):]
    elif parts.path:
        target_path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), urllib.parse.unquote(parts.path)))
        if parts.path.endswith("/"):
            target_path += "/"
    else:
        target_path = page_url
    target = site / urllib.parse.unquote(target_path.lstrip("/"))
    if target_path.endswith("/"):
        if attr == "data-bundle":  # Pagefind's bundle folder, not a page
            return None if (target / "pagefind-ui.js").is_file() else f"no Pagefind bundle in {target_path}"
        target = target / "index.html"
    if not target.resolve().is_relative_to(site):
        return "points outside the site"
    if not target.is_file():
        return f"missing file {target.relative_to(site) if target.is_relative_to(site) else target}"
    if parts.fragment and target.suffix == ".html":
        frag = urllib.parse.unquote(parts.fragment)
        if frag not in parse(target).ids:
            return f"no element with id {frag!r} in {target.relative_to(site)}"
    return None


def test_every_internal_link_and_fragment_resolves(site_dir):
    base = base_path(site_dir)
    published = site_url_of(site_dir)
    broken, checked = [], 0
    for page in all_pages(site_dir):
        parsed = parse(page)
        # 404.html is served at any depth, so its links are root-relative to the published path.
        links = [(line, attr, v) for line, attr, v in parsed.links]
        for line, spec in parsed.specs:
            links += [(line, "chart data", u) for u in spec_urls(spec)]
        for line, attr, value in links:
            checked += 1
            problem = check_link(site_dir, page, value, base, published, attr)
            if problem:
                broken.append(f"{page.relative_to(site_dir)}:{line} {attr}={value!r}: {problem}")
    assert checked > 0
    assert not broken, f"{len(broken)} broken internal links of {checked}:\n" + "\n".join(broken[:80])


def test_sitemap_lists_every_page_and_only_existing_ones(site_dir):
    published = site_url_of(site_dir)
    text = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = [chunk.split("</loc>", 1)[0] for chunk in text.split("<loc>")[1:]]
    rels = {loc[len(published):] if published and loc.startswith(published) else loc for loc in locs}
    missing = sorted(r for r in rels if not (site_dir / r).is_file())
    assert not missing, f"sitemap.xml lists pages that do not exist: {missing}"
    pages = {p.relative_to(site_dir).as_posix() for p in all_pages(site_dir)} - {"404.html"}
    assert pages <= rels, f"pages missing from sitemap.xml: {sorted(pages - rels)}"


def test_favicon_exists_and_every_page_links_it(site_dir):
    for page in all_pages(site_dir):
        icons = [v for _, attr, v in parse(page).links if attr == "href" and "favicon" in v]
        assert icons, f"{page.relative_to(site_dir)} links no favicon"
