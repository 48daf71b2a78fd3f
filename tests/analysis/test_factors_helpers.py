"""clustercsr.analysis.factors, on tiny tables with exact expected values."""
from __future__ import annotations


import pandas as pd

from clustercsr import analysis as an
from .analysis_tables import frame

# ---------------------------------------------------------------- drivers and barriers

def test_works_per_subject(evidence):
    assert an.works_per_subject(evidence, "factor").to_dict() == {"assoc": 1, "gvc": 2, "lvc": 1}
    assert an.works_per_subject(evidence, "limitation").to_dict() == {"export": 2}


def test_factor_pairs(factors, evidence):
    out = an.factor_pairs(factors, evidence)
    assert out[["id", "pair", "pair_label", "pair_rank", "works", "signed_works"]].values.tolist() == [
        ["lvc", "gvc", "Global chains", 0, 1, -1],  # within a pair: barrier row, then driver row
        ["gvc", "gvc", "Global chains", 0, 2, 2],
        ["assoc", "assoc", "Associations", 1, 1, 1],
        ["enforce", "enforce", "Enforcement", 2, 0, 0],
        ["bribes", "bribes", "(no driver) Bribes", 3, 0, 0],
    ]
    assert out["pair_key"].tolist() == ["gvc|Local chains|Global chains", "gvc|Local chains|Global chains",
                                        "assoc||Associations", "enforce||Enforcement", "bribes|Bribes|"]


def test_evidence_rows_and_lines(evidence, clusters, labels):
    rows = an.evidence_rows(evidence, clusters, labels, "limitation")
    assert rows[["subject_id", "cluster_id", "citation", "cluster", "finding"]].values.tolist() == [
        ["export", "torreon", "Accountability (2006)", "Torreón jeans", "F7"],
        ["export", "kasur", "Blackman (2006)", "Kasur tanneries", "F8"],
        ["export", "torreon", "Blackman (2006)", "Torreón jeans", "F9"],
    ]
    assert rows["locator"].tolist() == ["", "", ""]   # the tiny table has no locator column
    located = an.evidence_rows(evidence.assign(locator="§ Drivers, ¶4"), clusters, labels, "limitation")
    assert located["locator"].tolist() == ["§ Drivers, ¶4"] * 3 and located["citekey"].iloc[0] == "accountability2006"
    lines = an.evidence_lines(rows.head(2).rename(columns={"subject_id": "id"}).assign(finding="aaa bbb ccc"),
                              "id", width=7, about=pd.Series({0: "Export focus"}))
    assert lines.values.tolist() == [
        ["export", 0, "head", "Accountability (2006) \u00b7 Torreón jeans \u00b7 Export focus", "aaa bbb ccc"],
        ["export", 1, "body", "aaa bbb", "aaa bbb ccc"],
        ["export", 2, "body", "ccc", "aaa bbb ccc"],
        ["export", 3, "gap", "", "aaa bbb ccc"],
        ["export", 4, "head", "Blackman (2006) \u00b7 Kasur tanneries", "aaa bbb ccc"],
        ["export", 5, "body", "aaa bbb", "aaa bbb ccc"],
        ["export", 6, "body", "ccc", "aaa bbb ccc"],
    ]


def test_subject_names(evidence):
    tables = {"factor": frame("id label", ("gvc", "Global chains")), "limitation": frame("id label",
                                                                                       ("export", "Export focus"))}
    names = an.subject_names(evidence.iloc[[0, 5, 6]], tables)
    assert names.tolist() == ["Global chains", "agency", "Export focus"]


