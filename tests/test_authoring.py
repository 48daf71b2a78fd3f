"""Issue 15: the author's experience. One test per mistake an author makes (the issue's table), each asserting the
message the author sees (file, line, column where there is one, no traceback), the exit code, and that _site/ is
unchanged; then the CLI, preview, incremental rebuilds and the install.

All run the `clustercsr` command line (clustercsr.cli.main) on a copy of the fixture book, built once.
"""
from __future__ import annotations

import fnmatch
import hashlib
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from clustercsr.cli import main
from clustercsr.publish.build import build
from fixture_book import PROJECT, make_book

pytestmark = pytest.mark.slow

SOURCES = ("_quarto.yml", "index.qmd", "references.bib", "chapters", "briefs", "data")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("authoring") / "book")
    build(root, quiet=True, pdf=True)
    return root


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def mistake(root: Path, rel: str, edit):
    """Apply `edit` (text -> text) to one source file; put every source back afterwards."""
    saved = {p: p.read_bytes() for name in SOURCES for p in ([root / name] if (root / name).is_file()
                                                              else (root / name).rglob("*")) if p.is_file()}
    path = root / rel
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        yield path
    finally:
        for name in SOURCES:
            folder = root / name
            if folder.is_dir():
                for p in folder.rglob("*"):
                    if p.is_file() and p not in saved:
                        p.unlink()
        for p, data in saved.items():
            p.write_bytes(data)


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def fails_cleanly(book: Path, capsys, *expected: str, commands=("check", "build")) -> str:
    """Each command exits 1, prints every expected piece, no traceback, and leaves _site/ exactly as it was."""
    before = digest(book / "_site")
    text = ""
    for command in commands:
        argv = ["--root", str(book), command] + (["--quiet"] if command == "build" else [])
        code, text = run(capsys, *argv)
        assert code == 1, f"`clustercsr {command}` exited {code}:\n{text}"
        assert "Traceback" not in text, text
        for piece in expected:
            assert piece in text, f"`clustercsr {command}` did not say {piece!r}:\n{text}"
        assert digest(book / "_site") == before, f"`clustercsr {command}` changed _site/"
        assert not list(book.glob("._site.tmp-*"))
    return text


# ---------------------------------------------------------------------------------------------------------------
# The table, row by row
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table, old, column", [
    ("clusters", ",Sialkot footballs,", "name"),
    ("clusters", ",Sialkot,", "place"),
    ("evidence", ",Visible buyers pushed monitoring.", "finding"),
])
def test_whitespace_only_required_text_is_empty(book, capsys, table, old, column):
    path = book / "data" / f"{table}.csv"
    line = line_of(path, old)
    blank = "," + "   " + ("," if old.endswith(",") else "")
    with mistake(book, f"data/{table}.csv", lambda t: t.replace(old, blank, 1)):
        fails_cleanly(book, capsys, f"data/{table}.csv:{line}:", f"`{column}` is empty")


def test_open_quote_on_last_row(book, capsys):
    path = book / "data" / "evidence.csv"
    last = path.read_text(encoding="utf-8").splitlines()[-1]
    line = len(path.read_text(encoding="utf-8").splitlines())
    col = last.index("Inspections") + 1
    with mistake(book, "data/evidence.csv", lambda t: t.replace("Inspections were", '"Inspections were')):
        fails_cleanly(book, capsys, f"data/evidence.csv:{line}:{col}:", "quote")


def test_open_quote_on_a_middle_row_points_at_its_line(book, capsys):
    path = book / "data" / "evidence.csv"
    line = line_of(path, "Visible buyers")
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index("Visible") + 1
    with mistake(book, "data/evidence.csv", lambda t: t.replace("Visible buyers", '"Visible buyers')):
        text = fails_cleanly(book, capsys, f"data/evidence.csv:{line}:{col}:", "quote")
    assert "cell 'setup'" not in text and "evidence.py" not in text


