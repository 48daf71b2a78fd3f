"""The evidence base: loads typed, and every kind of bad input fails with file, row, column and rule."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clustercsr import evidence
from clustercsr.errors import BuildError

FIXTURE = Path(__file__).parent / "fixtures" / "book"
PROJECT = Path(__file__).parent.parent


@pytest.fixture
def book(tmp_path):
    dest = tmp_path / "book"
    shutil.copytree(FIXTURE, dest)
    return dest


def test_fixture_loads_typed(book):
    ev = evidence.load(book)
    assert len(ev.factors) == 3
    assert ev.factors["in_table1"].dtype == bool
    assert ev.clusters["lat"].dtype == float
    assert ev.limitations["order"].dtype.kind == "i"
    assert set(ev.references["key"]) == {"blackman2006", "lundthomsennadvi2010a"}


def replace_in(book, table, old, new):
    path = book / "data" / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_bytes(book, table, data: bytes):
    (book / "data" / f"{table}.csv").write_bytes(data)


CASES = {
    "missing column": (lambda b: replace_in(b, "clusters", ",market,", ",marketx,"), "clusters.csv", None, "market", "missing required column"),
    "wrong type": (lambda b: replace_in(b, "clusters", "32.49", "north"), "clusters.csv", 2, "lat", "`lat` must be a number"),
    "duplicate id": (lambda b: replace_in(b, "factors", "global-chains,Participation", "enforcement,Participation"), "factors.csv", 4, "id", "is used twice: also on line 2"),
    "dangling foreign key": (lambda b: replace_in(b, "evidence", "sialkot-footballs", "atlantis"), "evidence.csv", 3, "cluster_id", "not an id in clusters.csv"),
    "unknown citekey": (lambda b: replace_in(b, "evidence", "e003,blackman2006", "e003,smith1999"), "evidence.csv", 4, "citekey", "not in references.bib"),
    "latitude out of range": (lambda b: replace_in(b, "clusters", "32.49", "123"), "clusters.csv", 2, "lat", "`lat` must be between -90 and 90 (got 123.0)"),
    "empty file": (lambda b: write_bytes(b, "topics", b""), "topics.csv", None, None, "empty"),
    "not utf-8": (lambda b: write_bytes(b, "limitations", "id,label,order,section,summary\nx,Caf\xe9,1,limitations,s\n".encode("latin-1")), "limitations.csv", 2, None, "not valid UTF-8"),
    "byte-order mark": (lambda b: write_bytes(b, "errata", b"\xef\xbb\xbf" + (FIXTURE / "data" / "errata.csv").read_bytes()), "errata.csv", None, None, "byte-order mark"),
    "unquoted comma": (lambda b: replace_in(b, "topics", "Whether it pays.", "Whether, it pays."), "topics.csv", 2, None, "this row has 8 values but the header has 7"),
    "empty required text": (lambda b: replace_in(b, "limitations", "Too many export studies.", ""), "limitations.csv", 2, "summary", "empty"),
    "bad enum": (lambda b: replace_in(b, "clusters", ",export,", ",overseas,"), "clusters.csv", 2, "market", "`market` must be one of: export, domestic, mixed, not stated (got 'overseas')"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_names_file_row_column_and_rule(book, case):
    damage, file, row, column, message = CASES[case]
    damage(book)
    with pytest.raises(BuildError) as err:
        evidence.load(book)
    e = err.value
    text = e.describe()
    assert file in text and message in text, text
    if row is not None:
        assert e.row == row or e.line == row, text
    if column is not None:
        assert e.column == column, text


def test_formula_like_text_is_kept_as_data(book):
    replace_in(book, "evidence", "Enforcement alone rarely works.", '"=HYPERLINK(""http://x"",""y"")"')
    ev = evidence.load(book)
    assert ev.evidence["finding"].iloc[0].startswith("=HYPERLINK")


def test_csv_downloads_neutralise_formulas():
    import pandas as pd

    from clustercsr.safety import csv_safe_frame
    frame = pd.DataFrame({"a": ["=HYPERLINK(1)", "+1", "-2", "@x", "plain", None], "n": [1, 2, 3, 4, 5, 6]})
    out = csv_safe_frame(frame)
    assert out["a"].tolist()[:5] == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "plain"]
    assert out["n"].tolist() == [1, 2, 3, 4, 5, 6]


def test_script_in_summary_is_escaped_in_tables(book):
    from clustercsr import tables
    replace_in(book, "errata", "A misspelt place name.", "<script>alert(1)</script>")
    ev = evidence.load(book)
    md = tables.errata(ev).to_markdown()
    assert "<script>" not in md and "\\<script\\>" in md


def test_unknown_citation_in_sources(book):
    page = book / "chapters" / "one.qmd"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [@ghost2001].\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        evidence.check(book)
    assert "ghost2001" in err.value.describe() and "one.qmd" in err.value.describe() and err.value.line


def test_real_evidence_base_is_valid():
    if not (PROJECT / "data" / "evidence.csv").is_file():
        pytest.skip("data/ not curated yet")
    summary = evidence.check(PROJECT)
    assert "Evidence base is valid." in summary
