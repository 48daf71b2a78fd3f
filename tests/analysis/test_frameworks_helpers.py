"""clustercsr.analysis.frameworks, on tiny tables with exact expected values."""
from __future__ import annotations


import pandas as pd

from clustercsr import analysis as an
from .analysis_tables import NONE, frame

# ---------------------------------------------------------------- frameworks

def test_framework_authors(labels):
    fws = frame("id label kind citekeys", ("own", "Our model", "this-paper", "lundthomsenetal2016"),
                ("up", "Upgrading", "reviewed", "lundthomsennadvi2010a;blackman2006"),
                ("inst", "Institutions", "reviewed", NONE), ("x", "Unknown", "reviewed", "nosuchkey"))
    assert an.framework_authors(fws, labels).to_dict() == {
        "own": "This review", "up": "Lund-Thomsen & Nadvi", "inst": "Institutions", "x": "Unknown"}


def test_framework_grid(factors):
    fws = frame("id label kind", ("own", "Our model", "this-paper"), ("up", "Upgrading", "reviewed"),
                ("inst", "Institutions", "reviewed"))
    ff = frame("framework_id factor_id note", ("up", "gvc", "Buyers."), ("own", "gvc", "Visible buyers."),
               ("own", "enforce", "Laws."))
    out = an.framework_grid(fws, ff, factors)
    assert out["framework_header"].drop_duplicates().tolist() == ["Upgrading", "Institutions", "This review"]
    assert out[["framework", "framework_rank", "factor", "factor_rank", "covered", "note"]].values.tolist() == [
        ["Upgrading", 0, "Global chains", 0, True, "Buyers."],
        ["Upgrading", 0, "Enforcement", 1, False, ""],
        ["Institutions", 1, "Global chains", 0, False, ""],
        ["Institutions", 1, "Enforcement", 1, False, ""],
        ["Our model", 2, "Global chains", 0, True, "Visible buyers."],
        ["Our model", 2, "Enforcement", 1, True, "Laws."],
    ]


def test_the_review_itself_is_not_counted_as_a_cited_work():
    evidence = pd.DataFrame({
        "citekey": ["a2001", "b2002", "a2001", "lundthomsenetal2016"],
        "subject_type": ["factor"] * 4,
        "subject_id": ["x", "x", "x", "x"],
        "cluster_id": [None, "c1", None, "c1"],
    })
    assert an.works_per_subject(evidence, "factor").to_dict() == {"x": 2}
    clusters = pd.DataFrame({"id": ["c1"], "citekeys": ["lundthomsenetal2016;c2003"]})
    assert an.cluster_works(clusters, evidence).to_dict() == {"c1": 2}