def test_bib_entry_without_closing_brace_is_reported_at_its_line(book, capsys):
    bib = book / "references.bib"
    line = line_of(bib, "@book{blackman2006")
    close = line_of(bib, "publisher = {RFF Press}") + 1
    def edit(text):
        lines = text.splitlines()
        assert lines[close - 1] == "}"
        del lines[close - 1]
        return "\n".join(lines) + "\n"
    with mistake(book, "references.bib", edit):
        text = fails_cleanly(book, capsys, f"references.bib:{line}:", "blackman2006", "never closed")
    assert "factors.csv" not in text and "is not in references.bib" not in text


def test_duplicate_bib_key_names_both_lines(book, capsys):
    bib = book / "references.bib"
    first = line_of(bib, "@book{blackman2006")
    again = len(bib.read_text(encoding="utf-8").splitlines()) + 1
    entry = "@book{blackman2006,\n  author = {Blackman, Allen},\n  title = {Again},\n  year = {2006},\n}\n"
    with mistake(book, "references.bib", lambda t: t + entry):
        fails_cleanly(book, capsys, f"references.bib:{again}:", "blackman2006", f"line {first}")


def test_citekey_typo_in_a_chapter_gives_line_and_suggestion(book, capsys):
    chapter = book / "chapters" / "one.qmd"
    line = line_of(chapter, "[@lundthomsennadvi2010a]")
    col = chapter.read_text(encoding="utf-8").splitlines()[line - 1].index("@lundthomsennadvi2010a") + 1
    with mistake(book, "chapters/one.qmd", lambda t: t.replace("[@lundthomsennadvi2010a]", "[@lundthomsenadvi2010a]")):
        fails_cleanly(book, capsys, f"chapters/one.qmd:{line}:{col}:", "lundthomsenadvi2010a",
                      "did you mean 'lundthomsennadvi2010a'")


def test_cell_error_points_at_the_failing_line_with_the_cells_frames_only(book, capsys):
    chapter = book / "chapters" / "one.qmd"
    failing = line_of(chapter, "charts.drivers_barriers(ev)") + 1
    before = digest(book / "_site")
    with mistake(book, "chapters/one.qmd",
                 lambda t: t.replace("charts.drivers_barriers(ev)", "rows = ev.factors\nrows['no_such_column']")):
        code, text = run(capsys, "--root", str(book), "build", "--quiet")
        assert code == 1
        assert f"chapters/one.qmd:{failing}:" in text, text
        # The place as `check` gives it: relative to the project, so it reads the same on every machine.
        assert text.startswith(f"error: chapters/one.qmd:{failing}:") and str(book) not in text, text
        assert "KeyError" in text and "no_such_column" in text, text
        assert "pandas" not in text and "Traceback" not in text, text
        assert len(text.strip().splitlines()) <= 12, text
        code, verbose = run(capsys, "--root", str(book), "build", "--quiet", "--verbose")
        assert code == 1 and "pandas" in verbose, verbose
    assert digest(book / "_site") == before


def test_unknown_chart_name_lists_the_valid_ones(book, capsys):
    chapter = book / "chapters" / "one.qmd"
    line = line_of(chapter, "charts.drivers_barriers(ev)")
    with mistake(book, "chapters/one.qmd", lambda t: t.replace("charts.drivers_barriers(ev)", "charts.driver_barriers(ev)")):
        fails_cleanly(book, capsys, f"chapters/one.qmd:{line}:", "driver_barriers", "did you mean 'drivers_barriers'",
                      "cluster_map")


def test_broken_cross_reference_is_caught_by_check(book, capsys):
    chapter = book / "chapters" / "one.qmd"
    line = line_of(chapter, "@fig-drivers shows")
    with mistake(book, "chapters/one.qmd", lambda t: t.replace("@fig-drivers shows", "@fig-driver shows")):
        fails_cleanly(book, capsys, f"chapters/one.qmd:{line}:", "@fig-driver", "did you mean @fig-drivers")


def test_quarto_yml_unknown_key_is_caught_by_check(book, capsys):
    line = line_of(book / "_quarto.yml", "bibliography:")
    with mistake(book, "_quarto.yml", lambda t: t.replace("bibliography:", "bibliograpy:")):
        fails_cleanly(book, capsys, f"_quarto.yml:{line}:", "bibliograpy", "did you mean 'bibliography'")


