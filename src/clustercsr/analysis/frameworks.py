"""The theoretical frameworks the review compares, and the factors each covers."""
from __future__ import annotations

import re

import pandas as pd

from clustercsr.analysis.text import split_keys

# --------------------------------------------------------------------------------------------------------------
# Frameworks compared
# --------------------------------------------------------------------------------------------------------------

def framework_authors(frameworks: pd.DataFrame, labels: pd.Series) -> pd.Series:
    """framework id → a short heading naming its authors ("Lund-Thomsen & Nadvi", "Pyke"), from the first
    citekey's author–year label without the year; the paper's own model is "This review"; a framework
    without citekeys keeps its label."""
    def short(row):
        if row["kind"] == "this-paper":
            return "This review"
        keys = split_keys(row.get("citekeys"))
        if not keys or keys[0] not in labels.index:
            return row["label"]
        return re.sub(r"\s*\([^)]*\)$", "", labels[keys[0]])
    return pd.Series([short(r) for _, r in frameworks.iterrows()], index=frameworks["id"].values, dtype=object)


def framework_grid(frameworks: pd.DataFrame, framework_factors: pd.DataFrame, factors: pd.DataFrame,
                   labels: pd.Series | None = None) -> pd.DataFrame:
    """Every framework × every factor that at least one framework covers, marked covered or not.

    Reviewed frameworks come first in the order of frameworks.csv and the paper's own model ("this-paper")
    last; factors keep the order of factors.csv. Columns: framework_id, framework, framework_header (a short
    heading from framework_authors, given citation `labels`; else the label), framework_kind,
    framework_rank, factor_id, factor, factor_rank, covered, status, note.
    """
    headers = framework_authors(frameworks, labels if labels is not None else pd.Series(dtype=object))
    fw = pd.concat([frameworks[frameworks["kind"] != "this-paper"], frameworks[frameworks["kind"] == "this-paper"]])
    covered_ids = list(dict.fromkeys(framework_factors["factor_id"]))
    fac = factors[factors["id"].isin(covered_ids)].reset_index(drop=True)
    notes = framework_factors.set_index(["framework_id", "factor_id"])["note"]
    rows = []
    for i, f in enumerate(fw.itertuples(index=False)):
        for j, c in enumerate(fac.itertuples(index=False)):
            covered = (f.id, c.id) in notes.index
            rows.append({"framework_id": f.id, "framework": f.label, "framework_header": headers[f.id],
                         "framework_kind": f.kind, "framework_rank": i,
                         "factor_id": c.id, "factor": c.label, "factor_rank": j, "covered": covered,
                         "status": "covered" if covered else "not covered",
                         "note": notes[(f.id, c.id)] if covered else ""})
    return pd.DataFrame(rows, columns=["framework_id", "framework", "framework_header", "framework_kind",
                                       "framework_rank", "factor_id", "factor", "factor_rank", "covered", "status",
                                       "note"])


def framework_subset(frameworks: pd.DataFrame, framework_factors: pd.DataFrame, most_frameworks: int,
                     most_factors: int) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    """At most `most_frameworks` frameworks (the first reviewed ones in file order, and always the paper's own
    model: of several "this-paper" rows, the first quarter of the places at most) and, of the factors they cover, the `most_factors` covered by the most of them (ties: file order).

    Returns (frameworks, framework_factors) cut to those, and the numbers of frameworks and covered factors
    before the cut.
    """
    own = frameworks[frameworks["kind"] == "this-paper"]
    reviewed = frameworks[frameworks["kind"] != "this-paper"]
    n_frameworks = len(frameworks)
    n_factors = framework_factors["factor_id"].nunique()
    own = own.head(max(1, most_frameworks // 4))
    keep_fw = pd.concat([reviewed.head(max(most_frameworks - len(own), 0)), own])
    links = framework_factors[framework_factors["framework_id"].isin(keep_fw["id"])]
    order = list(dict.fromkeys(links["factor_id"]))
    counts = links.groupby("factor_id")["framework_id"].nunique()
    top = sorted(order, key=lambda f: (-counts.get(f, 0), order.index(f)))[:most_factors]
    links = links[links["factor_id"].isin(top)]
    return keep_fw.loc[frameworks.index.intersection(keep_fw.index)].reindex(keep_fw.index), links, n_frameworks, \
        n_factors
