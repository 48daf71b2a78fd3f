"""Build the fixture book end to end: pages, cross-references, citations, caching, atomicity, determinism."""
from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from clustercsr.errors import BuildError
from clustercsr.publish.build import build
from fixture_book import make_book

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("book") / "book")
    report = build(root, quiet=True, pdf=False)
    return root, report


@contextmanager
def edited_chapter(root: Path, edit):
    """Apply `edit` to the fixture chapter's text for the duration of the block; yield the original text."""
    chapter = root / "chapters" / "one.qmd"
    original = chapter.read_text(encoding="utf-8")
    chapter.write_text(edit(original), encoding="utf-8")
    try:
        yield original
    finally:
        chapter.write_text(original, encoding="utf-8")


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_and_assets(built):
    root, report = built
    site = root / "_site"
    for rel in ["index.html", "chapters/one.html", "404.html", "sitemap.xml", "assets/vendor/vega-runtime.js",
                "assets/charts.js", "pagefind/pagefind-ui.js", "figures/drivers-barriers.svg",
                "figures/drivers-barriers.png", "figures/drivers-barriers.csv", "data/factors.csv"]:
        assert (site / rel).is_file(), rel
    assert report.pages == 2 and report.charts == 1 and report.kernels == 2


def test_chapter_html(built):
    html = (built[0] / "_site" / "chapters" / "one.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in html
    assert 'Content-Security-Policy' in html
    assert '<a href="#fig-drivers">Figure\u00a01.1</a>' in html            # cross-reference became a link
    assert 'id="fig-drivers"' in html and "Figure 1.1:" in html          # numbered float with caption
    assert 'href="#ref-lundthomsennadvi2010a"' in html                 # citeproc linked citation
    assert 'class="callout callout-note"' in html and "What we know" in html
    assert '<span class="header-section-number">1.1</span>' in html
    assert 'type="application/json" class="cc-chart-spec"' in html
    assert "text/html" not in html
    assert re.search(r'<script src="\.\./assets/charts\.js" data-runtime="\.\./assets/vendor/vega-runtime\.js" defer>', html)
    assert "cdn" not in html.lower() and "googleapis" not in html
    index = (built[0] / "_site" / "index.html").read_text(encoding="utf-8")
    assert "vega-runtime.js" not in index and "charts.js" not in index   # pages without charts load no chart code
    assert 'href="chapters/one.html"' in index                            # .qmd links rewritten


def test_chart_spec_loads_shared_data_file(built):
    html = (built[0] / "_site" / "chapters" / "one.html").read_text(encoding="utf-8")
    assert '"url":"../figures/data/data-' in html
    assert '"datasets"' not in html


def test_rebuild_uses_cache_and_is_byte_identical(built):
    root, _ = built
    first = tree_digest(root / "_site")
    report = build(root, quiet=True, pdf=False)
    assert report.kernels == 0 and report.cached == 2
    assert tree_digest(root / "_site") == first


def test_installing_fonts_redraws_the_charts(built, monkeypatch):
    """Previews are measured in the installed fonts; a cache made before Debian's chromium brought the Liberation
    faces kept text set in another face, a few pixels from the live chart. New fonts re-execute the pages."""
    from clustercsr.publish import execute
    root, _ = built
    real = execute.fonts_hash()
    monkeypatch.setattr(execute, "fonts_hash", lambda: real + "-with-a-new-font")
    assert build(root, quiet=True, pdf=False).kernels > 0, "a change of fonts reused charts drawn in the old ones"
    monkeypatch.setattr(execute, "fonts_hash", lambda: real)
    assert build(root, quiet=True, pdf=False).kernels == 0


def test_prose_edit_reruns_no_kernel(built):
    root, _ = built
    with edited_chapter(root, lambda t: t.replace("Pressure from buyers matters", "Pressure from buyers clearly matters")):
        report = build(root, quiet=True, pdf=False)
        assert report.kernels == 0
        assert "clearly matters" in (root / "_site" / "chapters" / "one.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("charts.drivers_barriers(ev)", "1 / 0"), "cell 'fig-drivers' failed"),
    (lambda t: t.replace("[@lundthomsennadvi2010a]", "[@nosuchkey2099]"), "nosuchkey2099"),
    (lambda t: t.replace("@fig-drivers shows", "@fig-missing shows"), "broken cross-reference @fig-missing"),
    (lambda t: t.replace('title: "Drivers"', 'title: "Drivers'), "malformed front matter"),
])
def test_failures_stop_the_build_and_keep_the_old_site(built, edit, message):
    root, _ = built
    before = tree_digest(root / "_site")
    with edited_chapter(root, edit), pytest.raises(BuildError) as err:
        build(root, quiet=True, pdf=False)
    assert message in err.value.describe()
    assert "one.qmd" in err.value.describe()
    assert tree_digest(root / "_site") == before
    assert not list(root.glob("._site.tmp-*"))


def test_failing_cell_reports_line_and_traceback(built):
    root, _ = built
    with edited_chapter(root, lambda t: t.replace("charts.drivers_barriers(ev)", "1 / 0")) as original, \
            pytest.raises(BuildError) as err:
        build(root, quiet=True, pdf=False)
    failing_line = original.splitlines().index("charts.drivers_barriers(ev)") + 1  # the line that raised, not the fence
    assert err.value.line == failing_line
    assert "ZeroDivisionError" in err.value.describe()
    assert "ZeroDivisionError" in err.value.detail  # the full traceback, for --verbose


def test_malformed_quarto_yml(built, tmp_path):
    root = make_book(tmp_path / "bad")
    (root / "_quarto.yml").write_text("project: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build(root, quiet=True, pdf=False)
    assert "_quarto.yml" in err.value.describe() and "malformed YAML" in err.value.describe()


def test_cli_exits_nonzero_with_clean_message(tmp_path, capsys):
    from clustercsr.cli import main
    root = make_book(tmp_path / "bad")
    (root / "data" / "clusters.csv").write_text("id,name\nx,y\n", encoding="utf-8")
    code = main(["--root", str(root), "check"])
    assert code == 1
    err = capsys.readouterr().err
    assert "clusters.csv" in err and "missing required column" in err


CHART_FILE = re.compile(r"figures/(?:data|preview)/[A-Za-z0-9._-]+")


def test_rebuild_after_a_data_change_keeps_only_live_chart_data(built):
    """An author renames a factor and rebuilds: the chart's data file changes name (it is named by content),
    and the old one leaves both the site and the source tree's figures/data; nothing a page refers to is lost."""
    root, _ = built
    factors = root / "data" / "factors.csv"
    original = factors.read_text(encoding="utf-8")
    before = {p.name for p in (root / "figures" / "data").iterdir()}
    factors.write_text(original.replace("Enforcement of national laws,", "Enforcement of the national laws,", 1),
                       encoding="utf-8")
    try:
        build(root, quiet=True, pdf=False)
        site = root / "_site"
        referenced = {m for p in site.rglob("*.html") for m in CHART_FILE.findall(p.read_text(encoding="utf-8"))}
        shipped = {p.relative_to(site).as_posix() for d in ("data", "preview") for p in (site / "figures" / d).glob("*")}
        source = {f"figures/data/{p.name}" for p in (root / "figures" / "data").iterdir()}
        assert shipped == referenced, sorted(shipped ^ referenced)
        assert source == {r for r in referenced if r.startswith("figures/data/")}, sorted(source ^ referenced)
        assert before - {p.rsplit("/", 1)[1] for p in source}, "the rename changed no data file"
    finally:
        factors.write_text(original, encoding="utf-8")