def test_quarto_yml_chapter_missing_from_disk_is_caught_by_check(book, capsys):
    line = line_of(book / "_quarto.yml", "- chapters/one.qmd")
    with mistake(book, "_quarto.yml", lambda t: t.replace("- chapters/one.qmd", "- chapters/on.qmd")):
        fails_cleanly(book, capsys, f"_quarto.yml:{line}:", "chapters/on.qmd", "did you mean 'chapters/one.qmd'")


def test_quarto_yml_syntax_error_gives_line_column_and_indentation_hint(book, capsys):
    line = line_of(book / "_quarto.yml", "- chapters/one.qmd")
    with mistake(book, "_quarto.yml", lambda t: t.replace("    - chapters/one.qmd", "   - chapters/one.qmd")):
        text = fails_cleanly(book, capsys, "_quarto.yml:")
    assert re.search(rf"_quarto\.yml:{line}:\d+:", text), text
    assert "indent" in text, text


def test_figure_without_alt_text_and_unlisted_chapter_are_warnings(book, capsys):
    chapter = book / "chapters" / "one.qmd"
    line = line_of(chapter, "#| label: fig-drivers") - 1
    with mistake(book, "chapters/one.qmd", lambda t: t.replace('#| fig-alt: "Bars for two factors."\n', "")):
        (book / "chapters" / "two.qmd").write_text('---\ntitle: "Two"\n---\n\nText.\n', encoding="utf-8")
        code, text = run(capsys, "--root", str(book), "check")
        assert code == 0, text
        assert f"chapters/one.qmd:{line}:" in text and "fig-alt" in text, text
        assert "chapters/two.qmd" in text and "not listed in _quarto.yml" in text, text
        assert "warning" in text, text


def test_bad_enum_in_plain_words(book, capsys):
    path = book / "data" / "evidence.csv"
    line = line_of(path, "e001,")
    with mistake(book, "data/evidence.csv", lambda t: t.replace("e001,blackman2006,factor,enforcement,,supports,",
                                                               "e001,blackman2006,factor,enforcement,,mixd,")):
        text = fails_cleanly(book, capsys, f"data/evidence.csv:{line}:",
                             "`stance` must be one of: supports, contests, mixed (got 'mixd')", "did you mean 'mixed'")
    assert "isin(" not in text


def test_cluster_citekeys_must_match_its_evidence_rows(book, capsys):
    path = book / "data" / "clusters.csv"
    line = line_of(path, "sialkot-footballs")
    with mistake(book, "data/clusters.csv", lambda t: t.replace("export,work-conditions,lundthomsennadvi2010a,",
                                                               "export,work-conditions,blackman2006,")):
        fails_cleanly(book, capsys, f"data/clusters.csv:{line}:", "citekeys", "blackman2006", "lundthomsennadvi2010a")


def test_check_reports_every_problem_grouped_by_file(book, capsys):
    def several(text):
        return text.replace(",Sialkot footballs,", ",   ,").replace(",export,", ",exprt,")
    with mistake(book, "data/clusters.csv", several):
        chapter = book / "chapters" / "one.qmd"
        chapter.write_text(chapter.read_text(encoding="utf-8").replace("[@lundthomsennadvi2010a]", "[@nosuch2000]"),
                           encoding="utf-8")
        text = fails_cleanly(book, capsys, "`name` is empty", "`market` must be one of", "nosuch2000",
                             commands=("check",))
    assert text.index("data/clusters.csv") < text.index("chapters/one.qmd") or \
        text.index("chapters/one.qmd") < text.index("data/clusters.csv")
    assert "3 errors" in text, text


# ---------------------------------------------------------------------------------------------------------------
# The build validates before it starts any kernel
# ---------------------------------------------------------------------------------------------------------------

def test_build_checks_before_starting_a_kernel(book, capsys, monkeypatch):
    from clustercsr.publish import execute

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started before the data was checked")

    monkeypatch.setattr(execute.Executor, "_execute", no_kernel)
    with mistake(book, "data/evidence.csv", lambda t: t.replace(",supports,", ",mixd,", 1)):
        fails_cleanly(book, capsys, "data/evidence.csv:", "`stance` must be one of", commands=("build",))


# ---------------------------------------------------------------------------------------------------------------
# Preview
# ---------------------------------------------------------------------------------------------------------------

def test_rebuild_without_pdfs_keeps_the_pdfs(book):
    site = book / "_site"
    pdfs = sorted(p.relative_to(site) for p in site.rglob("*.pdf"))
    assert pdfs, "the fixture site has no PDFs"
    build(book, quiet=True, pdf=False)  # what preview does on each change
    assert sorted(p.relative_to(site) for p in site.rglob("*.pdf")) == pdfs


def test_preview_busy_port_is_one_clear_line(book, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        code, text = run(capsys, "preview", "--root", str(book), "--port", str(port))
    assert code != 0 and "Traceback" not in text and "OSError" not in text
    assert len(text.strip().splitlines()) == 1 and str(port) in text and "in use" in text, text


def test_preview_invalid_port_is_one_clear_line(book, capsys):
    code, text = run(capsys, "preview", "--root", str(book), "--port", "99999")
    assert code != 0 and "Traceback" not in text and "OverflowError" not in text
    assert len(text.strip().splitlines()) == 1 and "99999" in text, text


def test_preview_serves_the_sites_own_404(book):
    import http.server
    import threading

    from clustercsr.publish import serve
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), serve.make_handler(book / "_site", serve.State()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/chapters/nope.html")
        assert err.value.code == 404
        body = err.value.read().decode()
        assert body == (book / "_site" / "404.html").read_text(encoding="utf-8") or "Fixture book" in body, body[:300]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("name", [".one.qmd.swp", "one.qmd~", ".#one.qmd", "4913", "one.qmd.tmp", "#one.qmd#",
                                  ".~lock.factors.csv#", "one.qmd.crswap"])
def test_preview_ignores_editor_temp_files(book, name):
    from watchfiles import Change

    from clustercsr.publish import serve
    assert serve.watch_filter(Change.modified, str(book / "chapters" / name)) is False
    assert serve.watch_filter(Change.modified, str(book / "chapters" / "one.qmd")) is True


# ---------------------------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------------------------

def test_version(capsys):
    import clustercsr
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert f"clustercsr {clustercsr.__version__}" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["build", "check", "figures", "preview"])
def test_every_command_has_quiet_and_verbose_with_help(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    for flag in ("-q, --quiet", "-v, --verbose", "--root"):
        assert flag in text, f"{command} --help lacks {flag}:\n{text}"


def test_top_level_help_is_for_authors(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "Thin" not in text and "each verb" not in text
    assert "_site" in text and "check" in text and "preview" in text


def test_root_after_the_subcommand_and_from_a_subfolder(book, capsys, monkeypatch):
    code, text = run(capsys, "check", "--root", str(book))
    assert code == 0, text
    monkeypatch.chdir(book / "chapters")
    code, text = run(capsys, "check")
    assert code == 0, text
    assert "chapters/data" not in text


def test_ctrl_c_prints_one_line_and_exits_130(book, capsys, monkeypatch):
    from clustercsr.publish import build as build_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "build", interrupted)
    code, text = run(capsys, "build", "--root", str(book))
    assert code == 130
    assert len(text.strip().splitlines()) == 1 and "Traceback" not in text, text


# ---------------------------------------------------------------------------------------------------------------
# Rebuild only what changed, once
# ---------------------------------------------------------------------------------------------------------------

def test_each_page_executes_once_for_html_and_pdf(tmp_path):
    root = make_book(tmp_path / "book")
    report = build(root, quiet=True, pdf=True)
    # index, chapters/one and briefs/sample each have cells: three kernels, not one per page per format.
    assert report.kernels == 3, report.kernels
    assert report.pdfs == 2


def test_bib_entry_cited_only_in_prose_reexecutes_only_pages_that_read_the_bibliography(book):
    build(book, quiet=True, pdf=True)
    entry = "@misc{newwork2024,\n  author = {New, Author},\n  title = {A new work},\n  year = {2024},\n}\n"
    with mistake(book, "references.bib", lambda t: t + entry):
        index = book / "index.qmd"
        index.write_text(index.read_text(encoding="utf-8") + "\nSee also [@newwork2024].\n", encoding="utf-8")
        report = build(book, quiet=True, pdf=True)
        # index.qmd's cells never read references.bib, so it is not re-executed; the chart pages are.
        assert report.kernels <= 2, report.kernels
        assert "New" in (book / "_site" / "index.html").read_text(encoding="utf-8")
    build(book, quiet=True, pdf=True)


@pytest.fixture
def executed(monkeypatch):
    """The pages (project-relative) whose cells a build really executes, in the order they start."""
    from clustercsr.publish import execute

    pages: list[str] = []
    real = execute.Executor._execute

    def recording(self, doc, targets):
        pages.append(doc.path.relative_to(self.root).as_posix())
        return real(self, doc, targets)

    monkeypatch.setattr(execute.Executor, "_execute", recording)
    return pages


def site_text(root: Path) -> str:
    """Everything a reader can be sent for the fixture chapter: its page and the chart files it refers to."""
    site = root / "_site"
    files = [site / "chapters" / "one.html", *sorted((site / "figures").rglob("*"))]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files if p.is_file())


def test_data_edit_reexecutes_only_pages_whose_cells_read_that_table(book, executed):
    build(book, quiet=True, pdf=True)
    executed.clear()
    # No cell of the fixture reads errata.csv (index.qmd only calls setup(); the chart reads factors, evidence).
    with mistake(book, "data/errata.csv", lambda t: t.replace("A misspelt place name.", "A misspelt town name.")):
        build(book, quiet=True, pdf=True)
        assert executed == [], f"an edit to errata.csv, which no cell reads, re-executed {executed}"
    # The chart of chapters/one.qmd and of the brief shows factors.csv's labels: those two run again, not index.qmd.
    before = site_text(book)
    with mistake(book, "data/factors.csv", lambda t: t.replace("Participation in global value chains",
                                                                 "Participation in world value chains")):
        build(book, quiet=True, pdf=True)
        assert sorted(executed) == ["briefs/sample.qmd", "chapters/one.qmd"], executed
        after = site_text(book)
        assert "world value chains" in after and "world value chains" not in before
    executed.clear()
    build(book, quiet=True, pdf=True)  # the edit undone: the cache gives back the first outputs
    assert sorted(executed) == ["briefs/sample.qmd", "chapters/one.qmd"], executed
    assert "world value chains" not in site_text(book)


def test_every_table_is_validated_on_every_build_even_one_no_cell_reads(book, capsys):
    build(book, quiet=True, pdf=True)
    with mistake(book, "data/errata.csv", lambda t: t.replace(",spelling,", ",spelinng,")):
        fails_cleanly(book, capsys, "data/errata.csv:2:", "`kind` must be one of", commands=("build",))


def test_a_briefs_typst_options_are_part_of_its_cache_key(book, executed):
    """The chart of a brief is laid out for the brief's page (papersize, margins): a change there re-executes it."""
    build(book, quiet=True, pdf=True)
    executed.clear()
    with mistake(book, "briefs/sample.qmd", lambda t: t.replace("x: 1.5cm", "x: 3cm", 1)):
        build(book, quiet=True, pdf=True)
        assert executed == ["briefs/sample.qmd"], f"new margins, but the brief's chart came from the cache: {executed}"
    build(book, quiet=True, pdf=True)


@pytest.fixture
def compiled(monkeypatch):
    """The PDFs a build really compiles with Typst (file names)."""
    from clustercsr.publish import pdf as pdf_stage

    names: list[str] = []
    real = pdf_stage.typst.compile_with_warnings

    def recording(main, *args, output=None, **kwargs):
        names.append(Path(output).name)
        return real(main, *args, output=output, **kwargs)

    monkeypatch.setattr(pdf_stage.typst, "compile_with_warnings", recording)
    return names


def test_pdfs_are_reused_unless_what_goes_into_them_changed(book, compiled):
    build(book, quiet=True, pdf=True)
    site = book / "_site"
    compiled.clear()
    first = digest(site)
    build(book, quiet=True, pdf=True)
    assert compiled == [], f"a rebuild with no change compiled {compiled}"
    assert digest(site) == first
    sample = book / "briefs" / "sample.qmd"
    with mistake(book, "briefs/sample.qmd", lambda t: t):
        shutil.copyfile(sample, book / "briefs" / "other.qmd")
        build(book, quiet=True, pdf=True)
        assert compiled == ["other.pdf"], compiled
        compiled.clear()
        other = (site / "briefs" / "other.pdf").read_bytes()
        report = (site / "pdf" / "clustercsr-report.pdf").read_bytes()
        text = sample.read_text(encoding="utf-8")
        sample.write_text(text.replace("Small firms struggle.", "Small firms often struggle."), encoding="utf-8")
        build(book, quiet=True, pdf=True)
        assert compiled == ["sample.pdf"], f"an edit to briefs/sample.qmd compiled {compiled}"
        assert (site / "briefs" / "other.pdf").read_bytes() == other
        assert (site / "pdf" / "clustercsr-report.pdf").read_bytes() == report
        assert hashlib.sha256((site / "briefs" / "sample.pdf").read_bytes()).hexdigest() != first["briefs/sample.pdf"]
    compiled.clear()
    build(book, quiet=True, pdf=True)  # back as it was: the first sample.pdf again, from the cache
    assert compiled == [] and digest(site) == first


def test_pdf_cache_keeps_only_the_last_versions_of_each_pdf(tmp_path):
    from clustercsr.publish import pdf as pdf_stage

    cache, made = tmp_path / "cache", tmp_path / "made.pdf"
    made.write_bytes(b"%PDF-1.7")
    pdf_stage._store(cache, "other@0", made, [])
    for i in range(pdf_stage.CACHED_VERSIONS + 2):
        time.sleep(0.02)  # distinct modification times: the newest versions are the ones kept
        pdf_stage._store(cache, f"sample@{i}", made, [])
    kept = sorted(p.name for p in cache.iterdir())
    newest = range(2, pdf_stage.CACHED_VERSIONS + 2)
    expected = ["other@0.json", "other@0.pdf", *(f"sample@{i}{x}" for i in newest for x in (".json", ".pdf"))]
    assert kept == sorted(expected), kept


def test_progress_names_each_page_with_done_and_total(tmp_path, capsys):
    root = make_book(tmp_path / "book")
    build(root, pdf=False)
    err = capsys.readouterr().err
    assert re.search(r"\b1/2\b.*(index\.qmd|chapters/one\.qmd)", err), err
    assert re.search(r"\b2/2\b", err), err


def test_leftover_staging_folder_is_removed_and_ignored(book):
    leftover = book / "._site.tmp-killed"
    leftover.mkdir()
    (leftover / "index.html").write_text("half", encoding="utf-8")
    build(book, quiet=True, pdf=False)
    assert not leftover.exists()
    patterns = [p.strip() for p in (PROJECT / ".gitignore").read_text(encoding="utf-8").splitlines()]
    assert any(fnmatch.fnmatch("._site.tmp-abc123", p.rstrip("/")) for p in patterns if p), patterns


# ---------------------------------------------------------------------------------------------------------------
# Install: licence metadata, lock files
# ---------------------------------------------------------------------------------------------------------------

def test_licence_is_declared_the_current_way():
    meta = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    project = meta["project"]
    assert project["license"] == "MIT"
    for name in project["license-files"]:
        assert list(PROJECT.glob(name)), name
    assert any(re.match(r"setuptools>=(7[7-9]|[89]\d)", r) for r in meta["build-system"]["requires"])


def test_make_site_installs_from_a_lock_with_hashes():
    lock = PROJECT / "requirements.lock"
    assert lock.is_file()
    text = lock.read_text(encoding="utf-8")
    packages = re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==\S+", text, flags=re.M)
    assert len(packages) > 50
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        if re.match(r"[A-Za-z0-9]", block):
            assert "--hash=sha256:" in block, block.splitlines()[0]
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "requirements.lock" in makefile and re.search(r"^lock:", makefile, flags=re.M)
    assert (PROJECT / "package-lock.json").is_file()
